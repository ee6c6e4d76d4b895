# GoSynth system-makefile stub: the few defaults a FreeBSD sys.mk gives every makefile.
unix?=		We run FreeBSD, not UNIX.
.SUFFIXES:	.out .a .o .c .cc .cpp .cxx .C .h .sh
AR?=		ar
CC?=		cc
CXX?=		c++
CPP?=		cpp
CFLAGS?=	-O2 -pipe
CXXFLAGS?=	${CFLAGS}
LD?=		ld
LEX?=		lex
YACC?=		yacc
INSTALL?=	install
MAKE?=		make
SHELL?=		sh
# FreeBSD's make prints -V values fully expanded; bmake does so only when asked.
.MAKE.EXPAND_VARIABLES?=	yes
# Last, as FreeBSD's sys.mk does: the user's make.conf. A scan points __MAKE_CONF at the profile's make.conf,
# or at /dev/null when there is none.
__MAKE_CONF?=	/etc/make.conf
.if !empty(__MAKE_CONF) && ${__MAKE_CONF} != "/dev/null" && exists(${__MAKE_CONF})
.include "${__MAKE_CONF}"
.endif

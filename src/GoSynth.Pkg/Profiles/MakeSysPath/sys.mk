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

# USES=ncurses: the port links with the wide-character curses library. The target's base system may
# provide it (FreeBSD installs /usr/lib/libncursesw.so); only when it does not, the port devel/ncurses
# does. This is a probe of the base system at parse time: evaluated for another system (a FreeBSD tree
# on Linux), it must see the target's files, not the host's (GoSynth's target view).
.if !defined(_USES_NCURSES_MK_INCLUDED)
_USES_NCURSES_MK_INCLUDED=	yes
.if exists(/usr/lib/libncursesw.so)
NCURSES_PREFIX=	/usr
.else
NCURSES_PREFIX=	${LOCALBASE}
LIB_DEPENDS+=	libncursesw.so:devel/ncurses
.endif
CFLAGS+=	-I${NCURSES_PREFIX}/include
LDFLAGS+=	-L${NCURSES_PREFIX}/lib
.endif

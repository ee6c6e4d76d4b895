# GoSynth system-makefile stub: hands a port Makefile over to the tree's own framework.
PORTSDIR?=	/usr/ports
BSDPORTMK?=	${PORTSDIR}/Mk/bsd.port.mk
_WITHOUT_SRCCONF=
.include <bsd.own.mk>
.include "${BSDPORTMK}"

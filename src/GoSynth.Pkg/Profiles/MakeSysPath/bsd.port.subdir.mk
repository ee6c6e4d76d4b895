# GoSynth system-makefile stub: category and top-level Makefiles.
PORTSDIR?=	/usr/ports
.include "${PORTSDIR}/Mk/bsd.port.subdir.mk"

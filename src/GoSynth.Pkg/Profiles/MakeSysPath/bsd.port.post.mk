# GoSynth system-makefile stub: second half of a split port Makefile.
AFTERPORTMK=	yes
.include "bsd.port.mk"
.undef AFTERPORTMK

# GoSynth system-makefile stub: first half of a split port Makefile.
BEFOREPORTMK=	yes
.include "bsd.port.mk"
.undef BEFOREPORTMK

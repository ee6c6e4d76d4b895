# GoSynth system-makefile stub: options-only pass of a port Makefile.
USEOPTIONSMK=	yes
INOPTIONSMK=	yes
.include "bsd.port.mk"
.undef INOPTIONSMK
.undef USEOPTIONSMK

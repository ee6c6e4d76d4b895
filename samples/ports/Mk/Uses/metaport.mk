# USES=metaport: a port that only gathers dependencies. It fetches, extracts and builds nothing; its
# package installs no files and exists to pull in its RUN_DEPENDS.
.if !defined(_USES_METAPORT_MK_INCLUDED)
_USES_METAPORT_MK_INCLUDED=	yes
.if !empty(metaport_ARGS)
.  error USES=metaport takes no arguments (got '${metaport_ARGS}').
.endif
NO_FETCH=	yes
NO_EXTRACT=	yes
NO_BUILD=	yes
NO_INSTALL=	yes
NO_ARCH=	yes
DISTFILES?=
.endif

# USES=localbase: compile against headers and libraries already installed under LOCALBASE.
.if !defined(_USES_LOCALBASE_MK_INCLUDED)
_USES_LOCALBASE_MK_INCLUDED=	yes
CFLAGS+=	-I${LOCALBASE}/include
LDFLAGS+=	-L${LOCALBASE}/lib -Wl,-rpath,${LOCALBASE}/lib
.endif

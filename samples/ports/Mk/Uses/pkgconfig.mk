# USES=pkgconfig[:build|run|both]: the port needs the pkgconf tool, at build time by default.
.if !defined(_USES_PKGCONFIG_MK_INCLUDED)
_USES_PKGCONFIG_MK_INCLUDED=	yes
_PKGCONFIG_DEPEND=	pkgconf>=2.0:devel/pkgconf
.if empty(pkgconfig_ARGS) || ${pkgconfig_ARGS} == build
BUILD_DEPENDS+=	${_PKGCONFIG_DEPEND}
.elif ${pkgconfig_ARGS} == run
RUN_DEPENDS+=	${_PKGCONFIG_DEPEND}
.elif ${pkgconfig_ARGS} == both
BUILD_DEPENDS+=	${_PKGCONFIG_DEPEND}
RUN_DEPENDS+=	${_PKGCONFIG_DEPEND}
.else
.  error USES=pkgconfig:${pkgconfig_ARGS}: the argument is one of build, run or both.
.endif
PKG_CONFIG?=	${LOCALBASE}/bin/pkgconf
PKG_CONFIG_PATH?=	${LOCALBASE}/libdata/pkgconfig
MAKE_ENV+=	PKG_CONFIG=${PKG_CONFIG} PKG_CONFIG_PATH=${PKG_CONFIG_PATH}
.endif

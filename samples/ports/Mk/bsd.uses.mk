# USES=name[:arg[,arg...]] reads Mk/Uses/<name>.mk with <name>_ARGS set to the arguments (separated by
# spaces). Every name must have a file; a misspelt USES is an error, not a silent no-op.
.if !defined(_USES_MK_INCLUDED)
_USES_MK_INCLUDED=	yes

USES?=
USES:=	${USES:M*}
.for _u in ${USES:O:u}
.  if !exists(${_PORTMK_DIR}/Uses/${_u:C/:.*//}.mk)
.    error USES=${_u:C/:.*//} in ${PKGORIGIN}: there is no ${_PORTMK_DIR}/Uses/${_u:C/:.*//}.mk
.  endif
${_u:C/:.*//}_ARGS=	${_u:C/^[^:]*:?//:S/,/ /g}
.  include "${_PORTMK_DIR}/Uses/${_u:C/:.*//}.mk"
.endfor
.endif

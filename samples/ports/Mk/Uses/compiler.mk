# USES=compiler[:c89|c99|c11|c17]: select a C language standard. COMPILER_TYPE and COMPILER_VERSION
# (from the cacheable compiler probe in bsd.compiler.mk) are available to the port after
# bsd.port.pre.mk.
.if !defined(_USES_COMPILER_MK_INCLUDED)
_USES_COMPILER_MK_INCLUDED=	yes
.if !empty(compiler_ARGS)
.  if empty(compiler_ARGS:Mc89) && empty(compiler_ARGS:Mc99) && empty(compiler_ARGS:Mc11) && empty(compiler_ARGS:Mc17)
.    error USES=compiler:${compiler_ARGS}: the argument is one of c89, c99, c11 or c17.
.  endif
CFLAGS+=	-std=${compiler_ARGS:[1]}
.endif
.endif

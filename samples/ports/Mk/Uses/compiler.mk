# USES=compiler[:c89|c99|c11|c17]: select a C language standard. Uses COMPILER_TYPE and
# COMPILER_VERSION from the (cacheable) compiler probe.
.if !defined(_USES_COMPILER_MK_INCLUDED)
_USES_COMPILER_MK_INCLUDED=	yes
.if !empty(compiler_ARGS)
.  if empty(compiler_ARGS:Mc89) && empty(compiler_ARGS:Mc99) && empty(compiler_ARGS:Mc11) && empty(compiler_ARGS:Mc17)
.    error USES=compiler:${compiler_ARGS}: the argument is one of c89, c99, c11 or c17.
.  endif
.  if ${COMPILER_TYPE} == none
IGNORE?=	needs a C compiler, and '${CC}' does not answer --version
.  endif
CFLAGS+=	-std=${compiler_ARGS:[1]}
.endif
.endif

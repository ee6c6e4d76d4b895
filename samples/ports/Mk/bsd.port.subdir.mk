# Category and top-level Makefiles: SUBDIR lists the port (or category) directories below.
# `make -V SUBDIR` answers which ports a category holds; recursive targets come with the phase targets.
.MAKE.EXPAND_VARIABLES=	yes
SUBDIR?=
.for _d in ${SUBDIR}
.  if !exists(${.CURDIR}/${_d}/Makefile)
.    error ${.CURDIR}/Makefile lists SUBDIR ${_d}, which has no Makefile.
.  endif
.endfor

# MAKE_JOBS_NUMBER: how many jobs the port's own build may run.
#   default                      _SMP_CPUS
#   MAKE_JOBS_NUMBER=n           (make.conf or environment) replaces the default
#   MAKE_JOBS_NUMBER_LIMIT=n     (port) caps it
#   MAKE_JOBS_UNSAFE=yes         (port) or DISABLE_MAKE_JOBS=yes (user): 1
.if !defined(_JOBS_MK_INCLUDED)
_JOBS_MK_INCLUDED=	yes

.if defined(MAKE_JOBS_UNSAFE) || defined(DISABLE_MAKE_JOBS)
_MAKE_JOBS_NUMBER=	1
.else
_MAKE_JOBS_NUMBER:=	${MAKE_JOBS_NUMBER:U${_SMP_CPUS}}
.  if empty(_MAKE_JOBS_NUMBER) || !empty(_MAKE_JOBS_NUMBER:C/[0-9]//g) || ${_MAKE_JOBS_NUMBER} < 1
.    error MAKE_JOBS_NUMBER='${_MAKE_JOBS_NUMBER}' is not a positive number (check _SMP_CPUS and MAKE_JOBS_NUMBER).
.  endif
.  if defined(MAKE_JOBS_NUMBER_LIMIT) && ${_MAKE_JOBS_NUMBER} > ${MAKE_JOBS_NUMBER_LIMIT}
_MAKE_JOBS_NUMBER:=	${MAKE_JOBS_NUMBER_LIMIT}
.  endif
.endif
MAKE_JOBS_NUMBER:=	${_MAKE_JOBS_NUMBER}
_MAKE_JOBS=		-j${MAKE_JOBS_NUMBER}
.endif

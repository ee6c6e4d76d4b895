# The target system a port is evaluated for.
#
# OPSYS, OSVERSION and ARCH must come from the caller (the environment, make.conf or the command
# line): this framework never asks the host, because the host may not be the target (a FreeBSD tree
# evaluated on Linux). The remaining values are derived, or probed once and then cacheable.
.if !defined(_OSENV_MK_INCLUDED)
_OSENV_MK_INCLUDED=	yes

.for _var in OPSYS OSVERSION ARCH
.  if !defined(${_var}) || empty(${_var})
.    error ${_var} is not set. Evaluate this tree with the target system described in the environment, for example OPSYS=FreeBSD OSVERSION=1402000 ARCH=amd64.
.  endif
.endfor

.if !empty(OSVERSION:C/[0-9]//g)
.  error OSVERSION=${OSVERSION} is not a number such as 1402000.
.endif

# 1402000 -> 14.2; 1400097 -> 14.0
OSREL?=		${OSVERSION:C/^([0-9]+)([0-9][0-9])[0-9][0-9][0-9]$/\1.\2/:C/\.0([0-9])$/.\1/}
_OSRELEASE?=	${OSREL}-RELEASE

# Parse-time probes. Each is skipped when the variable is already defined, so a caller that
# passes the values in PORTS_ENV_VARS runs none of them.
.if !defined(_SMP_CPUS)
_SMP_CPUS!=	(nproc || sysctl -n hw.ncpu || echo 1) 2>/dev/null | head -n 1
.endif
.if !defined(CONFIGURE_MAX_CMD_LEN)
CONFIGURE_MAX_CMD_LEN!=	(sysctl -n kern.argmax || getconf ARG_MAX || echo 262144) 2>/dev/null | head -n 1
.endif

# The variables a caller may compute once (`make -V PORTS_ENV_VARS`, then `make -V <each>`) and pass
# to every later evaluation in the environment.
PORTS_ENV_VARS+=	ARCH OPSYS OSREL OSVERSION _OSRELEASE _SMP_CPUS CONFIGURE_MAX_CMD_LEN
.endif

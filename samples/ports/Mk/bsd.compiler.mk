# The C compiler: COMPILER_TYPE (clang, gcc or none) and COMPILER_VERSION (major and minor, 160 for
# 16.0.x), from the first line of `${CC} --version`.
#
# The probe runs a program at parse time, which costs a fork and an exec in every port. Its result is
# kept in _CCVERSION_<hash of CC>: listed in PORTS_ENV_VARS, so a caller computes it once and passes it
# in the environment, and the probe is skipped.
.if !defined(_COMPILER_MK_INCLUDED)
_COMPILER_MK_INCLUDED=	yes

CC?=		cc
_CC_HASH:=	${CC:hash}

.if !defined(_CCVERSION_${_CC_HASH})
_CCVERSION_${_CC_HASH}!=	${CC} --version 2>/dev/null | head -n 1
.endif
PORTS_ENV_VARS+=	_CCVERSION_${_CC_HASH}

_CCVERSION=	${_CCVERSION_${_CC_HASH}}
.if empty(_CCVERSION)
COMPILER_TYPE=		none
COMPILER_VERSION=	0
.else
.  if !empty(_CCVERSION:M*clang*)
COMPILER_TYPE=		clang
.  else
COMPILER_TYPE=		gcc
.  endif
# The last word that looks like a dotted version: "12.2.0" -> 122, "16.0.6" -> 160.
COMPILER_VERSION=	${_CCVERSION:M[0-9]*.[0-9]*:[-1]:C/^([0-9]+)\.([0-9]).*/\1\2/}
.endif
.endif

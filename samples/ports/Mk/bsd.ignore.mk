# Why a port must not be built. IGNORE is the one answer the tools read; the other variables feed it,
# in this order of precedence: IGNORE set by the port, FORBIDDEN, IS_INTERACTIVE in a batch build
# (BATCH), NO_PACKAGE and MANUAL_PACKAGE_BUILD in a package build (PACKAGE_BUILDING), BROKEN (and
# BROKEN_<ARCH>, BROKEN_<OPSYS>, unless TRYBROKEN is set), ONLY_FOR_ARCHS, NOT_FOR_ARCHS.
# A package builder sets BATCH and PACKAGE_BUILDING; a user building by hand gets the port.
.if !defined(_IGNORE_MK_INCLUDED)
_IGNORE_MK_INCLUDED=	yes

.if defined(BROKEN_${ARCH}) && !defined(BROKEN)
BROKEN=		${BROKEN_${ARCH}}
.endif
.if defined(BROKEN_${OPSYS}) && !defined(BROKEN)
BROKEN=		${BROKEN_${OPSYS}}
.endif

.if defined(IGNORE) && !empty(IGNORE)
# kept as the port wrote it
.elif defined(FORBIDDEN) && !empty(FORBIDDEN)
IGNORE=		is forbidden: ${FORBIDDEN}
.elif defined(IS_INTERACTIVE) && defined(BATCH)
IGNORE=		asks questions while it builds (IS_INTERACTIVE), which a batch build cannot answer
.elif defined(NO_PACKAGE) && defined(PACKAGE_BUILDING)
IGNORE=		must not be made into a package: ${NO_PACKAGE}
.elif defined(MANUAL_PACKAGE_BUILD) && defined(PACKAGE_BUILDING)
IGNORE=		is built by hand only, not by a package builder: ${MANUAL_PACKAGE_BUILD}
.elif defined(BROKEN) && !empty(BROKEN) && !defined(TRYBROKEN)
IGNORE=		is marked as broken: ${BROKEN}
.elif defined(ONLY_FOR_ARCHS) && empty(ONLY_FOR_ARCHS:M${ARCH})
IGNORE=		is only for ${ONLY_FOR_ARCHS}, while you are running ${ARCH}
.elif defined(NOT_FOR_ARCHS) && !empty(NOT_FOR_ARCHS:M${ARCH})
IGNORE=		does not run on ${ARCH}
.else
IGNORE=
.endif
.endif

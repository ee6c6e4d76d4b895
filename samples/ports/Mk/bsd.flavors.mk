# Flavors: one port directory, several packages.
#
# FLAVORS lists the flavors; the first is the default. FLAVOR selects one (from the command line or the
# environment); an unknown flavor is an error. A flavor applies its helpers:
#   <flavor>_PKGNAMEPREFIX, <flavor>_PKGNAMESUFFIX, <flavor>_USES, <flavor>_CFLAGS, <flavor>_LDFLAGS,
#   <flavor>_MAKE_ARGS, <flavor>_PLIST_SUB, <flavor>_IGNORE, <flavor>_BROKEN,
#   <flavor>_{FETCH,EXTRACT,PATCH,BUILD,LIB,RUN}_DEPENDS
.if !defined(_FLAVORS_MK_INCLUDED)
_FLAVORS_MK_INCLUDED=	yes

FLAVORS?=
FLAVOR?=

.if !empty(FLAVORS)
.  if !empty(FLAVORS:C/[a-z0-9_]//g:M?*)
.    error FLAVORS=${FLAVORS}: a flavor name uses only lowercase letters, digits and '_'.
.  endif
.  if empty(FLAVOR)
FLAVOR=		${FLAVORS:[1]}
.  endif
.  if empty(FLAVORS:M${FLAVOR})
.    error Unknown flavor '${FLAVOR}' for ${PKGORIGIN}; this port's flavors are: ${FLAVORS}
.  endif
.  for _h in PKGNAMEPREFIX PKGNAMESUFFIX
.    if defined(${FLAVOR}_${_h})
${_h}=		${${FLAVOR}_${_h}}
.    endif
.  endfor
.  for _h in USES CFLAGS LDFLAGS MAKE_ARGS PLIST_SUB FETCH_DEPENDS EXTRACT_DEPENDS PATCH_DEPENDS BUILD_DEPENDS LIB_DEPENDS RUN_DEPENDS
.    if defined(${FLAVOR}_${_h})
${_h}+=		${${FLAVOR}_${_h}}
.    endif
.  endfor
.  for _h in IGNORE BROKEN
.    if defined(${FLAVOR}_${_h}) && !defined(${_h})
${_h}=		${${FLAVOR}_${_h}}
.    endif
.  endfor
PLIST_SUB+=	FLAVOR=${FLAVOR}
.elif !empty(FLAVOR)
.  error FLAVOR=${FLAVOR} was given, but ${PKGORIGIN} has no FLAVORS.
.endif
.endif

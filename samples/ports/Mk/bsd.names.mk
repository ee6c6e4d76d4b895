# Names and versions: what the port is called, which files it is built from and which package file
# it makes.
#
#   PKGVERSION = PORTVERSION[_PORTREVISION][,PORTEPOCH]   (a zero revision or epoch is left out)
#   PKGNAME    = PKGNAMEPREFIX PORTNAME PKGNAMESUFFIX "-" PKGVERSION
#   DISTNAME   = PORTNAME "-" DISTVERSIONPREFIX DISTVERSION DISTVERSIONSUFFIX
#   PKGFILE    = ${PACKAGES}/All/${PKGNAME}${PKG_SUFX}
# A port gives PORTVERSION, or DISTVERSION (the upstream spelling, from which PORTVERSION is derived:
# lower case, '-' and '_' become '.').
.if !defined(_NAMES_MK_INCLUDED)
_NAMES_MK_INCLUDED=	yes

.for _var in PORTNAME CATEGORIES COMMENT MAINTAINER
.  if !defined(${_var}) || empty(${_var})
.    error ${PKGORIGIN}: ${_var} is required in the port Makefile.
.  endif
.endfor

.if !defined(PORTVERSION)
.  if !defined(DISTVERSION) || empty(DISTVERSION)
.    error ${PKGORIGIN}: set PORTVERSION or DISTVERSION in the port Makefile.
.  endif
PORTVERSION=	${DISTVERSION:tl:C/[-_]/./g}
.endif
DISTVERSION?=	${PORTVERSION}
.if empty(PORTVERSION) || !empty(PORTVERSION:M*[-_,]*)
.  error ${PKGORIGIN}: PORTVERSION '${PORTVERSION}' must be non-empty and may not contain '-', '_' or ','.
.endif

PORTREVISION?=	0
PORTEPOCH?=	0
.if !empty(PORTREVISION:C/[0-9]//g) || !empty(PORTEPOCH:C/[0-9]//g)
.  error ${PKGORIGIN}: PORTREVISION and PORTEPOCH must be numbers.
.endif
_SUF_REVISION=
_SUF_EPOCH=
.if ${PORTREVISION} != 0
_SUF_REVISION=	_${PORTREVISION}
.endif
.if ${PORTEPOCH} != 0
_SUF_EPOCH=	,${PORTEPOCH}
.endif

PKGNAMEPREFIX?=
PKGNAMESUFFIX?=
PKGVERSION=	${PORTVERSION}${_SUF_REVISION}${_SUF_EPOCH}
PKGBASE=	${PKGNAMEPREFIX}${PORTNAME}${PKGNAMESUFFIX}
PKGNAME=	${PKGBASE}-${PKGVERSION}

# Distribution files. A DISTFILES entry may carry a ":group" suffix as in MASTER_SITES groups; the
# file name is what comes before it.
DISTVERSIONPREFIX?=
DISTVERSIONSUFFIX?=
DISTNAME?=	${PORTNAME}-${DISTVERSIONPREFIX}${DISTVERSION}${DISTVERSIONSUFFIX}
EXTRACT_SUFX?=	.tar.gz
DISTFILES?=	${DISTNAME}${EXTRACT_SUFX}
PATCHFILES?=
DIST_SUBDIR?=
_DISTFILES=	${DISTFILES:C/:[^:\/]+$//}
_PATCHFILES=	${PATCHFILES:C/:[^:\/]+$//}
_ALLFILES=	${_DISTFILES} ${_PATCHFILES}
ALLFILES=	${_ALLFILES:O:u}
.if empty(DIST_SUBDIR)
_DISTDIR=	${DISTDIR}
MASTER_SITES?=	file://${LOCAL_DISTFILES}/
.else
_DISTDIR=	${DISTDIR}/${DIST_SUBDIR}
MASTER_SITES?=	file://${LOCAL_DISTFILES}/${DIST_SUBDIR}/
.endif
DISTINFO_FILE?=	${MASTERDIR}/distinfo

# Descriptions and the packing list.
DESCR?=		${MASTERDIR}/pkg-descr
PLIST?=		${MASTERDIR}/pkg-plist
PLIST_SUB+=	PORTNAME=${PORTNAME} PORTVERSION=${PORTVERSION} PREFIX=${PREFIX} \
		LOCALBASE=${LOCALBASE} DOCSDIR=${DOCSDIR_REL} DATADIR=${DATADIR_REL} \
		EXAMPLESDIR=${EXAMPLESDIR_REL}
DOCSDIR_REL?=	share/doc/${PORTNAME}
DATADIR_REL?=	share/${PORTNAME}
EXAMPLESDIR_REL?=	share/examples/${PORTNAME}
DOCSDIR?=	${PREFIX}/${DOCSDIR_REL}
DATADIR?=	${PREFIX}/${DATADIR_REL}
EXAMPLESDIR?=	${PREFIX}/${EXAMPLESDIR_REL}

# The package.
PKG_SUFX?=	.pkg
PKGREPOSITORY?=	${PACKAGES}/All
PKGFILE?=	${PKGREPOSITORY}/${PKGNAME}${PKG_SUFX}

# Where the build happens.
# Each flavor builds in its own work directory.
.if empty(FLAVOR)
WRKDIR?=	${WRKDIRPREFIX}${.CURDIR}/work
.else
WRKDIR?=	${WRKDIRPREFIX}${.CURDIR}/work-${FLAVOR}
.endif
WRKSRC?=	${WRKDIR}/${DISTNAME}
STAGEDIR?=	${WRKDIR}/stage
MAKE_ENV+=	CC="${CC}" CFLAGS="${CFLAGS}" LDFLAGS="${LDFLAGS}" PREFIX=${PREFIX} \
		LOCALBASE=${LOCALBASE} DESTDIR=${STAGEDIR}
MAKE_ARGS?=
ALL_TARGET?=	all
INSTALL_TARGET?=	install
.endif

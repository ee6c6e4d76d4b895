# Directories and tools. Everything here may be overridden from make.conf, the environment or the
# command line (a scan passes LOCALBASE=<empty directory> so that no port sees the host's files).
.if !defined(_DEFAULTS_MK_INCLUDED)
_DEFAULTS_MK_INCLUDED=	yes

LOCALBASE?=	/usr/local
PREFIX?=	${LOCALBASE}
NONEXISTENT?=	/nonexistent

# The tree's package manager port: built before every other port (a builder asks `make -V PKG_ORIGIN`).
PKG_ORIGIN?=	ports-mgmt/pkg

MASTERDIR?=	${.CURDIR}
PKGORIGIN?=	${.CURDIR:H:T}/${.CURDIR:T}

DISTDIR?=	${PORTSDIR}/distfiles
PACKAGES?=	${PORTSDIR}/packages
PORT_DBDIR?=	/var/db/ports
WRKDIRPREFIX?=

# The tree carries its own distfiles; the fetch phase copies them from here.
LOCAL_DISTFILES?=	${PORTSDIR}/distfiles

MAKE?=		make
MAKE_CMD?=	${MAKE}
CFLAGS?=	-O2 -pipe
LDFLAGS?=
STRIP_CMD?=	strip
.endif

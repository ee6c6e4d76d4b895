# The phase targets: what a package builder runs, one make invocation per phase, in this order:
#
#   fetch checksum extract patch configure build stage [check-plist] package      (and test, after stage)
#
# Each phase first makes the one before it, then runs pre-<phase>, do-<phase> and post-<phase> (a port may
# define any of them; the framework defines do-<phase> unless the port did) and leaves a cookie in WRKDIR,
# so a later `make build` after `make configure` starts where the last run stopped. A phase whose cookie
# exists does nothing. Nothing is ever written into the port directory: work happens in WRKDIR (under
# WRKDIRPREFIX), distfiles go to DISTDIR, the package to PACKAGES.
#
# Dependencies are the package builder's job: this framework never builds or installs another port, so
# NO_DEPENDS (`-DNO_DEPENDS`, `NO_DEPENDS=yes`) is accepted and changes nothing, and the *-depends targets
# dsynth runs (check-sanity, fetch-depends, ..., run-depends) only say so.
#
# Every command make runs is echoed (no command line is hidden behind '@'); the only silent lines print the
# `===>` banners.
#
# This file only defines variables and targets: a metadata query (`make -V`) runs no command because of it.
.if !defined(_PHASES_MK_INCLUDED)
_PHASES_MK_INCLUDED=	yes

_SCRIPTSDIR=	${_PORTMK_DIR}/Scripts
SH?=		/bin/sh
SETENV?=	env
TAR?=		tar
PATCH?=		patch
PATCH_ARGS?=	-E -p0
PATCH_DIST_ARGS?=	-E -p0
FILESDIR?=	${MASTERDIR}/files
EXTRA_PATCHES?=
EXTRACT_ONLY?=	${_DISTFILES}
CONFIGURE_SCRIPT?=	configure
CONFIGURE_ARGS?=
CONFIGURE_ENV?=
.if defined(GNU_CONFIGURE)
CONFIGURE_ARGS+=	--prefix=${PREFIX}
HAS_CONFIGURE=	yes
.endif
WWW?=
PKG_COMPRESSION_LEVEL?=	19

# The packing list with PLIST_SUB applied and PLIST_FILES / PLIST_DIRS added: written by stage, read by
# check-plist and package.
PLIST_FILES?=
PLIST_DIRS?=
_TMPPLIST=	${WRKDIR}/.PLIST.mktmp
_PLIST_SED=	${PLIST_SUB:S/$/!g/:S/^/ -e s!%%/:S/=/%%!/} -e '/^@comment/d'

# The package's ABI as pkg(8) spells it: FreeBSD:14:amd64, or FreeBSD:14:* for a port without machine code
# (NO_ARCH); DragonFly:6.4:x86:64.
.if ${OPSYS} == DragonFly
_PKG_ABI=	${OPSYS}:${OSREL}:${NO_ARCH:D*:U${ARCH:S/^x86_64$/x86:64/}}
.else
_PKG_ABI=	${OPSYS}:${OSREL:R}:${NO_ARCH:D*:U${ARCH}}
.endif

# Run-time dependencies (LIB and RUN) by origin, with a flavor kept as @flavor: the package records them.
_PKG_DEP_ORIGINS=	${LIB_DEPENDS:C/^[^:]*://:C/:.*//:S,^${PORTSDIR}/,,} ${RUN_DEPENDS:C/^[^:]*://:C/:.*//:S,^${PORTSDIR}/,,}

_PKG_OPTIONS=	${SELECTED_OPTIONS:@_o@${_o}=on@} ${DESELECTED_OPTIONS:@_o@${_o}=off@}

_PKG_ANNOTATIONS=	${OPSYS}_version=${OSVERSION}
.if !empty(FLAVOR)
_PKG_ANNOTATIONS+=	flavor=${FLAVOR}
.endif

.if defined(LICENSE) && !empty(LICENSE)
.  if defined(LICENSE_COMB) && ${LICENSE_COMB} == dual
_PKG_LICENSE_LOGIC=	or
.  elif defined(LICENSE_COMB) && ${LICENSE_COMB} == multi
_PKG_LICENSE_LOGIC=	and
.  else
_PKG_LICENSE_LOGIC=	single
.  endif
.else
_PKG_LICENSE_LOGIC=	single
.endif

# What create-package.sh reads. Every value is quoted for the shell.
_PKG_ENV=	_P_NAME=${PKGBASE:Q} _P_VERSION=${PKGVERSION:Q} _P_ORIGIN=${PKGORIGIN:Q} \
		_P_COMMENT=${COMMENT:Q} _P_MAINTAINER=${MAINTAINER:Q} _P_WWW=${WWW:Q} \
		_P_ABI=${_PKG_ABI:Q} _P_PREFIX=${PREFIX:Q} _P_DESCR=${DESCR:Q} \
		_P_LICENSE_LOGIC=${_PKG_LICENSE_LOGIC:Q} _P_LICENSES=${LICENSE:U:Q} \
		_P_CATEGORIES=${CATEGORIES:Q} \
		_P_OPTIONS=${_PKG_OPTIONS:Q} \
		_P_ANNOTATIONS=${_PKG_ANNOTATIONS:Q} _P_DEPENDS=${_PKG_DEP_ORIGINS:O:u:Q} \
		_P_PLIST=${_TMPPLIST:Q} _P_STAGEDIR=${STAGEDIR:Q} _P_WRKDIR=${WRKDIR:Q} \
		_P_PKGFILE=${PKGFILE:Q} _P_LEVEL=${PKG_COMPRESSION_LEVEL:Q} \
		_P_MAKE=${MAKE:Q} _P_PORTSDIR=${PORTSDIR:Q}

# The files checksum verifies, named as distinfo names them (with the DIST_SUBDIR).
.if empty(DIST_SUBDIR)
_CKSUMFILES=	${ALLFILES}
.else
_CKSUMFILES=	${ALLFILES:S,^,${DIST_SUBDIR}/,}
.endif

_PHASES=	fetch checksum extract patch configure build stage package
_PREV.fetch=
_PREV.checksum=	fetch
_PREV.extract=	checksum
_PREV.patch=	extract
_PREV.configure=	patch
_PREV.build=	configure
_PREV.stage=	build
_PREV.package=	stage
_PREV.check-plist=	stage
_PREV.test=	stage
_BANNER.fetch=		Fetching distribution files for
_BANNER.checksum=	Verifying distribution files of
_BANNER.extract=	Extracting for
_BANNER.patch=		Patching for
_BANNER.configure=	Configuring for
_BANNER.build=		Building for
_BANNER.stage=		Staging for
_BANNER.package=	Building package for
_BANNER.check-plist=	Checking the packing list of
_BANNER.test=		Testing for
.for _p in ${_PHASES} check-plist test
_COOKIE.${_p}=	${WRKDIR}/.${_p}_done.${PKGNAME}
.endfor

_DEPENDS_TARGETS=	check-sanity pkg-depends fetch-depends extract-depends patch-depends build-depends \
			lib-depends run-depends
_ALL_TARGETS=	${_PHASES} check-plist test all ${_DEPENDS_TARGETS}

# A metadata query (`make -V`, which builds nothing) skips the targets: they cost parse time in every query.
.if empty(.MAKEFLAGS:M-V)
.MAIN: all

.if !empty(IGNORE)
# An ignored port refuses every target, saying why (the same text as `make -V IGNORE`).
.  for _t in ${_ALL_TARGETS}
${_t}: .PHONY
	@echo "===>  ${PKGNAME} "${IGNORE:Q}"." >&2; exit 1
.  endfor
.else

all: .PHONY build

.  for _t in ${_DEPENDS_TARGETS}
${_t}: .PHONY
	@echo "===>  ${_t} for ${PKGNAME}: dependencies are installed by the package builder, not by this framework"
.  endfor

# Each phase: the previous phase, pre-, do-, post-, then the cookie. With the cookie present, nothing.
.  for _p in ${_PHASES} check-plist test
.    if !target(pre-${_p})
pre-${_p}: .PHONY
.    endif
.    if !target(post-${_p})
post-${_p}: .PHONY
.    endif
.    if exists(${_COOKIE.${_p}})
${_p}: .PHONY
.    else
${_p}: .PHONY ${_PREV.${_p}} _banner-${_p} pre-${_p} do-${_p} post-${_p}
	mkdir -p ${WRKDIR}
	touch ${_COOKIE.${_p}}
.    endif
_banner-${_p}: .PHONY
	@echo "===>  ${_BANNER.${_p}} ${PKGNAME}"
.  endfor
.ORDER: ${_PHASES:@_p@_banner-${_p} pre-${_p} do-${_p} post-${_p}@}

# fetch: every distfile (and patch file) missing from DISTDIR is copied from the first of MASTER_SITES
# that has it (file:// sites; the tree carries its own distfiles). Written under a temporary name, then
# renamed: an interrupted fetch never leaves a partial file under the real name.
.  if !target(do-fetch)
do-fetch: .PHONY
.    if !defined(NO_FETCH) && !empty(_ALLFILES:M*)
	mkdir -p ${_DISTDIR}
.      for _f in ${_DISTFILES} ${_PATCHFILES}
	test -f ${_DISTDIR}/${_f} || ${SH} ${_SCRIPTSDIR}/fetch.sh ${_DISTDIR}/${_f} ${_f} ${MASTER_SITES}
.      endfor
.    endif
.  endif

# checksum: SHA256 and SIZE of each file against distinfo.
.  if !target(do-checksum)
do-checksum: .PHONY
.    if !defined(NO_FETCH) && !empty(ALLFILES)
	${SH} ${_SCRIPTSDIR}/checksum.sh ${DISTINFO_FILE} ${DISTDIR} ${_CKSUMFILES}
.    endif
.  endif

# extract: each of EXTRACT_ONLY (default: every distfile) into WRKDIR.
.  if !target(do-extract)
do-extract: .PHONY
	mkdir -p ${WRKDIR}
.    if !defined(NO_EXTRACT)
.      for _f in ${EXTRACT_ONLY}
	${TAR} -xf ${_DISTDIR}/${_f} -C ${WRKDIR} --no-same-owner
.      endfor
.    endif
.  endif

# patch: PATCHFILES from DISTDIR, then ${FILESDIR}/patch-* and EXTRA_PATCHES, in WRKSRC.
.  if !target(do-patch)
do-patch: .PHONY
.    for _f in ${_PATCHFILES}
	${PATCH} -d ${WRKSRC} ${PATCH_DIST_ARGS} < ${_DISTDIR}/${_f}
.    endfor
	for p in ${FILESDIR}/patch-* ${EXTRA_PATCHES}; do [ -f "$$p" ] || continue; echo "${PATCH} -d ${WRKSRC} ${PATCH_ARGS} < $$p"; ${PATCH} -d ${WRKSRC} ${PATCH_ARGS} < "$$p" || exit 1; done
.  endif

# configure: the port's configure script when it has one (HAS_CONFIGURE, GNU_CONFIGURE).
.  if !target(do-configure)
do-configure: .PHONY
.    if defined(HAS_CONFIGURE)
	cd ${WRKSRC} && ${SETENV} ${MAKE_ENV} ${CONFIGURE_ENV} ./${CONFIGURE_SCRIPT} ${CONFIGURE_ARGS}
.    endif
.  endif

# build: the distribution's own makefile, with MAKE_ENV, MAKE_JOBS_NUMBER jobs and MAKE_ARGS.
.  if !target(do-build)
do-build: .PHONY
.    if !defined(NO_BUILD)
	cd ${WRKSRC} && ${SETENV} ${MAKE_ENV} ${MAKE_CMD} ${_MAKE_JOBS} ${MAKE_ARGS} ${ALL_TARGET}
.    endif
.  endif

# stage: install into STAGEDIR (DESTDIR in MAKE_ENV), then write the packing list.
.  if !target(do-stage)
do-stage: .PHONY
	mkdir -p ${STAGEDIR}${PREFIX}
.    if !defined(NO_INSTALL)
	cd ${WRKSRC} && ${SETENV} ${MAKE_ENV} ${MAKE_CMD} ${MAKE_ARGS} ${INSTALL_TARGET}
.    endif
.  endif
post-stage: _make-plist
_make-plist: .PHONY
	if [ -f ${PLIST} ]; then sed ${_PLIST_SED} ${PLIST}; fi > ${_TMPPLIST}
.  for _f in ${PLIST_FILES}
	echo ${_f:Q} | sed ${_PLIST_SED} >> ${_TMPPLIST}
.  endfor
.  for _d in ${PLIST_DIRS}
	echo @dir\ ${_d:Q} >> ${_TMPPLIST}
.  endfor

# check-plist: the stage directory holds exactly what the packing list names.
.  if !target(do-check-plist)
do-check-plist: .PHONY
	${SH} ${_SCRIPTSDIR}/check-plist.sh ${_TMPPLIST} ${STAGEDIR} ${PREFIX}
.  endif

# test: the distribution's TEST_TARGET, when the port names one.
.  if !target(do-test)
do-test: .PHONY
.    if defined(TEST_TARGET) && !empty(TEST_TARGET)
	cd ${WRKSRC} && ${SETENV} ${MAKE_ENV} ${MAKE_CMD} ${MAKE_ARGS} ${TEST_TARGET}
.    else
	@echo "===>  ${PKGNAME} has no tests (TEST_TARGET is not set)"
.    endif
.  endif

# package: a pkg(8) package at PKGFILE, written under a temporary name and renamed.
.  if !target(do-package)
do-package: .PHONY
	mkdir -p ${PKGREPOSITORY}
	${SETENV} ${_PKG_ENV} ${SH} ${_SCRIPTSDIR}/create-package.sh
.  endif
.endif # !empty(IGNORE)
.endif # not a -V query
.endif

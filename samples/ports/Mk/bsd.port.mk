# GoSynth sample ports framework: entry point.
#
# A port Makefile ends with `.include <bsd.port.mk>`; the system-makefile stub of the same name
# hands over to this file. The work is split into small files, each guarded so that it is read once:
#
#   bsd.osenv.mk     the target system (OPSYS, OSVERSION, ARCH, ...) and PORTS_ENV_VARS
#   bsd.compiler.mk  the C compiler probe (a cacheable parse-time shell command)
#   bsd.defaults.mk  directories and tool defaults (LOCALBASE, PREFIX, PACKAGES, ...)
#   bsd.flavors.mk   FLAVORS / FLAVOR and the <flavor>_* helpers
#   bsd.options.mk   OPTIONS_* -> PORT_OPTIONS, SELECTED_OPTIONS, DESELECTED_OPTIONS and <OPT>_* helpers
#   bsd.uses.mk      USES=name[:args] -> Mk/Uses/<name>.mk
#   bsd.names.mk     versions, package name, distfiles, package file, work directories
#   bsd.depends.mk   the six *_DEPENDS variables
#   bsd.ignore.mk    IGNORE, BROKEN, FORBIDDEN, ONLY_FOR_ARCHS, NOT_FOR_ARCHS
#   bsd.jobs.mk      MAKE_JOBS_NUMBER
#   bsd.phases.mk    the phase targets (fetch ... package) and the package itself (Scripts/*.sh)
#
# Everything a metadata query (`make -V`) asks is answered by the files before bsd.phases.mk, which only
# adds targets and the variables they use.

# `make -V VAR` prints the expanded value, as the ports tools expect.
.MAKE.EXPAND_VARIABLES=	yes

_PORTMK_DIR:=	${.PARSEDIR}
PORTSDIR?=	${_PORTMK_DIR:H}

.if defined(INOPTIONSMK)
# `.include <bsd.port.options.mk>`: just enough to let the port look at PORT_OPTIONS, FLAVOR, ARCH.
.  include "${_PORTMK_DIR}/bsd.osenv.mk"
.  include "${_PORTMK_DIR}/bsd.compiler.mk"
.  include "${_PORTMK_DIR}/bsd.defaults.mk"
.  include "${_PORTMK_DIR}/bsd.flavors.mk"
.  include "${_PORTMK_DIR}/bsd.options.mk"
.else
.  if !defined(AFTERPORTMK)
.    include "${_PORTMK_DIR}/bsd.osenv.mk"
.    include "${_PORTMK_DIR}/bsd.compiler.mk"
.    include "${_PORTMK_DIR}/bsd.defaults.mk"
.    include "${_PORTMK_DIR}/bsd.flavors.mk"
.    include "${_PORTMK_DIR}/bsd.options.mk"
.  endif
.  if !defined(BEFOREPORTMK)
.    include "${_PORTMK_DIR}/bsd.uses.mk"
.    include "${_PORTMK_DIR}/bsd.names.mk"
.    include "${_PORTMK_DIR}/bsd.depends.mk"
.    include "${_PORTMK_DIR}/bsd.ignore.mk"
.    include "${_PORTMK_DIR}/bsd.jobs.mk"
.    include "${_PORTMK_DIR}/bsd.phases.mk"
.  endif
.endif

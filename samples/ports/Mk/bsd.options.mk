# Options.
#
# A port declares OPTIONS_DEFINE (every option) and OPTIONS_DEFAULT (those on by default). The user
# changes the selection with, in increasing priority:
#   OPTIONS_SET / OPTIONS_UNSET                     (make.conf, every port)
#   <cat>_<port>_SET / <cat>_<port>_UNSET           (make.conf, one port; OPTIONS_NAME)
#   ${PORT_DBDIR}/<cat>_<port>/options              (the saved per-port choice: OPTIONS_FILE_SET/UNSET)
# Results: PORT_OPTIONS (the selection), SELECTED_OPTIONS and DESELECTED_OPTIONS (both sorted), and
# PLIST_SUB entries <OPT>="" / <OPT>="@comment " (and NO_<OPT> the other way round).
# A selected option applies its helpers <OPT>_{FETCH,EXTRACT,PATCH,BUILD,LIB,RUN}_DEPENDS,
# <OPT>_USES, <OPT>_CFLAGS, <OPT>_LDFLAGS, <OPT>_MAKE_ARGS, <OPT>_IGNORE, <OPT>_BROKEN; a deselected
# one applies <OPT>_CFLAGS_OFF and <OPT>_MAKE_ARGS_OFF.
.if !defined(_OPTIONS_MK_INCLUDED)
_OPTIONS_MK_INCLUDED=	yes

OPTIONS_DEFINE?=
OPTIONS_DEFAULT?=
OPTIONS_EXCLUDE?=
OPTIONS_NAME?=	${PKGORIGIN:S/\//_/}
OPTIONS_FILE?=	${PORT_DBDIR}/${OPTIONS_NAME}/options

_ALL_OPTIONS:=	${OPTIONS_DEFINE:O:u}
.for _o in ${OPTIONS_EXCLUDE}
_ALL_OPTIONS:=	${_ALL_OPTIONS:N${_o}}
.endfor

.if !empty(_ALL_OPTIONS:C/[A-Z0-9_]//g:M?*)
.  error OPTIONS_DEFINE=${OPTIONS_DEFINE}: an option name uses only uppercase letters, digits and '_'.
.endif

.sinclude "${OPTIONS_FILE}"

PORT_OPTIONS=
.for _o in ${OPTIONS_DEFAULT}
.  if !empty(_ALL_OPTIONS:M${_o})
PORT_OPTIONS+=	${_o}
.  endif
.endfor
.for _set _unset in OPTIONS_SET OPTIONS_UNSET ${OPTIONS_NAME}_SET ${OPTIONS_NAME}_UNSET OPTIONS_FILE_SET OPTIONS_FILE_UNSET
.  for _o in ${${_set}}
.    if !empty(_ALL_OPTIONS:M${_o})
PORT_OPTIONS+=	${_o}
.    endif
.  endfor
.  for _o in ${${_unset}}
PORT_OPTIONS:=	${PORT_OPTIONS:N${_o}}
.  endfor
.endfor
PORT_OPTIONS:=	${PORT_OPTIONS:O:u}

_DESELECTED=
.for _o in ${_ALL_OPTIONS}
.  if empty(PORT_OPTIONS:M${_o})
_DESELECTED+=	${_o}
.  endif
.endfor
SELECTED_OPTIONS:=	${PORT_OPTIONS:O}
DESELECTED_OPTIONS:=	${_DESELECTED:O}

.for _o in ${_ALL_OPTIONS}
.  if !empty(PORT_OPTIONS:M${_o})
PLIST_SUB+=	${_o}="" NO_${_o}="@comment "
.    for _h in USES CFLAGS LDFLAGS MAKE_ARGS FETCH_DEPENDS EXTRACT_DEPENDS PATCH_DEPENDS BUILD_DEPENDS LIB_DEPENDS RUN_DEPENDS
.      if defined(${_o}_${_h})
${_h}+=		${${_o}_${_h}}
.      endif
.    endfor
.    for _h in IGNORE BROKEN
.      if defined(${_o}_${_h}) && !defined(${_h})
${_h}=		${${_o}_${_h}}
.      endif
.    endfor
.  else
PLIST_SUB+=	${_o}="@comment " NO_${_o}=""
.    for _h in CFLAGS MAKE_ARGS
.      if defined(${_o}_${_h}_OFF)
${_h}+=		${${_o}_${_h}_OFF}
.      endif
.    endfor
.  endif
.endfor
.endif

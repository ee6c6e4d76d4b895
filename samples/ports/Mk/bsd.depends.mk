# The six dependency variables, each a list of tokens "pattern:origin[:target]":
#   FETCH_DEPENDS  EXTRACT_DEPENDS  PATCH_DEPENDS  BUILD_DEPENDS  LIB_DEPENDS  RUN_DEPENDS
# pattern is a package pattern (name, name>=version), a library (libfoo.so, libfoo.so.1), a program
# found in PATH, or an absolute path; origin is category/port[@flavor], optionally written as
# ${PORTSDIR}/category/port; target is the make target run in the dependency (default: install).
# A pattern of ${NONEXISTENT} never exists, so the target is always run (used with :extract/:patch).
# The port's own values come first, then those added by flavors, options and USES.
.if !defined(_DEPENDS_MK_INCLUDED)
_DEPENDS_MK_INCLUDED=	yes

.for _k in FETCH EXTRACT PATCH BUILD LIB RUN
${_k}_DEPENDS?=
# one space between tokens, none around them
${_k}_DEPENDS:=	${${_k}_DEPENDS:M*}
.endfor

USE_LINUX?=
.endif

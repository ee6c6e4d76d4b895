#!/bin/sh
# Regenerates the sample tree's distribution files and every port's distinfo.
#
#   Tools/make-distfiles.sh [-c]
#
# Sources live in Tools/distsrc/: each directory there (or, for ports with a DIST_SUBDIR, each
# directory one level further down, as in distsrc/greet/libgreet-1.4.2) becomes distfiles/<same
# path>.tar.gz holding that directory. The archives are reproducible: names sorted, one fixed mtime,
# owner and group 0, fixed modes, ustar format, gzip without name or time stamp. Running the script
# twice gives byte-identical files.
#
# Then each port is asked (`make -V ALLFILES -V DIST_SUBDIR`, through this tree's own framework) for
# its files and its distinfo is rewritten with TIMESTAMP, SHA256 and SIZE lines. Ports without
# distfiles (meta ports) get no distinfo.
#
# -c  check only: regenerate into a temporary directory and fail if anything differs.
#
# Environment: MAKE (default bmake), MAKESYSPATH (default: the system-makefile stubs shipped in
# src/GoSynth.Pkg/Profiles/MakeSysPath of this repository), SOURCE_DATE_EPOCH (default 1735689600,
# used for the archive mtimes and the distinfo TIMESTAMP).
set -eu

TOOLS=$(cd "$(dirname "$0")" && pwd)
TREE=$(dirname "$TOOLS")
MAKE=${MAKE:-bmake}
MAKESYSPATH=${MAKESYSPATH:-$(cd "$TREE/../.." && pwd)/src/GoSynth.Pkg/Profiles/MakeSysPath}
EPOCH=${SOURCE_DATE_EPOCH:-1735689600}
CHECK=no
[ "${1:-}" = "-c" ] && CHECK=yes

command -v "$MAKE" >/dev/null 2>&1 || { echo "make-distfiles.sh: $MAKE not found (install bmake: eng/prereqs.sh)" >&2; exit 1; }
[ -f "$MAKESYSPATH/bsd.port.mk" ] || { echo "make-distfiles.sh: no bsd.port.mk stub in $MAKESYSPATH (set MAKESYSPATH)" >&2; exit 1; }

OUT=$TREE
if [ "$CHECK" = yes ]; then
	OUT=$(mktemp -d)
	trap 'rm -rf "$OUT"' EXIT
	mkdir -p "$OUT/distfiles"
	for mf in "$TREE"/*/*/Makefile; do
		origin=${mf#"$TREE"/}; origin=${origin%/Makefile}
		mkdir -p "$OUT/$origin"
	done
fi

# make_tarball <source dir> <relative distfile path without suffix>
make_tarball() {
	src=$1; rel=$2
	mkdir -p "$OUT/distfiles/$(dirname "$rel")"
	tar -C "$(dirname "$src")" --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner \
	    --mode='u=rwX,go=rX' --format=ustar -cf - "$(basename "$src")" |
	    gzip -n -9 > "$OUT/distfiles/$rel.tar.gz"
}

has_files() {
	for e in "$1"/* "$1"/.[!.]*; do
		[ -f "$e" ] && return 0
	done
	return 1
}

for d in "$TOOLS"/distsrc/*/; do
	d=${d%/}
	if has_files "$d"; then
		make_tarball "$d" "$(basename "$d")"
	else
		for sub in "$d"/*/; do
			sub=${sub%/}
			make_tarball "$sub" "$(basename "$d")/$(basename "$sub")"
		done
	fi
done

query() {
	env -i PATH=/usr/bin:/bin:/usr/sbin:/sbin PORTSDIR="$TREE" MAKESYSPATH="$MAKESYSPATH" __MAKE_CONF=/dev/null \
	    OPSYS=FreeBSD OSVERSION=1402000 ARCH=amd64 _SMP_CPUS=1 CONFIGURE_MAX_CMD_LEN=262144 \
	    "$MAKE" -C "$1" -V ALLFILES -V DIST_SUBDIR
}

for mf in "$TREE"/*/*/Makefile; do
	dir=$(dirname "$mf")
	origin=${dir#"$TREE"/}
	case $origin in Mk/*|Tools/*|distfiles/*|packages/*) continue ;; esac
	answer=$(query "$dir")
	files=$(echo "$answer" | sed -n 1p)
	subdir=$(echo "$answer" | sed -n 2p)
	distinfo="$OUT/$origin/distinfo"
	if [ -z "$files" ]; then
		rm -f "$distinfo"
		continue
	fi
	{
		echo "TIMESTAMP = $EPOCH"
		for f in $files; do
			rel=${subdir:+$subdir/}$f
			path="$OUT/distfiles/$rel"
			[ -f "$path" ] || { echo "make-distfiles.sh: $origin needs $rel, which no Tools/distsrc directory makes" >&2; exit 1; }
			echo "SHA256 ($rel) = $(sha256sum "$path" | cut -d' ' -f1)"
			echo "SIZE ($rel) = $(wc -c < "$path" | tr -d ' ')"
		done
	} > "$distinfo"
done

if [ "$CHECK" = yes ]; then
	status=0
	for f in $(cd "$OUT" && find . -type f | sort); do
		cmp -s "$OUT/$f" "$TREE/$f" || { echo "out of date: ${f#./}" >&2; status=1; }
	done
	[ $status -eq 0 ] && echo "distfiles and distinfo are up to date"
	exit $status
fi
echo "distfiles and distinfo regenerated under $TREE"

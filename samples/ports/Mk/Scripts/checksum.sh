#!/bin/sh
# checksum.sh <distinfo> <distdir> <file>...
#
# Verifies each <file> (relative to <distdir>, with its DIST_SUBDIR) against the `SHA256 (file) = hex` and
# `SIZE (file) = n` lines of <distinfo>. Any missing line, missing file or mismatch is an error naming the
# file, what distinfo says and what the file is.
set -eu
distinfo=$1; distdir=$2; shift 2
[ -f "$distinfo" ] || { echo "checksum.sh: $distinfo does not exist; the port has distfiles but no distinfo" >&2; exit 1; }

if command -v sha256sum >/dev/null 2>&1; then
	sha256() { sha256sum < "$1" | cut -c1-64; }
else
	sha256() { sha256 -q "$1"; }
fi

# field <kind> <file>: the value of `<kind> (<file>) = value` in distinfo, empty when absent
field() {
	awk -v k="$1" -v f="$2" 'index($0, k " (" f ") = ") == 1 { print substr($0, length(k " (" f ") = ") + 1); exit }' "$distinfo"
}

status=0
for f in "$@"; do
	path=$distdir/$f
	want_sum=$(field SHA256 "$f")
	want_size=$(field SIZE "$f")
	if [ -z "$want_sum" ] || [ -z "$want_size" ]; then
		echo "=> $distinfo has no SHA256 and SIZE lines for $f" >&2; status=1; continue
	fi
	if [ ! -f "$path" ]; then
		echo "=> $path is missing (run the fetch phase)" >&2; status=1; continue
	fi
	size=$(wc -c < "$path" | tr -d ' ')
	if [ "$size" != "$want_size" ]; then
		echo "=> SIZE mismatch for $f: distinfo says $want_size bytes, $path has $size" >&2; status=1; continue
	fi
	sum=$(sha256 "$path")
	if [ "$sum" != "$want_sum" ]; then
		echo "=> SHA256 mismatch for $f: distinfo says $want_sum, $path hashes to $sum" >&2; status=1; continue
	fi
	echo "=> SHA256 Checksum OK for $f."
done
exit $status

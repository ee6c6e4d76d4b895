#!/bin/sh
# check-plist.sh <packing list> <stage directory> <prefix>
#
# Compares the stage directory with the packing list (PLIST_SUB already applied): every file the list names
# must be staged (a file or a symbolic link), every staged file or link must be listed, and every `@dir` must
# be a staged directory. Prints each difference and fails when there is one.
set -eu
plist=$1; stage=$2; prefix=$3
[ -f "$plist" ] || { echo "check-plist.sh: $plist does not exist (run the stage phase)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

LC_ALL=C awk -v prefix="$prefix" -v listed="$tmp/listed" -v dirs="$tmp/dirs" -f "$(dirname "$0")/plist.awk" "$plist"
LC_ALL=C sort -u "$tmp/listed" > "$tmp/listed.sorted"
( cd "$stage" && find . \( -type f -o -type l \) | sed 's,^\.,,' ) | LC_ALL=C sort > "$tmp/staged"

status=0
LC_ALL=C comm -23 "$tmp/listed.sorted" "$tmp/staged" > "$tmp/missing"
LC_ALL=C comm -13 "$tmp/listed.sorted" "$tmp/staged" > "$tmp/orphans"
while IFS= read -r p; do echo "Error: listed in the packing list but not staged: $p"; status=1; done < "$tmp/missing"
while IFS= read -r p; do echo "Error: staged but not in the packing list: $p"; status=1; done < "$tmp/orphans"
while IFS= read -r d; do
	[ -d "$stage$d" ] || { echo "Error: @dir $d is not a staged directory"; status=1; }
done < "$tmp/dirs"
[ $status -eq 0 ] && echo "===> The packing list matches the stage directory"
exit $status

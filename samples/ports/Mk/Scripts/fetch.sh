#!/bin/sh
# fetch.sh <destination> <file> <site>...
#
# Copies <file> from the first site that has it to <destination>: under a temporary name in the same
# directory first, renamed when complete, so an interrupted fetch never leaves a partial file under the real
# name. A site is a file:// URL ending in '/' (the sample tree carries its distfiles); other schemes are
# refused with an error naming them.
set -eu
dest=$1; file=$2; shift 2
[ $# -gt 0 ] || { echo "fetch.sh: no MASTER_SITES to fetch $file from" >&2; exit 1; }
# mktemp, not $$: builds in other slots fetch into the same directory, and each slot has its own PID
# namespace, so their shells can have the same pid.
tmp=$(mktemp "$(dirname "$dest")/.$(basename "$dest").fetch.XXXXXX")
trap 'rm -f "$tmp"' EXIT INT TERM
for site in "$@"; do
	case $site in
	file://*)
		src=${site#file://}$file
		if [ -f "$src" ]; then
			echo "cp $src $tmp"
			cp "$src" "$tmp"
			echo "mv $tmp $dest"
			mv "$tmp" "$dest"
			exit 0
		fi
		echo "=> $file is not at $site" >&2
		;;
	*)
		echo "=> cannot fetch $file from $site: only file:// sites are supported by this framework" >&2
		;;
	esac
done
echo "fetch.sh: $file was found at none of: $*" >&2
exit 1

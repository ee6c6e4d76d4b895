#!/bin/sh
# create-package.sh: writes a pkg(8) package (the framework's `package` phase).
#
# Reads its inputs from the environment (bsd.phases.mk sets them):
#   _P_NAME _P_VERSION _P_ORIGIN _P_COMMENT _P_MAINTAINER _P_WWW _P_ABI _P_PREFIX _P_DESCR
#   _P_LICENSE_LOGIC _P_LICENSES _P_CATEGORIES _P_OPTIONS (NAME=on|off ...) _P_ANNOTATIONS (key=value ...)
#   _P_DEPENDS (run-time dependency origins, cat/port[@flavor]) _P_PLIST (packing list, PLIST_SUB applied)
#   _P_STAGEDIR _P_WRKDIR _P_PKGFILE _P_LEVEL (zstd level) _P_MAKE _P_PORTSDIR
#   SOURCE_DATE_EPOCH (optional: the mtime of every entry; otherwise files keep their staged mtimes)
#
# The archive is what pkg writes: a ustar stream, zstd-compressed, whose members are +COMPACT_MANIFEST,
# +MANIFEST, then every packed file in packing-list order, then the @dir directories; entry names are
# absolute paths, owner root and group wheel, modes as staged; the manifests are compact JSON with pkg's
# key order and `1$<sha256>` file sums (a symbolic link's sum is that of its target, as pkg computes it).
# It is written to a temporary name next to PKGFILE and renamed, so a half-written package never carries
# the final name. Tools: sh, awk, sed, sort, find, tar (GNU tar or bsdtar), zstd, sha256sum (or sha256).
set -eu
: "${_P_NAME:?}" "${_P_VERSION:?}" "${_P_PLIST:?}" "${_P_STAGEDIR:?}" "${_P_WRKDIR:?}" "${_P_PKGFILE:?}" "${_P_PREFIX:?}"
LC_ALL=C; export LC_ALL
scripts=$(cd "$(dirname "$0")" && pwd)
fail() { echo "create-package.sh: $*" >&2; exit 1; }
[ -f "$_P_PLIST" ] || fail "the packing list $_P_PLIST does not exist (run the stage phase)"
[ -d "$_P_STAGEDIR" ] || fail "the stage directory $_P_STAGEDIR does not exist (run the stage phase)"
command -v zstd >/dev/null 2>&1 || fail "zstd is not installed"

if command -v sha256sum >/dev/null 2>&1; then
	sha256_stdin() { sha256sum | cut -c1-64; }
else
	sha256_stdin() { sha256 -q; }
fi

work=$_P_WRKDIR/.package
rm -rf "$work"
mkdir -p "$work/meta"
outdir=$(dirname "$_P_PKGFILE")
tmp=$outdir/.$(basename "$_P_PKGFILE").$$.tmp
trap 'rm -f "$tmp"' EXIT
trap 'rm -f "$tmp"; exit 1' INT TERM

awk -v prefix="$_P_PREFIX" -v listed="$work/files" -v dirs="$work/dirs" -f "$scripts/plist.awk" "$_P_PLIST" \
	|| fail "the packing list $_P_PLIST cannot be packed"
[ -z "$(sort "$work/files" | uniq -d)" ] || fail "the packing list names a file twice: $(sort "$work/files" | uniq -d | head -n 1)"

rec=$work/records
tab=$(printf '\t')
{
	printf 'name\t%s\norigin\t%s\nversion\t%s\ncomment\t%s\nmaintainer\t%s\nwww\t%s\n' \
		"$_P_NAME" "${_P_ORIGIN:-}" "$_P_VERSION" "${_P_COMMENT:-}" "${_P_MAINTAINER:-}" "${_P_WWW:-}"
	abi=${_P_ABI:-}
	# pkg's legacy arch string: os in lower case, the machine spelled as pkg's ELF-era names
	os=$(echo "${abi%%:*}" | tr 'A-Z' 'a-z'); rest=${abi#*:}; ver=${rest%%:*}; mach=${rest#*:}
	case $mach in
	amd64) mach=x86:64 ;; i386) mach=x86:32 ;; aarch64) mach=aarch64:64 ;; armv7) mach=armv7:32:el:eabi:hardfp ;;
	armv6) mach=armv6:32:el:eabi:hardfp ;; powerpc64) mach=powerpc:64:eb ;; powerpc64le) mach=powerpc:64:el ;;
	powerpc) mach=powerpc:32:eb ;; riscv64) mach=riscv:64:hf ;;
	esac
	printf 'abi\t%s\narch\t%s\nprefix\t%s\nlicenselogic\t%s\n' "$abi" "$os:$ver:$mach" "$_P_PREFIX" "${_P_LICENSE_LOGIC:-single}"
	for l in ${_P_LICENSES:-}; do printf 'license\t%s\n' "$l"; done
	[ -n "${_P_DESCR:-}" ] && [ -f "$_P_DESCR" ] && printf 'descfile\t%s\n' "$_P_DESCR"
	for c in ${_P_CATEGORIES:-}; do printf 'category\t%s\n' "$c"; done
	for o in ${_P_OPTIONS:-}; do printf 'option\t%s\t%s\n' "${o%%=*}" "${o#*=}"; done | sort
	for a in ${_P_ANNOTATIONS:-}; do printf 'annotation\t%s\t%s\n' "${a%%=*}" "${a#*=}"; done | sort
} > "$rec"

# Run-time dependencies: each origin's package name and version, as the tree answers them.
for d in ${_P_DEPENDS:-}; do
	origin=${d%%@*}; flavor=
	case $d in *@*) flavor=${d#*@} ;; esac
	[ -f "$_P_PORTSDIR/$origin/Makefile" ] || fail "dependency $d: there is no port $_P_PORTSDIR/$origin"
	# This port's own FLAVOR reaches us through the environment and MAKEFLAGS; the dependency gets only the
	# flavor it names, or none (its default flavor). An empty FLAVOR= would be an unknown flavor to a
	# flavored port, and a command-line variable cannot be overridden by its Makefile.
	echo "env -u FLAVOR -u MAKEFLAGS $_P_MAKE -C $_P_PORTSDIR/$origin ${flavor:+FLAVOR=$flavor} -V PKGBASE -V PKGVERSION"
	answer=$(env -u FLAVOR -u MAKEFLAGS "$_P_MAKE" -C "$_P_PORTSDIR/$origin" ${flavor:+"FLAVOR=$flavor"} -V PKGBASE -V PKGVERSION) \
		|| fail "dependency $d: make could not evaluate $_P_PORTSDIR/$origin"
	name=$(echo "$answer" | sed -n 1p); version=$(echo "$answer" | sed -n 2p)
	[ -n "$name" ] && [ -n "$version" ] || fail "dependency $d: no PKGBASE/PKGVERSION from $_P_PORTSDIR/$origin"
	printf 'dep\t%s\t%s\t%s\n' "$name" "$origin" "$version" >> "$work/deps"
done
[ -f "$work/deps" ] && sort -u "$work/deps" >> "$rec"

# Files: sums and the flat size. Tar gets the staged paths without their leading '/'.
flatsize=0
: > "$work/members"
while IFS= read -r p; do
	case $p in *"$tab"*) fail "packed path has a tab in its name: $p" ;; esac
	s=$_P_STAGEDIR$p
	if [ -h "$s" ]; then
		target=$(readlink "$s")
		stripped=$target; n=0
		while [ "${stripped#/}" != "$stripped" ]; do stripped=${stripped#/}; n=$((n + 1)); done
		# pkg hashes the target's length in bytes starting after its leading '/'s: the rest, then NULs.
		sum=$({ printf '%s' "$stripped"; i=0; while [ $i -lt $n ]; do printf '\000'; i=$((i + 1)); done; } | sha256_stdin)
		size=$(printf '%s' "$target" | wc -c | tr -d ' ')
	elif [ -f "$s" ]; then
		sum=$(sha256_stdin < "$s")
		size=$(wc -c < "$s" | tr -d ' ')
	else
		fail "the packing list names $p, but $s was not staged"
	fi
	flatsize=$((flatsize + size))
	printf 'file\t%s\t1$%s\n' "$p" "$sum" >> "$rec"
	echo "${p#/}" >> "$work/members"
done < "$work/files"
while IFS= read -r d; do
	[ -d "$_P_STAGEDIR$d" ] || fail "the packing list has @dir $d, but $_P_STAGEDIR$d is not a staged directory"
	printf 'dir\t%s\n' "$d" >> "$rec"
	echo "${d#/}" >> "$work/members"
done < "$work/dirs"
printf 'flatsize\t%s\n' "$flatsize" >> "$rec"

awk -v compact="$work/meta/+COMPACT_MANIFEST" -v full="$work/meta/+MANIFEST" -f "$scripts/manifest.awk" "$rec"
TZ=UTC0 touch -t 197001010000.00 "$work/meta/+COMPACT_MANIFEST" "$work/meta/+MANIFEST"
chmod 0644 "$work/meta/+COMPACT_MANIFEST" "$work/meta/+MANIFEST"

if tar --version 2>/dev/null | grep -q 'GNU tar'; then
	# Member names get their leading '/' (-P keeps it); link targets are left as staged.
	set -- --format=ustar --owner=root:0 --group=wheel:0 --transform='s,^\([^+]\),/\1,S' \
		${SOURCE_DATE_EPOCH:+--mtime=@$SOURCE_DATE_EPOCH} \
		-c -f - -P --no-recursion -C "$work/meta" +COMPACT_MANIFEST +MANIFEST -C "$_P_STAGEDIR" -T "$work/members"
else
	# bsdtar (FreeBSD's tar) reads no option after the first name: everything goes in the list, with its "-C"
	# lines. As with GNU tar, the 'S' flag keeps the rewrite off symbolic link targets. SOURCE_DATE_EPOCH is
	# applied with GNU tar only.
	{ printf '%s\n' -C "$work/meta" +COMPACT_MANIFEST +MANIFEST -C "$_P_STAGEDIR"; cat "$work/members"; } > "$work/list"
	set -- --format=ustar --uid 0 --gid 0 --uname root --gname wheel -s ',^\([^+]\),/\1,S' \
		-c -f - -P -n -T "$work/list"
fi
printf '%s\n' "tar $* > $work/package.tar"
tar "$@" > "$work/package.tar"
echo "zstd -q -$_P_LEVEL -c $work/package.tar > $tmp"
zstd -q "-$_P_LEVEL" -c "$work/package.tar" > "$tmp"
echo "mv -f $tmp $_P_PKGFILE"
mv -f "$tmp" "$_P_PKGFILE"
trap - EXIT INT TERM
echo "===>  Package $_P_PKGFILE: $(wc -l < "$work/files" | tr -d ' ') files, $flatsize bytes"

#!/usr/bin/env bash
# Installs the host tools GoSynth's tests and sample build need: bmake (evaluates the ports tree),
# zstd, xz-utils, bzip2 and tar (reference tools for package tests and benchmarks), util-linux (unshare,
# findmnt for slots), libarchive-tools (bsdtar, a second packer for the sample framework's package script), openssl (an independent RSA and a signing command for the catalog signature tests),
# tmux (a pseudo-terminal for the live view's test), chromium (the dashboard's browser test), prometheus (promtool),
# clang and zlib1g-dev (the Native AOT compiler of the gosynth tool links with them).
# Uses apt-get when a tool is missing and we are root; otherwise says what to install.
set -euo pipefail

need=()
command -v bmake >/dev/null 2>&1 || need+=(bmake)
command -v zstd >/dev/null 2>&1 || need+=(zstd)
command -v xz >/dev/null 2>&1 || need+=(xz-utils)
command -v bzip2 >/dev/null 2>&1 || need+=(bzip2)
command -v tar >/dev/null 2>&1 || need+=(tar)
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
command -v findmnt >/dev/null 2>&1 || need+=(util-linux)
command -v cc >/dev/null 2>&1 || need+=(gcc)
command -v ps >/dev/null 2>&1 || need+=(procps)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v bsdtar >/dev/null 2>&1 || need+=(libarchive-tools)
command -v sha256sum >/dev/null 2>&1 || need+=(coreutils)
# the CLI's live view is read back through a pseudo-terminal
command -v tmux >/dev/null 2>&1 || need+=(tmux)
# the web dashboard is loaded in a real headless browser; /metrics is checked with Prometheus' own promtool
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
# the gosynth tool package is Native AOT for linux-x64: the ahead-of-time compiler links with clang and zlib
command -v clang >/dev/null 2>&1 || need+=(clang)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
# the sample tree's misc/termclock links the base system's curses when the target has one
[ -e /usr/include/curses.h ] || need+=(libncurses-dev)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
# de-duplicate
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "prereqs: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "prereqs: missing ${need[*]}; install them (Debian: sudo apt-get install ${need[*]}) and run again" >&2
  exit 1
fi

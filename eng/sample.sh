#!/usr/bin/env bash
# The main job on the bundled sample ports tree: installs the host tools (eng/prereqs.sh), then builds
# samples/ports into pkg(8) packages with gosynth, each port in a Linux slot (as root), and prints one
# line per port and a summary. The configuration, packages, logs and build base live under
# artifacts/sample (made by `gosynth init` on the first run); a second run builds only what changed.
#   eng/sample.sh                  build the whole tree (the failing sample port makes the exit status 1)
#   eng/sample.sh misc/hello       build one port and what it needs
#   eng/sample.sh --status [...]   only scan and print the build queue (gosynth status), no root needed
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/prereqs.sh
dotnet build src/GoSynth.Cli -c Release -nologo -v quiet >/dev/null
gosynth() { dotnet src/GoSynth.Cli/bin/Release/net10.0/gosynth.dll "$@"; }
if [ "${1:-}" = "--status" ]; then
  shift
  exec dotnet src/GoSynth.Cli/bin/Release/net10.0/gosynth.dll status --ports-dir samples/ports "$@"
fi
root="$PWD/artifacts/sample"
if [ ! -f "$root/etc/dsynth.ini" ]; then
  gosynth -C "$root/etc" init --build-root "$root" --ports-dir "$PWD/samples/ports"
fi
if [ $# -eq 0 ]; then
  set -- everything
fi
status=0
gosynth -C "$root/etc" -y -S build "$@" || status=$?
echo "packages: $root/live_packages/All   logs: $root/logs (report.html, summary.json, 00_last_results.log)"
exit $status

#!/usr/bin/env bash
# The main job on the bundled sample ports tree: installs the host tools (eng/prereqs.sh), then scans
# samples/ports with real bmake and prints the build queue (gosynth status). Extra arguments go to
# gosynth status, e.g. eng/sample.sh --json or eng/sample.sh misc/hello.
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/prereqs.sh
exec dotnet run --project src/GoSynth.Cli -c Release -- status --ports-dir samples/ports "$@"

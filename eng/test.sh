#!/usr/bin/env bash
# Runs GoSynth's test suite. Installs the host tools it needs first (eng/prereqs.sh), builds the
# solution once, packs every package (a package that no longer packs counts as one failure), runs
# every test project, and ends with the line
#   tests: N passed, N failed, N skipped
# Lanes: long fault and stress campaigns carry the trait Lane=Slow.
#   eng/test.sh               the quick lane: every test without Lane=Slow
#   eng/test.sh --lane slow   only the slow lane
#   eng/test.sh --lane all    both lanes, one after the other, counted together (what CI runs)
# Further arguments go to `dotnet test`. Exit status: 0 when no test failed, non-zero otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

lane=quick
if [ "${1:-}" = "--lane" ]; then
  lane=${2:-}; shift 2 || true
fi
case "$lane" in
  quick) filters=("Lane!=Slow") ;;
  slow) filters=("Lane=Slow") ;;
  all) filters=("Lane!=Slow" "Lane=Slow") ;;
  *) echo "eng/test.sh: unknown lane '$lane' (quick, slow or all)" >&2
     echo "tests: 0 passed, 1 failed, 0 skipped"; exit 2 ;;
esac

bash eng/prereqs.sh || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

config=${CONFIGURATION:-Release}
dotnet build GoSynth.sln -c "$config" -nologo -v quiet || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
packfail=0
# Every package (the libraries and the gosynth tool) must still pack, so packaging cannot rot.
if ! dotnet pack GoSynth.sln -c "$config" --no-build -nologo -v quiet -o "$results/packages"; then
  echo "eng/test.sh: dotnet pack failed" >&2
  status=1; packfail=1
fi
# The gosynth tool is a pointer package (packed above) plus one package per runtime: Native AOT for this machine's
# runtime where the tool ships one (linux-x64), and the portable framework-dependent fallback `any`. The packaging
# tests install the tool from this feed as a user would (GOSYNTH_TOOL_FEED).
tool_rids=(any)
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] && tool_rids=(linux-x64 any)
for rid in "${tool_rids[@]}"; do
  if ! dotnet pack src/GoSynth.Cli -c "$config" -r "$rid" -nologo -v quiet -o "$results/packages"; then
    echo "eng/test.sh: dotnet pack of the gosynth tool for $rid failed" >&2
    status=1; packfail=1
  fi
done
export GOSYNTH_TOOL_FEED="$results/packages"
for i in "${!filters[@]}"; do
  echo "== lane filter: ${filters[$i]}"
  dotnet test GoSynth.sln -c "$config" --no-build -nologo --filter "${filters[$i]}" \
    --logger "trx" --results-directory "$results/lane$i" "$@" 2>&1 | tee "$results/console$i.log"
  rc=${PIPESTATUS[0]}
  [ "$rc" -ne 0 ] && status=$rc
done

passed=0; failed=0; skipped=0
for trx in "$results"/lane*/*.trx; do
  [ -f "$trx" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$line")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
failed=$((failed + packfail))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A crashed test host or a build error counts as a failure even when no test reported one.
  failed=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"

#!/usr/bin/env bash
# Runs GoSynth's whole test suite. Installs the host tools it needs first (eng/prereqs.sh),
# builds the solution once, runs every test project, and ends with the line
#   tests: N passed, N failed, N skipped
# Exit status: 0 when no test failed, non-zero otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

bash eng/prereqs.sh || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

config=${CONFIGURATION:-Release}
dotnet build GoSynth.sln -c "$config" -nologo -v quiet || { echo "tests: 0 passed, 0 failed, 0 skipped"; exit 1; }

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet test GoSynth.sln -c "$config" --no-build -nologo --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$line")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A crashed test host or a build error counts as a failure even when no test reported one.
  failed=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"

#!/usr/bin/env bash
# Records the public API of the given library projects in their PublicAPI.Unshipped.txt:
# adds symbols the analyzer reports as undeclared (RS0016) and drops entries it reports
# as no longer existing (RS0017). Run it after changing a public surface, then review the diff.
#   eng/update-public-api.sh src/GoSynth.Pkg [src/GoSynth.BuildDb ...]
set -euo pipefail
cd "$(dirname "$0")/.."
for project in "$@"; do
  project=${project%/}
  file="$project/PublicAPI.Unshipped.txt"
  [ -f "$file" ] || printf '#nullable enable\n' > "$file"
  log=$(mktemp)
  dotnet build "$project" -nologo -v quiet -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= --no-incremental >"$log" 2>&1 || true
  python3 - "$file" "$log" <<'PY'
import re, sys
path, log = sys.argv[1], sys.argv[2]
text = open(log, encoding="utf-8", errors="replace").read()
add = set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared (?:public )?API", text))
remove = set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API, but is either not public or could not be found", text))
lines = [l.rstrip("\n") for l in open(path, encoding="utf-8")]
header = [l for l in lines if l.startswith("#")] or ["#nullable enable"]
body = {l for l in lines if l and not l.startswith("#")}
body = (body | add) - remove
open(path, "w", encoding="utf-8").write("\n".join(header + sorted(body, key=str.lower)) + "\n")
print(f"{path}: +{len(add)} -{len(remove)}")
PY
  rm -f "$log"
done

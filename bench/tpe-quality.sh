#!/bin/sh
# TPE search quality against Optuna 3.1 (tests/Fixtures/tpe/quality/QUALITY.md), driven through the ask/tell protocol:
# builds bench/Search.Bench, writes bench/out/quality-hypersweep.json (4 public functions x {tpe, tpe_multivariate}
# x 25 seeds x 100 trials) and checks it with compare_quality.py (exit status 0 iff every gate passes).
# Usage: bench/tpe-quality.sh [extra tpe_quality.py arguments, e.g. --set constant_liar=true]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$root/bench/out"
dotnet build "$root/bench/Search.Bench/Search.Bench.csproj" -c Release -v q -nologo >/dev/null
/usr/bin/python3 "$root/bench/tpe_quality.py" --out "$root/bench/out/quality-hypersweep.json" "$@"
/usr/bin/python3 "$root/tests/Fixtures/tpe/quality/compare_quality.py" \
  "$root/tests/Fixtures/tpe/quality/quality-optuna-public.json" "$root/bench/out/quality-hypersweep.json"

#!/bin/sh
# Side-by-side throughput of HyperSweep's engine and the PyTorch anchor on the models of SHAPES.md,
# measured in ONE session and interleaved per model (PyTorch, ours, PyTorch, ours, ... for --rounds rounds),
# so both sides share the machine's load. Prints per model: median ms/step of each side (median over rounds),
# ratio = ours / PyTorch throughput, peak resident memory of each side, and the geometric mean of the ratios.
#
#   bench/compare.sh [--models dan,nplm,...] [--threads 1] [--rounds 2] [--steps N] [--out FILE] [--raw FILE]
#
# --out writes the summary as JSON; --raw keeps every run's full JSON line (both sides). Besides the wall-clock
# ratio it prints the ratio of CPU time per step (process CPU time, both sides), which is less disturbed when
# other jobs share the cores.
#
# Run from anywhere; paths are relative to the repository root (../shared/bench holds bench.py).
# Installs nothing: if PyTorch is missing it says how to install it.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
shared="$repo/../shared/bench"
models="dan,nplm,elman_lm,lstm_lm,gru_lm,birnn_clf"
threads=1
rounds=2
steps=""
out=""
raw=""
while [ $# -gt 0 ]; do
    case "$1" in
        --models) models="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --steps) steps="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --raw) raw="$2"; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "compare.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

if [ ! -f "$shared/bench.py" ]; then
    echo "compare.sh: $shared/bench.py not found (expected ../shared/bench beside the repository)." >&2
    exit 2
fi
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "compare.sh: PyTorch is not installed for /usr/bin/python3. Install it (Debian, as root, uses apt):" >&2
    echo "    sh $shared/install.sh" >&2
    exit 3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "building bench/Engine.Bench (Release) ..." >&2
dotnet build "$repo/bench/Engine.Bench" -c Release -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
ours_dll="$repo/bench/Engine.Bench/bin/Release/net10.0/HyperSweep.Engine.Bench.dll"

# Runs bench.py for one model and prints its result as one JSON line with the peak RSS of its largest child
# process (the worker that trained the model) added as peak_mb. bench.py itself clears OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE for its workers; nothing else here touches OpenBLAS' environment.
torch_run() {
    /usr/bin/python3 - "$shared/bench.py" "$1" "$threads" "$work/torch.json" <<'PY'
import json, resource, subprocess, sys
bench, model, threads, out = sys.argv[1:5]
cmd = ["/usr/bin/python3", bench, "--models", model, "--threads", threads, "--configs", "tuned",
       "--no-matmul", "--max-others", "1000", "--wait-budget", "0", "--retries", "0", "--out", out]
p = subprocess.run(cmd, stdout=subprocess.DEVNULL)
if p.returncode:
    sys.exit(f"bench.py failed: {' '.join(cmd)}")
r = json.load(open(out))["results"][0]
r["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
print(json.dumps(r))
PY
}

ours_run() {
    # One model per process, so the peak resident memory is this model's alone.
    if [ -n "$steps" ]; then
        dotnet "$ours_dll" --models "$1" --threads "$threads" --json --steps "$steps"
    else
        dotnet "$ours_dll" --models "$1" --threads "$threads" --json
    fi
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC')  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')  threads=$threads rounds=$rounds  load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for model in $(echo "$models" | tr ',' ' '); do
    # bench.py's padded birnn_clf runs the backward direction through padding; its packed row is the same computation as ours.
    torch_model=$model
    [ "$model" = birnn_clf ] && torch_model=birnn_clf_packed
    round=1
    while [ "$round" -le "$rounds" ]; do
        torch_run "$torch_model" | sed "s/^/torch $model $round /" >>"$work/results.txt"
        ours_run "$model" | sed "s/^/ours $model $round /" >>"$work/results.txt"
        tail -2 "$work/results.txt" | cut -c1-160 >&2
        round=$((round + 1))
    done
done

[ -n "$raw" ] && cp "$work/results.txt" "$raw"
/usr/bin/python3 - "$work/results.txt" "$models" "$threads" "${out:-}" <<'PY'
import json, math, statistics, sys
path, models, threads, out = sys.argv[1], sys.argv[2].split(","), sys.argv[3], sys.argv[4]
rows = {}
for line in open(path):
    side, model, _, payload = line.split(" ", 3)
    r = json.loads(payload)
    ms = r["step_ms"] if side == "torch" else r["ms_per_step"]
    cpu = r["cpu_ms"] if side == "torch" else r["cpu_ms_per_step"]
    rows.setdefault((side, model), []).append((ms, r["tokens_per_s"], r["peak_mb"], cpu))
print(f"| model | PyTorch ms/step | ours ms/step | PyTorch tokens/s | ours tokens/s | ratio (ours/PyTorch) | PyTorch CPU ms/step | ours CPU ms/step | CPU-time ratio | PyTorch peak MB | ours peak MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
ratios, cpu_ratios, summary = [], [], []
for m in models:
    t, o = rows[("torch", m)], rows[("ours", m)]
    tms, oms = statistics.median(x[0] for x in t), statistics.median(x[0] for x in o)
    ttok, otok = statistics.median(x[1] for x in t), statistics.median(x[1] for x in o)
    ratio = otok / ttok
    ratios.append(ratio)
    tmb, omb = max(x[2] for x in t), max(x[2] for x in o)
    tcpu, ocpu = statistics.median(x[3] for x in t), statistics.median(x[3] for x in o)
    cpu_ratio = tcpu / ocpu
    cpu_ratios.append(cpu_ratio)
    summary.append(dict(model=m, threads=int(threads), torch_ms=tms, ours_ms=oms, ratio=ratio, torch_cpu_ms=tcpu, ours_cpu_ms=ocpu,
                        cpu_ratio=cpu_ratio, torch_peak_mb=tmb, ours_peak_mb=omb,
                        torch_ms_all=[x[0] for x in t], ours_ms_all=[x[0] for x in o]))
    print(f"| {m} | {tms:.2f} | {oms:.2f} | {ttok:,.0f} | {otok:,.0f} | {ratio:.2f} | {tcpu:.2f} | {ocpu:.2f} | {cpu_ratio:.2f} | {tmb:.0f} | {omb:.0f} |")
geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
cpu_geo = math.exp(sum(math.log(r) for r in cpu_ratios) / len(cpu_ratios))
print(f"\ngeometric mean of the ratios: {geo:.2f} by wall clock, {cpu_geo:.2f} by CPU time  (threads={threads}; medians over interleaved rounds)")
if out:
    json.dump(dict(models=summary, geometric_mean=geo, geometric_mean_cpu=cpu_geo), open(out, "w"), indent=1)
PY

#!/bin/sh
# Side-by-side throughput of HyperSweep's engine and the PyTorch anchor on the models of SHAPES.md,
# measured in ONE session and interleaved per model (PyTorch, ours, PyTorch, ours, ... for --rounds rounds),
# so both sides share the machine's load. Prints per model: median ms/step of each side (median over rounds),
# ratio = ours / PyTorch throughput, peak resident memory of each side, and the geometric mean of the ratios.
#
#   bench/compare.sh [--models dan,nplm,...] [--shapes FILE] [--pair] [--threads 1] [--rounds 2] [--steps N]
#                    [--out FILE] [--raw FILE]
#
# --shapes FILE: both sides train the models of FILE's shapes table (SHAPES.md's format; default: every row).
#   A classifier row X is compared with PyTorch's X_packed (bench.py's packed twin of every classifier row).
# --pair: two trials on two cores, the sweep's real situation: each round runs two PyTorch processes at once,
#   then two of ours at once; prints the aggregate throughput of the pair and the per-step time of each side.
# --out writes the summary as JSON; --raw keeps every run's full JSON line (both sides). Besides the wall-clock
# ratio it prints the ratio of CPU time per step (process CPU time, both sides).
#
# Run from anywhere; paths are relative to the repository root (../shared/bench holds bench.py).
# Installs nothing: if PyTorch is missing it says how to install it.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
shared="$repo/../shared/bench"
models=""
shapes=""
pair=0
threads=1
rounds=2
steps=""
out=""
raw=""
while [ $# -gt 0 ]; do
    case "$1" in
        --models) models="$2"; shift 2 ;;
        --shapes) shapes="$2"; shift 2 ;;
        --pair) pair=1; shift ;;
        --threads) threads="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --steps) steps="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --raw) raw="$2"; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
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
if [ -n "$shapes" ]; then
    [ -f "$shapes" ] || { echo "compare.sh: --shapes: file '$shapes' does not exist." >&2; exit 2; }
    shapes=$(cd "$(dirname "$shapes")" && pwd)/$(basename "$shapes")
fi

# The model list and each model's PyTorch twin, by bench.py's own reading of the shapes table (a malformed file
# stops here with its file:line error): a classifier row X runs on PyTorch's side as X_packed, the same
# computation as ours (the backward direction starts at each example's last real token).
pairs=$(/usr/bin/python3 - "$shared" "$shapes" "$models" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import bench
shapes, wanted = sys.argv[2], sys.argv[3]
if shapes:
    try:
        rows = [name for name, _ in bench.parse_shapes(open(shapes, encoding="utf-8-sig", newline="").read(), shapes)]
    except bench.ShapesError as e:
        sys.exit(f"compare.sh: {e}")
    family = bench.shape_family
else:
    rows = ["dan", "nplm", "elman_lm", "lstm_lm", "gru_lm", "birnn_clf"]
    family = lambda name: bench.BUILTIN_FAMILY.get(name)
by_lower = {r.lower(): r for r in rows}
chosen = []
for m in (wanted or "all").split(","):
    m = m.strip()
    if m.lower() == "all":
        chosen += rows
    elif m.lower() in by_lower:
        chosen.append(by_lower[m.lower()])
    elif m:
        sys.exit(f"compare.sh: --models: '{m}' is not in the shapes table (has: {', '.join(rows)})")
for m in chosen:
    print(m, m + "_packed" if family(m) == "clf" else m)
PY
) || exit 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "building bench/Engine.Bench (Release) ..." >&2
dotnet build "$repo/bench/Engine.Bench" -c Release -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
ours_dll="$repo/bench/Engine.Bench/bin/Release/net10.0/HyperSweep.Engine.Bench.dll"

# Runs bench.py for one model and prints its result as one JSON line with the peak RSS of its largest child
# process (the worker that trained the model) added as peak_mb. bench.py itself clears OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE for its workers; nothing else here touches OpenBLAS' environment.
torch_run() {   # model, output file
    /usr/bin/python3 - "$shared/bench.py" "$1" "$threads" "$2.torch.json" "$shapes" >"$2" <<'PY'
import json, resource, subprocess, sys
bench, model, threads, out, shapes = sys.argv[1:6]
cmd = ["/usr/bin/python3", bench, "--models", model, "--threads", threads, "--configs", "tuned",
       "--no-matmul", "--max-others", "1000", "--wait-budget", "0", "--retries", "0", "--out", out]
if shapes:
    cmd += ["--shapes", shapes]
p = subprocess.run(cmd, stdout=subprocess.DEVNULL)
if p.returncode:
    sys.exit(f"bench.py failed: {' '.join(cmd)}")
r = json.load(open(out))["results"][0]
r["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
print(json.dumps(r))
PY
}

ours_run() {    # model, output file; one model per process, so the peak resident memory is this model's alone
    set -- "$1" "$2" ${shapes:+--shapes "$shapes"} ${steps:+--steps "$steps"}
    model=$1 file=$2
    shift 2
    dotnet "$ours_dll" --models "$model" --threads "$threads" --json "$@" >"$file"
}

# One side's run of a round: one process, or with --pair two processes started together (two trials on two cores).
side_run() {    # side (torch|ours), model, round
    if [ "$pair" = 1 ]; then
        "${1}_run" "$2" "$work/a" & first=$!
        "${1}_run" "$2" "$work/b" & second=$!
        wait "$first" || { echo "compare.sh: $1 run of $2 failed" >&2; exit 1; }
        wait "$second" || { echo "compare.sh: $1 run of $2 failed" >&2; exit 1; }
        sed "s/^/$1 $model_name $3a /" "$work/a" >>"$work/results.txt"
        sed "s/^/$1 $model_name $3b /" "$work/b" >>"$work/results.txt"
    else
        "${1}_run" "$2" "$work/a" || { echo "compare.sh: $1 run of $2 failed" >&2; exit 1; }
        sed "s/^/$1 $model_name $3 /" "$work/a" >>"$work/results.txt"
    fi
}

mode=$([ "$pair" = 1 ] && echo "pair (2 processes per side at once)" || echo "single")
echo "# $(date -u '+%Y-%m-%d %H:%M UTC')  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') (family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ') model $(grep -m1 '^model[[:space:]]' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || echo 'no AVX-512'))  threads=$threads rounds=$rounds mode=$mode${shapes:+  shapes=$shapes}  load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
: >"$work/results.txt"
names=""
echo "$pairs" | while read -r model_name torch_model; do
    round=1
    while [ "$round" -le "$rounds" ]; do
        side_run torch "$torch_model" "$round"
        side_run ours "$model_name" "$round"
        tail -n $((2 * (pair + 1))) "$work/results.txt" | cut -c1-160 >&2
        round=$((round + 1))
    done
done
names=$(echo "$pairs" | cut -d' ' -f1 | paste -sd, -)

[ -n "$raw" ] && cp "$work/results.txt" "$raw"
/usr/bin/python3 - "$work/results.txt" "$names" "$threads" "${out:-}" "$pair" <<'PY'
import json, math, statistics, sys
path, models, threads, out, pair = sys.argv[1], sys.argv[2].split(","), sys.argv[3], sys.argv[4], sys.argv[5] == "1"
runs = {}
for line in open(path):
    side, model, run, payload = line.split(" ", 3)
    r = json.loads(payload)
    ms = r["step_ms"] if side == "torch" else r["ms_per_step"]
    cpu = r["cpu_ms"] if side == "torch" else r["cpu_ms_per_step"]
    # with --pair, run "2a"/"2b" are the two processes of round 2
    runs.setdefault((side, model, run.rstrip("ab")), []).append((ms, r["tokens_per_s"], r["peak_mb"], cpu))
rows = {}
for (side, model, _), procs in runs.items():
    # per round: mean step time and CPU time of its processes, their summed throughput (the pair's aggregate)
    rows.setdefault((side, model), []).append((statistics.mean(p[0] for p in procs), sum(p[1] for p in procs),
                                               max(p[2] for p in procs), statistics.mean(p[3] for p in procs)))
tok = "aggregate tokens/s (2 processes)" if pair else "tokens/s"
print(f"| model | PyTorch ms/step | ours ms/step | PyTorch {tok} | ours {tok} | ratio (ours/PyTorch) | PyTorch CPU ms/step | ours CPU ms/step | CPU-time ratio | PyTorch peak MB | ours peak MB |")
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
    summary.append(dict(model=m, threads=int(threads), pair=pair, torch_ms=tms, ours_ms=oms, torch_tokens_per_s=ttok,
                        ours_tokens_per_s=otok, ratio=ratio, torch_cpu_ms=tcpu, ours_cpu_ms=ocpu,
                        cpu_ratio=cpu_ratio, torch_peak_mb=tmb, ours_peak_mb=omb,
                        torch_ms_all=[x[0] for x in t], ours_ms_all=[x[0] for x in o]))
    print(f"| {m} | {tms:.2f} | {oms:.2f} | {ttok:,.0f} | {otok:,.0f} | {ratio:.2f} | {tcpu:.2f} | {ocpu:.2f} | {cpu_ratio:.2f} | {tmb:.0f} | {omb:.0f} |")
geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
cpu_geo = math.exp(sum(math.log(r) for r in cpu_ratios) / len(cpu_ratios))
how = "two processes per side at once, ms/step = mean of the pair" if pair else "one process per side"
print(f"\ngeometric mean of the ratios: {geo:.2f} by wall clock, {cpu_geo:.2f} by CPU time  (threads={threads}; {how}; medians over interleaved rounds)")
if out:
    json.dump(dict(models=summary, pair=pair, geometric_mean=geo, geometric_mean_cpu=cpu_geo), open(out, "w"), indent=1)
PY

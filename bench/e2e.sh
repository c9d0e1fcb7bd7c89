#!/bin/sh
# End-to-end sweep benchmark: HyperSweep (`hypersweep run`, dev mode, one process) against the same sweep written
# with Optuna 3.1 + PyTorch 1.13 (../shared/e2e, run through its run.sh: tcmalloc, one thread per worker process),
# interleaved round by round on the same spec. Prints per side: wall time, epochs trained, core-seconds (user + sys
# of the whole process tree, start-up and data load included) per epoch, best value, the time from launch at which
# the side first reported a value at least as good as the target (default: the worse of the two bests), and the
# ratios (Optuna + PyTorch / HyperSweep).
#
#   bench/e2e.sh [SPEC] [--rounds 1] [--slots N] [--target V] [--peer-configs hypersweep|optuna]
#                [--out FILE] [--keep DIR] [--no-build]
#
# SPEC: a sweep spec of a DAN classification task (default examples/sst2-dan.yaml); the peer takes its trial
#   count, seed, epoch budget, early stopping and data folder from it (it has the DAN search space and the median
#   pruner of sst2-dan.yaml built in, and says so when the spec asks for something else).
# --slots N: trials at once on each side (HyperSweep --slots, the peer's --workers); default: the core count.
# --peer-configs hypersweep (default): the peer trains exactly the configurations HyperSweep drew in the same
#   round (its --configs), so both sides train the same models; `optuna`: the peer draws its own with Optuna's
#   RandomSampler (same distributions, other draws), and the two sides alternate who goes first.
# --out FILE: the summary as JSON. --keep DIR: keep every run's output there (default: a temporary folder).
# Everything each side writes goes under that folder (../shared is read-only): state dir, SQLite study, JSON.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
spec="$repo/examples/sst2-dan.yaml"
rounds=1
slots=$(nproc)
target=""
peer_configs=hypersweep
out=""
keep=""
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --slots) slots="$2"; shift 2 ;;
        --target) target="$2"; shift 2 ;;
        --peer-configs) peer_configs="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        -*) echo "e2e.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
        *) spec="$1"; shift ;;
    esac
done

peer="$repo/../shared/e2e/run.sh"
[ -f "$spec" ] || { echo "e2e.sh: spec '$spec' does not exist." >&2; exit 2; }
[ -x "$peer" ] || { echo "e2e.sh: $peer not found (expected ../shared/e2e beside the repository)." >&2; exit 2; }
case "$peer_configs" in hypersweep|optuna) ;; *) echo "e2e.sh: --peer-configs must be hypersweep or optuna." >&2; exit 2 ;; esac
if ! /usr/bin/python3 -c 'import torch, optuna, yaml' 2>/dev/null; then
    echo "e2e.sh: /usr/bin/python3 needs torch, optuna and yaml (Debian: python3-torch python3-optuna python3-yaml)." >&2
    exit 3
fi

if [ -n "$keep" ]; then
    mkdir -p "$keep"
    work=$(cd "$keep" && pwd)
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
if [ "$build" = 1 ]; then
    echo "building src/Client (Release) ..." >&2
    dotnet build "$repo/src/Client" -c Release -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
fi
hypersweep="$repo/src/Client/bin/Release/net10.0/hypersweep"
[ -x "$hypersweep" ] || { echo "e2e.sh: $hypersweep not built (drop --no-build)." >&2; exit 2; }

/usr/bin/python3 - "$spec" "$rounds" "$slots" "$target" "$peer_configs" "$out" "$work" "$hypersweep" "$peer" "$keep" <<'PY'
import json, math, os, re, statistics, subprocess, sys, time
import yaml

spec_path, rounds, slots, target_arg, peer_configs, out, work, hypersweep, peer, keep = sys.argv[1:11]
rounds, slots = int(rounds), int(slots)
spec_path = os.path.abspath(spec_path)

def fail(message):
    sys.exit(f"e2e.sh: {spec_path}: {message}")

try:
    spec = yaml.safe_load(open(spec_path))
except yaml.YAMLError as e:
    fail(f"not valid YAML: {e}")
def get(path, default=None):
    node = spec
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return default
        node = node[key]
    return node

# What the peer can mirror: a DAN on a classification TSV pair, judged by val_accuracy.
metric = get("objective.metric", "val_accuracy")
direction = get("objective.direction", "maximize")
if get("task.kind") != "classification" or get("model.arch") != "dan":
    fail("the Optuna + PyTorch peer trains a DAN classifier only (task.kind classification, model.arch dan).")
if metric != "val_accuracy" or direction != "maximize":
    fail("the peer optimises val_accuracy (maximize) only.")
train, dev = get("task.data.train"), get("task.data.dev")
if not train or not dev:
    fail("task.data needs train and dev files.")
base = os.path.dirname(spec_path)
train, dev = (os.path.normpath(os.path.join(base, p)) for p in (train, dev))
data_dir = os.path.dirname(train)
if (os.path.basename(train), os.path.basename(dev), os.path.dirname(dev)) != ("train.tsv", "dev.tsv", data_dir):
    fail("the peer reads <folder>/train.tsv and <folder>/dev.tsv: name the data files so.")
trials = int(get("strategy.trials", 30))
peer_args = ["--trials", str(trials), "--workers", str(slots), "--data", data_dir, "-v",
             "--seed", str(get("strategy.seed", 2024)), "--max-epochs", str(get("budget.max_epochs", 15))]
if get("budget.early_stopping.patience") is not None:
    peer_args += ["--patience", str(get("budget.early_stopping.patience"))]
if get("budget.early_stopping.min_delta") is not None:
    peer_args += ["--min-delta", str(get("budget.early_stopping.min_delta"))]
built_in = {"pruner": {"name": "median", "n_startup_trials": 5, "n_warmup_steps": 2}, "strategy.method": "random",
            "model.optimizer": "adam", "model.batch_size": 64, "task.data.lowercase": True, "task.data.min_count": 2,
            "task.data.max_vocab": 20000}
for key, value in built_in.items():
    given = get(key, value)
    if given != value and not (isinstance(value, dict) and all(given.get(k) == v for k, v in value.items())):
        print(f"e2e.sh: note: the peer has {key} = {value} built in; the spec says {given}", file=sys.stderr)
space = {"embedding_dim", "hidden_size", "hidden_layers", "word_dropout", "lr", "weight_decay"}
if set(get("parameters", {}) or {}) - space:
    print(f"e2e.sh: note: the peer searches {sorted(space)} only; the spec also has "
          f"{sorted(set(get('parameters')) - space)}", file=sys.stderr)

def run(cmd, log, env=None):
    """Runs cmd, stamping each stdout line with the seconds since launch; returns (lines, wall, core-seconds)."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=open(log + ".err", "w"), text=True, env=env)
    lines = []
    with open(log, "w") as f:
        for line in p.stdout:
            t = time.monotonic() - start
            lines.append((t, line.rstrip("\n")))
            f.write(f"{t:9.3f} {line}")
            f.flush()   # so a long run can be followed with tail -f
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        sys.exit(f"e2e.sh: {' '.join(cmd)} failed (status {status}); see {log}.err")
    # CPU of the whole tree that was waited for (workers included); ru_maxrss: the largest single process, in KiB
    return lines, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0

def scalar(text):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text, text)

def hypersweep_round(r):
    state = os.path.join(work, f"hs-{r}")
    lines, wall, cpu, peak = run([hypersweep, "run", spec_path, "--state-dir", state, "--slots", str(slots)],
                           os.path.join(work, f"hs-{r}.log"))
    values, epochs, configs, best = [], {}, {}, None
    for t, line in lines:
        if m := re.search(r"\] trial (\d+) started: (.*)$", line):
            configs[int(m[1])] = {k: scalar(v) for k, v in (kv.split("=", 1) for kv in m[2].split())}
        elif m := re.search(r"\] trial (\d+) epoch (\d+) val_accuracy=(-?[0-9][0-9.Ee+-]*)", line):
            values.append((t, float(m[3])))
        elif m := re.search(r"\] trial (\d+) \w+ after (\d+) epochs, best val_accuracy=(-?[0-9][0-9.Ee+-]*)", line):
            epochs[int(m[1])] = int(m[2])
            values.append((t, float(m[3])))
        elif m := re.search(r"; best val_accuracy=(-?[0-9][0-9.Ee+-]*) \(trial", line):
            best = float(m[1])
        elif m := re.search(r"\] trial (\d+) \w+ after (\d+) epochs", line):
            epochs[int(m[1])] = int(m[2])
    if len(epochs) != trials:
        sys.exit(f"e2e.sh: hypersweep reported {len(epochs)} finished trials of {trials}; see {work}/hs-{r}.log")
    return dict(wall_s=wall, core_s=cpu, peak_mb=peak, epochs=sum(epochs.values()), best=best, values=values,
                configs=[configs[n] for n in sorted(configs)])

def peer_round(r, configs):
    result = os.path.join(work, f"optuna-{r}.json")
    cmd = [peer, *peer_args, "--out", result, "--storage", os.path.join(work, f"optuna-{r}.sqlite3")]
    if configs is not None:
        path = os.path.join(work, f"configs-{r}.json")
        json.dump(configs, open(path, "w"))
        cmd += ["--configs", path]
    lines, wall, cpu, peak = run(cmd, os.path.join(work, f"optuna-{r}.log"))
    values = [(t, float(m[1])) for t, line in lines if (m := re.search(r"\] trial +\d+ epoch \d+: .* val_acc ([0-9.]+)", line))]
    doc = json.load(open(result))
    best = doc["best_trial"]["optuna_value"] if doc.get("best_trial") else None
    return dict(wall_s=wall, core_s=cpu, peak_mb=peak, epochs=doc["epochs_total"], best=best, values=values,
                sweep_wall_s=doc["timing"]["sweep_wall_s"], others_cores=doc["timing"]["others_cores"])

def first_reached(values, goal):
    # Both sides print values to 4 decimals: compare at that precision.
    hits = [t for t, v in values if v >= round(goal, 4) - 1e-9]
    return min(hits) if hits else None

cpu = open("/proc/cpuinfo").read()
field = lambda name: re.search(rf"^{name}\s*: (.*)$", cpu, re.M)[1]
print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  {field('model name')} (family {field('cpu family')} "
      f"model {field('model')}, {'AVX-512' if ' avx512f' in cpu else 'no AVX-512'})  spec {spec_path}  "
      f"slots {slots}  rounds {rounds}  peer configs: {peer_configs}  load: {open('/proc/loadavg').read().split()[:3]}",
      file=sys.stderr)
results = []
for r in range(1, rounds + 1):
    if peer_configs == "hypersweep" or r % 2 == 1:
        ours = hypersweep_round(r)
        theirs = peer_round(r, ours["configs"] if peer_configs == "hypersweep" else None)
    else:
        theirs = peer_round(r, None)
        ours = hypersweep_round(r)
    goal = float(target_arg) if target_arg else min(x["best"] for x in (ours, theirs) if x["best"] is not None)
    for side in (ours, theirs):
        side["core_s_per_epoch"] = side["core_s"] / side["epochs"]
        side["target"] = goal
        side["time_to_target_s"] = first_reached(side["values"], goal)
    results.append((ours, theirs))
    print(f"round {r}: hypersweep {ours['wall_s']:.1f} s, {ours['epochs']} epochs, best {ours['best']}; "
          f"optuna+pytorch {theirs['wall_s']:.1f} s, {theirs['epochs']} epochs, best {theirs['best']}", file=sys.stderr)

def med(side, key):
    xs = [x[side][key] for x in results if x[side][key] is not None]
    return statistics.median(xs) if xs else None
def fmt(v, spec=".1f"):
    return "-" if v is None else format(v, spec)
def ratio(key):
    xs = [x[1][key] / x[0][key] for x in results if x[0][key] and x[1][key] is not None]
    return statistics.median(xs) if xs else None
rows = [("wall time (s, launch to exit)", "wall_s", ".1f"), ("epochs trained", "epochs", ".0f"),
        ("core-seconds (user+sys, whole process tree)", "core_s", ".1f"),
        ("core-seconds per epoch", "core_s_per_epoch", ".3f"), ("best val_accuracy", "best", ".4f"),
        ("target val_accuracy", "target", ".4f"), ("time to target (s from launch)", "time_to_target_s", ".1f"),
        ("peak resident MB of the largest process (HyperSweep: all its trials; peer: one worker)", "peak_mb", ".0f")]
print("| figure (median over rounds) | HyperSweep | Optuna + PyTorch | ratio (Optuna + PyTorch / HyperSweep) |")
print("|---|---:|---:|---:|")
for label, key, f in rows:
    o, t = med(0, key), med(1, key)
    rt = ratio(key) if key in ("wall_s", "core_s", "core_s_per_epoch", "time_to_target_s") else None
    print(f"| {label} | {fmt(o, f)} | {fmt(t, f)} | {fmt(rt, '.2f')} |")
print(f"\nOptuna's own sweep clock (study creation to last trial, imports and data load excluded): "
      f"{fmt(med(1, 'sweep_wall_s'))} s; other processes used {fmt(med(1, 'others_cores'), '.2f')} cores meanwhile.")
if keep:
    print(f"run outputs: {work}")
if out:
    strip = lambda d: {k: v for k, v in d.items() if k not in ("values", "configs")}
    json.dump(dict(spec=spec_path, slots=slots, peer_configs=peer_configs,
                   rounds=[dict(hypersweep=strip(o), optuna_pytorch=strip(t)) for o, t in results],
                   ratios={k: ratio(k) for k in ("wall_s", "core_s", "core_s_per_epoch", "time_to_target_s")}),
              open(out, "w"), indent=1)
PY

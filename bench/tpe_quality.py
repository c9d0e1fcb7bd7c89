#!/usr/bin/python3
"""QUALITY.md's protocol driven through `Search.Bench --ask-tell` (bench/README-search.md).

    /usr/bin/python3 bench/tpe_quality.py [--seeds 25] [--trials 100] [--out FILE] [--bench DLL]
                                          [--functions branin,hartmann6,...] [--set key=value ...]

For each public function of tests/Fixtures/tpe/quality/QUALITY.md and each TPE variant (`tpe`: Optuna's defaults;
`tpe_multivariate`: multivariate=true), runs one ask/tell process per seed (0..seeds-1), evaluates the objective
here, and writes the "tpe-quality/1" JSON (raw best-so-far at trials 10/25/50/100 and their quartiles). The objective
never runs inside HyperSweep: this is how an outside program drives our samplers. Compare with
`compare_quality.py REFERENCE.json OUT.json` (bench/tpe-quality.sh does both).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BENCH = os.path.join(HERE, "Search.Bench", "bin", "Release", "net10.0", "HyperSweep.Search.Bench.dll")
CHECKPOINTS = [10, 25, 50, 100]


def branin(p):
    x1, x2 = p["x1"], p["x2"]
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
     [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def hartmann6(p):
    x = [p[f"x{j}"] for j in range(6)]
    return -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(6))) for i in range(4))


def rosenbrock5_log(p):
    z = [math.log10(p[f"x{i}"]) for i in range(5)]
    return sum(100 * (z[i + 1] - z[i] ** 2) ** 2 + (1 - z[i]) ** 2 for i in range(4))


OFF = {"a": 0.0, "b": 0.5, "c": 1.0, "d": 2.0}
SHIFT = {"a": 2.0, "b": -1.0, "c": 0.0, "d": 3.0}


def mixed_cat(p):
    c = p["c"]
    return OFF[c] + (p["x"] - SHIFT[c]) ** 2 + ((p["k"] - 12) / 4) ** 2 + (math.log10(p["y"]) + 2) ** 2


FUNCTIONS = {
    "branin": (branin, "x1: {min: -5.0, max: 10.0}\n  x2: {min: 0.0, max: 15.0}"),
    "hartmann6": (hartmann6, "\n  ".join(f"x{i}: {{min: 0.0, max: 1.0}}" for i in range(6))),
    "rosenbrock5_log": (rosenbrock5_log,
                        "\n  ".join(f"x{i}: {{min: 0.001, max: 1000.0, distribution: log_uniform}}" for i in range(5))),
    "mixed_cat": (mixed_cat, "c: {values: [a, b, c, d]}\n  k: {min: 1, max: 20}\n  x: {min: -5.0, max: 5.0}\n"
                             "  y: {min: 0.001, max: 1.0, distribution: log_uniform}"),
}
VARIANTS = {"tpe": [], "tpe_multivariate": ["--set", "multivariate=true"]}


def percentile(xs, q):
    ys = sorted(xs)
    v = (len(ys) - 1) * q / 100.0
    i = int(math.floor(v))
    return ys[-1] if i >= len(ys) - 1 else ys[i] + (ys[i + 1] - ys[i]) * (v - i)


def study(bench, space_file, variant_args, extra, seed, trials, objective):
    """One ask/tell process: best-so-far after each trial."""
    command = ["dotnet", bench, "--ask-tell", "--space", space_file, "--sampler", "tpe", "--seed", str(seed)]
    command += variant_args + sum((["--set", s] for s in extra), [])
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    best, curve = math.inf, []
    try:
        for trial in range(trials):
            process.stdin.write(json.dumps({"ask": {"trial": trial}}) + "\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline())
            value = objective(answer["params"])
            process.stdin.write(json.dumps({"tell": {"trial": trial, "value": value, "state": "complete"}}) + "\n")
            best = min(best, value)
            curve.append(best)
    finally:
        process.stdin.close()
        if process.wait(timeout=60) != 0:
            raise RuntimeError(f"ask-tell process exited with {process.returncode}: {' '.join(command)}")
    return curve


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=25)
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--functions", default=",".join(FUNCTIONS))
    ap.add_argument("--set", action="append", default=[], help="an extra TPE setting for both variants")
    ap.add_argument("--bench", default=DEFAULT_BENCH)
    ap.add_argument("--out", default="quality-hypersweep.json")
    args = ap.parse_args()
    checkpoints = [c for c in CHECKPOINTS if c <= args.trials]
    raw, results = {}, {}
    with tempfile.TemporaryDirectory() as folder:
        for name in args.functions.split(","):
            objective, parameters = FUNCTIONS[name]
            space_file = os.path.join(folder, f"{name}.yaml")
            with open(space_file, "w") as f:
                f.write(f"parameters:\n  {parameters}\n")
            raw[name], results[name] = {}, {}
            for variant, variant_args in VARIANTS.items():
                rows = []
                for seed in range(args.seeds):
                    curve = study(args.bench, space_file, variant_args, args.set, seed, args.trials, objective)
                    rows.append([curve[c - 1] for c in checkpoints])
                raw[name][variant] = rows
                results[name][variant] = {
                    str(c): {"p25": percentile(col, 25), "median": percentile(col, 50), "p75": percentile(col, 75)}
                    for c, col in zip(checkpoints, zip(*rows))}
                print(f"{name:16s} {variant:17s} median best @{checkpoints[-1]}: "
                      f"{results[name][variant][str(checkpoints[-1])]['median']:.6g}", file=sys.stderr)
    document = {"format": "tpe-quality/1", "producer": "HyperSweep via Search.Bench --ask-tell (bench/tpe_quality.py)",
                "budget": {"n_trials": args.trials, "seeds": list(range(args.seeds)), "checkpoints": checkpoints},
                "raw_best_so_far": raw, "results": results}
    with open(args.out, "w") as f:
        json.dump(document, f, indent=1)
    print(args.out)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Cluster benchmarks on a throwaway 3-silo cluster on this machine (deploy/local-cluster.sh, Redis with AOF):
#   bench/cluster-bench.sh throughput [TRIALS] [PRUNER] [WARMUP]
#       no-op trials (up to 10 reports each), trials/s from the sweep's own timestamps, and the CPU time the silos and
#       Redis spent per trial; PRUNER none (default: every trial reports all 10 epochs) or median (n_startup_trials 5,
#       the service benchmark's workload: most trials stop early); WARMUP trials in an unmeasured sweep first (4000:
#       after 1,000 the silos were still JIT-compiling ~100 methods/s each, 31% of their CPU samples)
#   bench/cluster-bench.sh failover              kill -9 one silo mid-sweep: time to declared dead, time to its trials running again
#   bench/cluster-bench.sh sigstop               SIGSTOP one silo mid-sweep (a hung node): the same figures, the slowest status call
#                                                meanwhile, then SIGCONT: the stale silo must not count anything twice
#   bench/cluster-bench.sh failover-loop N       (or sigstop-loop N) N fresh clusters in a row, then the distribution
#   bench/cluster-bench.sh soak [TRIALS] [EVERY] 3 silos, a silo killed and restarted every EVERY s (30) during a TRIALS-trial
#                                                (10000) sweep with real checkpoints: lost, double-counted, memory over time
# Needs: dotnet build src/Client -c Release; dotnet build bench/Cluster.Bench -c Release; redis-server; python3.
# Figures: bench/README-cluster.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cli=${HYPERSWEEP_CLI:-$repo/src/Client/bin/Release/net10.0/hypersweep}
fault_bench=$repo/bench/Cluster.Bench/bin/Release/net10.0/HyperSweep.Cluster.Bench.dll
mode=${1:-throughput}

if [[ "$mode" == *-loop ]]; then
  # Each run on a fresh cluster; one line per run, then the distribution of "running again elsewhere after X s".
  runs=${2:-20}; one=${mode%-loop}; log=$(mktemp)
  for i in $(seq 1 "$runs"); do
    "$0" "$one" 2>/dev/null | grep '^bench:' | tee -a "$log" || echo "bench: run $i failed" | tee -a "$log"
  done
  python3 - "$log" "$one" <<'PY'
import re, statistics, sys
lines = open(sys.argv[1]).read().splitlines()
dead = [float(m.group(1)) for l in lines if (m := re.search(r"declared dead after ([0-9.]+) s", l))]
again = [float(m.group(1)) for l in lines if (m := re.search(r"running again elsewhere after ([0-9.]+) s", l))]
slow = [float(m.group(1)) for l in lines if (m := re.search(r"slowest ([0-9.]+) s", l))]
ok = sum("every trial completed once" in l for l in lines)
def dist(v): return f"min {min(v):.1f}, median {statistics.median(v):.1f}, p90 {sorted(v)[max(0, int(len(v) * 0.9) - 1)]:.1f}, max {max(v):.1f} s" if v else "none"
print(f"bench: {sys.argv[2]} x {len(lines)}: {ok} runs completed with every trial once; declared dead: {dist(dead)}; trials running elsewhere: {dist(again)}; slowest status call: {dist(slow)}")
PY
  rm -f "$log"; exit 0
fi

if [[ "${2:-}" != "--inner" ]]; then
  case "$mode" in
    throughput) exec "$repo/deploy/local-cluster.sh" -n 3 -s 16 -w Synthetic -e 0 -c bench -- "$0" throughput --inner "${2:-300}" "${3:-none}" "${4:-4000}" ;;
    failover|sigstop) exec "$repo/deploy/local-cluster.sh" -n 3 -s 2 -w Synthetic -e 2000 -c bench -- "$0" "$mode" --inner ;;
    soak)       exec "$repo/deploy/local-cluster.sh" -n 3 -s 4 -w Synthetic -e 0 -c bench -- "$0" soak --inner "${2:-10000}" "${3:-30}" ;;
    *) sed -n '2,14p' "$0"; exit 2 ;;
  esac
fi

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
trap 'echo "bench: failed at line $LINENO (exit $?)" >&2; cat "$work"/*.err >&2 2>/dev/null || true' ERR
# Wait until three silos are active in the membership (Redis hash of the cluster).
redis_port=$(sed -E 's|redis://127.0.0.1:([0-9]+)/.*|\1|' <<<"$HYPERSWEEP_CLUSTER")
for _ in $(seq 1 120); do
  active=$(redis-cli -p "$redis_port" hvals "hypersweep/members/bench" 2>/dev/null | grep -c '"Status":3' || true)
  [[ "$active" -ge 3 ]] && break; sleep 0.5
done
echo "bench: $active silos active" >&2

spec() { cat <<YAML
name: bench
task:
  kind: classification
  data: {source: agreement}
objective: {metric: val_loss, direction: minimize}
strategy: {method: random, trials: $1, seed: 1}
parameters:
  lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
pruner: {name: $4}
budget: {max_epochs: $2}
concurrency: $3
YAML
}

if [[ "$mode" == soak ]]; then
  dotnet "$fault_bench" soak "${3:-10000}" "${4:-30}" "$work"
  exit $?
fi

if [[ "$mode" == throughput ]]; then
  trials=${3:-300}
  pruner=${4:-none}
  warmup=${5:-4000}
  case "$pruner" in none) pruner_spec=none ;; median) pruner_spec="median, n_startup_trials: 5" ;; *) echo "bench: unknown pruner $pruner (none or median)" >&2; exit 2 ;; esac
  spec "$trials" 10 48 "$pruner_spec" > "$work/spec.yaml"
  # Warm-up: freshly started silos spend a large share of their first half minute in the JIT (perf showed 39 % of the
  # silos' samples in libclrjit during a measured sweep), which is not what a long-lived cluster pays per trial.
  spec "$warmup" 10 48 "$pruner_spec" > "$work/warmup.yaml"
  [[ "$warmup" -gt 0 ]] && "$cli" run "$work/warmup.yaml" --json > /dev/null 2> "$work/warmup.err"
  # CPU time (user + system, clock ticks) of the processes local-cluster.sh started: the silos and Redis.
  cpu_ticks() { local total=0 pid; for pid in $HYPERSWEEP_LOCAL_PIDS; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$total"; }
  cpu_start=$(cpu_ticks)
  start=$(date +%s.%N)
  "$cli" run "$work/spec.yaml" --json > "$work/run.json" 2> "$work/run.err"
  end=$(date +%s.%N)
  cpu_end=$(cpu_ticks)
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sweep_id"])' "$work/run.json")
  "$cli" status "$id" --json > "$work/status.json"
  python3 - "$work/status.json" "$trials" "$start" "$end" "$pruner" "$((cpu_end - cpu_start))" "$(getconf CLK_TCK)" <<'PY'
import json, sys
from datetime import datetime
s = json.load(open(sys.argv[1])); n = int(sys.argv[2])
t = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00"))
sweep = (t(s["finished_at"]) - t(s["created_at"])).total_seconds()
wall = float(sys.argv[4]) - float(sys.argv[3])
cpu = int(sys.argv[6]) / int(sys.argv[7])
print(f"bench: {n} no-op trials (up to 10 reports, pruner {sys.argv[5]}) on 3 silos: {sweep:.2f} s in the sweep ({n/sweep:.0f} trials/s), {wall:.2f} s wall incl. CLI connect ({n/wall:.0f} trials/s); silos + Redis used {cpu:.1f} s CPU ({cpu/n*1000:.2f} ms a trial, {cpu/wall:.2f} cores)")
PY
  exit 0
fi

# failover / sigstop: the fault benchmark (bench/Cluster.Bench) on this cluster's silos.
dotnet "$fault_bench" fault "$([[ "$mode" == sigstop ]] && echo stop || echo kill)"
exit $?

#!/usr/bin/env bash
# Cluster benchmarks on a throwaway 3-silo cluster on this machine (deploy/local-cluster.sh, Redis with AOF):
#   bench/cluster-bench.sh throughput [TRIALS] [PRUNER] [WARMUP]
#       no-op trials (up to 10 reports each), trials/s from the sweep's own timestamps, and the CPU time the silos and
#       Redis spent per trial; PRUNER none (default: every trial reports all 10 epochs) or median (n_startup_trials 5,
#       the service benchmark's workload: most trials stop early); WARMUP trials in an unmeasured sweep first (4000:
#       after 1,000 the silos were still JIT-compiling ~100 methods/s each, 31% of their CPU samples)
#   bench/cluster-bench.sh failover              kill -9 one silo mid-sweep: time to declared dead, time to its trials running again
# Needs: dotnet build src/Client -c Release; redis-server; python3. Figures: bench/README-cluster.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cli=${HYPERSWEEP_CLI:-$repo/src/Client/bin/Release/net10.0/hypersweep}
mode=${1:-throughput}

if [[ "${2:-}" != "--inner" ]]; then
  case "$mode" in
    throughput) exec "$repo/deploy/local-cluster.sh" -n 3 -s 16 -w Synthetic -e 0 -c bench -- "$0" throughput --inner "${2:-300}" "${3:-none}" "${4:-4000}" ;;
    failover)   exec "$repo/deploy/local-cluster.sh" -n 3 -s 2 -w Synthetic -e 2000 -c bench -- "$0" failover --inner ;;
    *) sed -n '2,6p' "$0"; exit 2 ;;
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

# failover
# 4 trials on 3 silos x 2 slots: the survivors have free slots, so the figure is failover time, not a wait for a slot.
spec 4 12 4 none > "$work/spec.yaml"
"$cli" run "$work/spec.yaml" > "$work/run.out" 2> "$work/run.err" &
run_pid=$!
for _ in $(seq 1 100); do id=$(grep -oE 'sweep [a-z0-9-]+ running' "$work/run.err" | awk '{print $2}' || true); [[ -n "$id" ]] && break; sleep 0.2; done
python3 - "$cli" "$id" "$redis_port" <<'PY'
import json, os, signal, subprocess, sys, time
cli, sweep, redis_port = sys.argv[1], sys.argv[2], sys.argv[3]
def trials():
    out = subprocess.run([cli, "trials", sweep, "--json"], capture_output=True, text=True).stdout
    data = json.loads(out)
    return data["trials"] if isinstance(data, dict) else data
def port(silo): return silo.split("@")[0].rsplit(":", 1)[1] if silo else None
while True:
    rows = trials()
    victims = [t for t in rows if t["state"] == "running" and t["epochs_run"] >= 2]
    if victims: break
    if rows and all(t["state"] in ("completed", "pruned", "failed", "cancelled") for t in rows):
        sys.exit("bench: the sweep finished before a trial reached epoch 2 while running; nothing was killed")
    time.sleep(0.2)
victim_port = port(victims[0]["silo"])
pid = int(subprocess.run(["bash", "-c", f"ss -ltnpH 'sport = :{victim_port}' | grep -oE 'pid=[0-9]+' | head -1 | cut -d= -f2"], capture_output=True, text=True).stdout)
moved = {t["number"] for t in rows if t["state"] == "running" and port(t["silo"]) == victim_port}
t0 = time.monotonic(); os.kill(pid, signal.SIGKILL)  # the silo this benchmark's local cluster started (found by its port)
dead = again = None
while again is None or dead is None:
    if dead is None:
        vals = subprocess.run(["redis-cli", "-p", redis_port, "hvals", "hypersweep/members/bench"], capture_output=True, text=True).stdout
        if any(f':{victim_port}' in v and '"Status":6' in v for v in vals.splitlines()) or ('"Status":6' in vals and victim_port in vals):
            dead = time.monotonic() - t0
    if again is None:
        rows = {t["number"]: t for t in trials()}
        # Running again = running (or already finished) on another silo; "pending" (re-queued, not yet placed) does not count.
        if all(rows[n]["state"] == "completed" or (rows[n]["state"] == "running" and port(rows[n]["silo"]) != victim_port) for n in moved):
            again = time.monotonic() - t0
    if time.monotonic() - t0 > 120: break
    time.sleep(0.1)
print(f"bench: kill -9 of the silo on port {victim_port} running trials {sorted(moved)}: declared dead after {dead:.1f} s, its trials running again elsewhere after {again:.1f} s")
PY
wait "$run_pid" || true

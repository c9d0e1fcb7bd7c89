#!/usr/bin/env bash
# A throwaway HyperSweep cluster on this machine: a private Redis (data in a temporary directory, a free loopback
# port, append-only file on with fsync every second) and N silo processes on 127.0.0.1. Prints the --cluster value
# to use and waits; Ctrl-C (or SIGTERM, or the end of a command given after --) stops everything it started.
#
#   deploy/local-cluster.sh [-n SILOS] [-s SLOTS] [-w engine|synthetic] [-e SYNTHETIC_EPOCH_MS] [-c CLUSTER_ID] [-- command...]
#
#   deploy/local-cluster.sh -n 3                          # then, in another shell: hypersweep run spec.yaml --cluster <printed value>
#   deploy/local-cluster.sh -n 3 -- hypersweep run examples/quickstart.yaml   # HYPERSWEEP_CLUSTER is set for the command
#
# The silo binary is $HYPERSWEEP_SILO, else hypersweep-silo on PATH, else the Release build in this repository.
set -euo pipefail

silos=3 slots=2 workload=Engine epoch_ms=0 cluster_id="local-$$"
while getopts "n:s:w:e:c:h" flag; do
  case "$flag" in
    n) silos=$OPTARG ;;
    s) slots=$OPTARG ;;
    w) workload=$OPTARG ;;
    e) epoch_ms=$OPTARG ;;
    c) cluster_id=$OPTARG ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ "${1:-}" == "--" ]] && shift

repo=$(cd "$(dirname "$0")/.." && pwd)
silo_bin=${HYPERSWEEP_SILO:-$(command -v hypersweep-silo || echo "$repo/src/Silo/bin/Release/net10.0/hypersweep-silo")}
[[ -x "$silo_bin" ]] || { echo "local-cluster: no silo binary at $silo_bin (dotnet build src/Silo -c Release, or set HYPERSWEEP_SILO)" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "local-cluster: redis-server is not installed (apt-get install redis-server)" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

work=$(mktemp -d "${TMPDIR:-/tmp}/hypersweep-cluster.XXXXXX")
pids=()
cleanup() {
  trap - EXIT INT TERM
  # Silos first (they leave the membership cleanly on SIGTERM), then Redis; only the processes started here.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ -f "$work/redis.pid" ]]; then
    redis_pid=$(cat "$work/redis.pid")
    kill -TERM "$redis_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  if [[ -n "${HYPERSWEEP_KEEP_LOGS:-}" ]]; then
    echo "local-cluster: stopped; logs and Redis data kept in $work" >&2
  else
    echo "local-cluster: stopped; logs and Redis data were in $work (removed; HYPERSWEEP_KEEP_LOGS=1 keeps them)" >&2
    rm -rf "$work"
  fi
}
trap cleanup EXIT INT TERM

redis_port=$(free_port)
mkdir -p "$work/artifacts"   # the silos' shared artifact store (one machine: one directory)
redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$work" --appendonly yes --appendfsync everysec \
  --save "" --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

for i in $(seq 1 "$silos"); do
  silo_port=$(free_port); gateway_port=$(free_port)
  HyperSweep__SyntheticEpochMs=$epoch_ms "$silo_bin" --mode Cluster --redis "127.0.0.1:$redis_port" --advertised-address 127.0.0.1 \
    --cluster-id "$cluster_id" --silo-port "$silo_port" --gateway-port "$gateway_port" --slots "$slots" --workload "$workload" \
    --artifacts "$work/artifacts" --state-dir "$work/silo-$i" \
    >"$work/silo-$i.log" 2>&1 &
  pids+=("$!")
  echo "local-cluster: silo $i pid $! silo port $silo_port gateway $gateway_port log $work/silo-$i.log" >&2
done

export HYPERSWEEP_CLUSTER="redis://127.0.0.1:$redis_port/$cluster_id"
# For a command given after --: the processes this script started (Redis first), e.g. to read their CPU time.
export HYPERSWEEP_LOCAL_PIDS="$(cat "$work/redis.pid") ${pids[*]}"
echo "local-cluster: Redis 127.0.0.1:$redis_port (data in $work), $silos silos; use:" >&2
echo "$HYPERSWEEP_CLUSTER"

if [[ $# -gt 0 ]]; then
  "$@"
else
  # One silo dying (killed by a test, a crash) leaves the others running: the cluster lasts until Ctrl-C or until every
  # silo has exited.
  remaining=${#pids[@]}
  while (( remaining > 0 )); do
    wait -n "${pids[@]}" || true
    remaining=$((remaining - 1))
    echo "local-cluster: a silo exited, $remaining still running (logs in $work)" >&2
  done
fi

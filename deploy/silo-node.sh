#!/usr/bin/env bash
# Runs one hypersweep-silo on this node in cluster mode; used by the HTCondor and Slurm jobs and the systemd unit.
# Environment:
#   HYPERSWEEP_REDIS       host:port of the head node's Redis (required)
#   HYPERSWEEP_CLUSTER_ID  cluster id (default lab)
#   HYPERSWEEP_SLOTS       trials at once (default: the batch system's CPU grant, else nproc)
#   HYPERSWEEP_ADVERTISE   the address other nodes reach this one on (default: first address of hostname -I)
#   HYPERSWEEP_SILO_PORT / HYPERSWEEP_GATEWAY_PORT   (default: 11111 / 30000 plus the Slurm step id when free, else
#                          free ports — clients find gateways through Redis, so several silos on one node still work;
#                          the step offset keeps the silo steps of one job, started together, from racing for one port)
#   HYPERSWEEP_STATE_DIR   logs and the cluster generation this node saw (default ~/.hypersweep, the shared home)
#   HYPERSWEEP_ARTIFACTS   the artifact store (checkpoints, kept models): a directory on a filesystem every node
#                          mounts at the same path (default: ~/.hypersweep/artifacts, on the shared home). A node that
#                          mounts something else there is refused at start (docs/ARTIFACTS.md).
#   HYPERSWEEP_SILO        the silo binary (default: hypersweep-silo on PATH, else ~/hypersweep/bin/hypersweep-silo)
#   HyperSweep__TlsCertificate / HyperSweep__TlsKey / HyperSweep__TlsCa   mutual TLS between nodes (docs/CLUSTER.md); without
#                          it a silo on a non-loopback address refuses to start unless HyperSweep__Insecure=true is exported
#                          (a private network you trust)
#   HyperSweep__RedisUser  a Redis ACL user (with the password below) instead of the default user
# The Redis password is read from ~/.hypersweep/redis/password (shared home), never passed as an argument.
set -euo pipefail
: "${HYPERSWEEP_REDIS:?set HYPERSWEEP_REDIS=head-node:port}"
silo=${HYPERSWEEP_SILO:-$(command -v hypersweep-silo || echo "$HOME/hypersweep/bin/hypersweep-silo")}
slots=${HYPERSWEEP_SLOTS:-${_CONDOR_REQUEST_CPUS:-${SLURM_CPUS_PER_TASK:-$(nproc)}}}
advertise=${HYPERSWEEP_ADVERTISE:-$(hostname -I | awk '{print $1}')}
password_file=${HYPERSWEEP_REDIS_PASSWORD_FILE:-$HOME/.hypersweep/redis/password}
if [[ -z "${HyperSweep__RedisPassword:-}" && -r "$password_file" ]]; then
  export HyperSweep__RedisPassword; HyperSweep__RedisPassword=$(cat "$password_file")
fi
port_or_free() {
  python3 - "$1" <<'PY'
import socket, sys
def bind(port):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port)); p = s.getsockname()[1]; s.close(); return p
try: print(bind(int(sys.argv[1])))
except OSError: print(bind(0))
PY
}
offset=${SLURM_STEP_ID:-0}
[[ "$offset" =~ ^[0-9]+$ ]] || offset=0
silo_port=${HYPERSWEEP_SILO_PORT:-$(port_or_free $((11111 + offset)))}
gateway_port=${HYPERSWEEP_GATEWAY_PORT:-$(port_or_free $((30000 + offset)))}
state_dir=()
[[ -n "${HYPERSWEEP_STATE_DIR:-}" ]] && state_dir=(--state-dir "$HYPERSWEEP_STATE_DIR")
artifacts=${HYPERSWEEP_ARTIFACTS:-$HOME/.hypersweep/artifacts}
mkdir -p "$artifacts"
echo "silo-node: $(hostname) advertising $advertise, $slots slots, ports $silo_port/$gateway_port, Redis $HYPERSWEEP_REDIS" >&2
# exec: the batch system's SIGTERM (condor_rm, pre-emption, scancel) reaches the silo, which leaves the cluster cleanly;
# its running trials resume elsewhere from their checkpoints.
exec "$silo" --mode Cluster --redis "$HYPERSWEEP_REDIS" --cluster-id "${HYPERSWEEP_CLUSTER_ID:-lab}" \
  --advertised-address "$advertise" --silo-port "$silo_port" --gateway-port "$gateway_port" \
  --slots "$slots" "${state_dir[@]}" --artifacts "$artifacts" "$@"

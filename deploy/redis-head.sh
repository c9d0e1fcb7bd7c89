#!/usr/bin/env bash
# Starts (or stops) the cluster's Redis on the head node as an ordinary user process: no root, data and a generated
# password under ~/.hypersweep/redis (the home directory is shared with the compute nodes, so silos read the password
# from there). Durable settings: append-only file on, fsync every second (docs/CLUSTER.md).
#
#   deploy/redis-head.sh start [PORT]     # prints the --cluster value for a cluster id of "lab" (choose your own)
#   deploy/redis-head.sh stop
#   deploy/redis-head.sh status
set -euo pipefail
dir=${HYPERSWEEP_REDIS_DIR:-$HOME/.hypersweep/redis}
port=${2:-${HYPERSWEEP_REDIS_PORT:-6390}}
# The address compute nodes reach the head node on (first address unless HYPERSWEEP_REDIS_BIND is set).
bind=${HYPERSWEEP_REDIS_BIND:-$(hostname -I | awk '{print $1}')}
mkdir -p "$dir"; chmod 700 "$dir"

case "${1:-}" in
  start)
    if [[ ! -s "$dir/password" ]]; then
      (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$dir/password")
    fi
    [[ -f "$dir/redis.pid" ]] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null && { echo "redis already running (pid $(cat "$dir/redis.pid"))" >&2; exit 1; }
    # The password goes in a config file, not on the command line (ps shows arguments to every user).
    (umask 077; printf 'requirepass %s\n' "$(cat "$dir/password")" > "$dir/auth.conf")
    redis-server "$dir/auth.conf" --bind "$bind" 127.0.0.1 --port "$port" --dir "$dir" \
      --appendonly yes --appendfsync everysec --save "" --protected-mode yes \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    echo "redis on $bind:$port, data in $dir, log $dir/redis.log" >&2
    echo "redis://:\$(cat $dir/password)@$bind:$port/lab"
    ;;
  stop)
    # SHUTDOWN flushes the append-only file; the pid is ours (from our pid file).
    [[ -f "$dir/redis.pid" ]] && kill -TERM "$(cat "$dir/redis.pid")" && echo "stopped" >&2
    ;;
  status)
    REDISCLI_AUTH=$(cat "$dir/password") redis-cli -h 127.0.0.1 -p "$port" info persistence | grep -E "aof_enabled|aof_last_write_status"
    ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac

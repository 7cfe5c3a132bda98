#!/usr/bin/env bash
# Stops the Docker engine only if scripts/ensure-docker.sh started it (its pidfile names
# a live dockerd). An engine the machine's owner runs is never touched.
#
# Usage: scripts/stop-docker.sh   (safe to call from an EXIT trap; always exits 0)
set -uo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pid_file="$root_dir/.cache/dockerd.pid"

say() { echo "[stop-docker] $*"; }

if [[ ! -f "$pid_file" ]]; then
  say "no pidfile: we did not start dockerd, leaving Docker alone."
  exit 0
fi

pid="$(cat "$pid_file")"
# Guard against a stale pidfile whose pid now belongs to an unrelated process.
if ! kill -0 "$pid" 2>/dev/null || [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]]; then
  say "pid $pid is not a running dockerd; removing stale pidfile."
  rm -f "$pid_file"
  exit 0
fi

say "stopping dockerd (pid $pid)…"
kill -TERM "$pid"
# dockerd stops its containers first (up to ~15 s by default); then force it.
for ((i = 0; i < 40; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
  say "dockerd did not stop in 20 s; sending SIGKILL."
  kill -KILL "$pid" 2>/dev/null || true
fi
rm -f "$pid_file"
say "stopped."
exit 0

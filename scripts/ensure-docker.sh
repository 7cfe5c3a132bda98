#!/usr/bin/env bash
# Makes sure a Docker engine answers `docker info`. Idempotent: does nothing when one
# already runs. On a fresh Debian machine (as root) it installs docker.io and starts
# dockerd itself, WITHOUT the default bridge: sandboxes run with no network at all, and
# nothing here may create a network that could route traffic off the machine.
#
# Usage: scripts/ensure-docker.sh
# Env:   DOCKER_WAIT_SECONDS (default 30) how long to wait for a started engine.
# Leaves .cache/dockerd.pid behind when it started the engine, so scripts/stop-docker.sh
# stops only an engine we started.
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir="$root_dir/.cache"
pid_file="$cache_dir/dockerd.pid"
log_file="$cache_dir/dockerd.log"
wait_seconds="${DOCKER_WAIT_SECONDS:-30}"

say() { echo "[ensure-docker] $*"; }

docker_ok() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

if docker_ok; then
  say "Docker engine is running ($(docker info --format '{{.ServerVersion}}' 2>/dev/null || echo '?'))."
  exit 0
fi

how_to_get_docker() {
  cat >&2 <<'MSG'
[ensure-docker] No Docker engine answers `docker info`, and this script can only start one
as root on Debian/Ubuntu. To continue, either:
  - start Docker yourself (Docker Desktop, `sudo systemctl start docker`, …) and make sure
    your user may talk to it (`docker info` must work), or
  - run this script as root on Debian: it installs docker.io and starts
    `dockerd --bridge=none --iptables=false --ip-masq=false`.
MSG
  exit 1
}

if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1 || [[ ! -r /etc/debian_version ]]; then
  how_to_get_docker
fi

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  say "dockerd not found: installing docker.io with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y docker.io
fi

mkdir -p "$cache_dir"

# A pidfile from an earlier start whose process is still alive means our engine is
# starting or wedged; do not start a second one on the same socket.
if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  say "dockerd we started earlier (pid $(cat "$pid_file")) is alive; waiting for it."
else
  say "starting dockerd --bridge=none --iptables=false --ip-masq=false (log: $log_file)"
  # setsid + nohup: the engine must outlive this shell and not get its SIGINT/SIGHUP.
  setsid nohup dockerd --bridge=none --iptables=false --ip-masq=false >>"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
fi

for ((i = 0; i < wait_seconds * 2; i++)); do
  if docker_ok; then
    say "Docker engine is up (pid $(cat "$pid_file"))."
    exit 0
  fi
  if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    say "dockerd exited while starting; last lines of $log_file:" >&2
    tail -n 20 "$log_file" >&2 || true
    rm -f "$pid_file"
    exit 1
  fi
  sleep 0.5
done

say "dockerd did not answer within ${wait_seconds}s; last lines of $log_file:" >&2
tail -n 20 "$log_file" >&2 || true
exit 1

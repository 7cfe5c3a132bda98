#!/usr/bin/env bash
# Everything `npm start` and `npm test` need, installed or built only when missing or
# changed (stamps in .cache/). Usage: scripts/setup.sh start|test
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-start}
mkdir -p .cache

say() { echo "==> $*"; }
hash_of() { find "$@" -type f -not -path '*/node_modules/*' -not -path '*/dist/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16; }
stamp_matches() { [[ -f .cache/$1.stamp && $(cat ".cache/$1.stamp") == "$2" ]]; }

# npm dependencies, reinstalled when the lockfile changes.
lock_hash=$(sha256sum package-lock.json | cut -c1-16)
if [[ ! -d node_modules ]] || ! stamp_matches npm "$lock_hash"; then
  say "Installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > .cache/npm.stamp
fi

if [[ $purpose == deps ]]; then
  [[ -n ${MONGODB_URI:-} ]] || bash scripts/ensure-ferretdb.sh
  exit 0
fi

# Debian packages the tests need: a browser for e2e, docker-compose to validate the compose
# file, Redis and HAProxy for the scaled-out topology (started by the tests themselves on
# loopback ports, never as the machine's services).
if [[ $purpose == test ]]; then
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
  if ((${#missing[@]} > 0)); then
    if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
      echo "The tests need: ${missing[*]}. Install them (Debian: apt-get install ${missing[*]})." >&2
      exit 1
    fi
    say "Installing ${missing[*]} (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

say "Checking the Docker engine"
bash scripts/ensure-docker.sh

say "Checking the sandbox image"
bash sandbox/build.sh

if [[ -z ${MONGODB_URI:-} || $purpose == test ]]; then
  bash scripts/ensure-ferretdb.sh
fi

web_hash=$(hash_of web shared/src package-lock.json)
if [[ ! -f web/dist/index.html ]] || ! stamp_matches web "$web_hash"; then
  say "Building the web app"
  npm run build -w web
  echo "$web_hash" > .cache/web.stamp
fi

#!/usr/bin/env bash
# `npm run bench`: set up what is missing, then print every figure of docs/benchmarks.md.
# `npm run bench -- judge`, `-- rooms`, `-- playback`, `-- dashboard`, `-- cluster` or `-- web` runs one part only.
set -euo pipefail
cd "$(dirname "$0")/.."
part=${1:-all}
case $part in all | judge | rooms | playback | dashboard | cluster | web) ;; *)
  echo "usage: npm run bench [-- judge|rooms|playback|dashboard|cluster|web]" >&2
  exit 2
  ;;
esac
bash scripts/setup.sh start
trap 'bash scripts/stop-docker.sh >/dev/null' EXIT
if [[ $part == all || $part == judge ]]; then
  node_modules/.bin/tsx room-server/bench/main.ts
fi
if [[ $part == all || $part == rooms ]]; then
  # The rooms part runs room-server as `npm start` does, compiled.
  node scripts/build-server.mjs
  # y-websocket 1.5.4's reference server, installed apart (never a workspace) so the
  # product's lockfile keeps exactly one yjs; reinstalled when its lockfile changes.
  reference=room-server/bench/reference
  reference_hash=$(sha256sum "$reference/package-lock.json" | cut -c1-16)
  if [[ ! -d $reference/node_modules || $(cat .cache/bench-reference.stamp 2>/dev/null) != "$reference_hash" ]]; then
    echo "==> Installing the reference room server (y-websocket 1.5.4) for the bench"
    # Without y-websocket's optional leveldb persistence: the reference runs in memory.
    npm ci --prefix "$reference" --omit=optional --no-audit --no-fund
    echo "$reference_hash" > .cache/bench-reference.stamp
  fi
  node_modules/.bin/tsx room-server/bench/rooms/main.ts
fi
if [[ $part == all || $part == playback ]]; then
  node_modules/.bin/tsx room-server/bench/playback.ts
fi
if [[ $part == all || $part == dashboard ]]; then
  # Like the rooms part, the server runs compiled, as `npm start` runs it.
  node scripts/build-server.mjs
  node_modules/.bin/tsx room-server/bench/dashboard.ts
fi
if [[ $part == all || $part == cluster ]]; then
  # Two compiled room-servers sharing one database and a Redis of the bench's own.
  command -v redis-server >/dev/null || { echo "The cluster bench needs redis-server (apt-get install redis-server)." >&2; exit 1; }
  node scripts/build-server.mjs
  node_modules/.bin/tsx room-server/bench/rooms/twoServers.ts
fi
if [[ $part == all || $part == web ]]; then
  # The room page in Chromium, served by the compiled server from the web build (setup.sh
  # builds it). BENCH_WEB_BEFORE=<another built checkout> measures that one in the same run.
  node scripts/build-server.mjs
  node_modules/.bin/tsx room-server/bench/webLoad.ts
fi

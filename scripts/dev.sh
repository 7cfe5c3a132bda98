#!/usr/bin/env bash
# `npm run dev`: room-server restarting on change plus Vite with hot reload on :5173
# (it proxies /api and /ws to the room server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh start
trap 'kill 0; bash scripts/stop-docker.sh >/dev/null' EXIT
node_modules/.bin/tsx watch room-server/src/main.ts &
npm run dev -w web

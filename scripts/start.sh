#!/usr/bin/env bash
# `npm start`: set up what is missing, then serve CodeStream until Ctrl-C. The Docker
# engine is stopped on exit if this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh start
trap 'bash scripts/stop-docker.sh >/dev/null' EXIT
# Not exec: the trap above must run after the server has stopped.
node_modules/.bin/tsx room-server/src/main.ts

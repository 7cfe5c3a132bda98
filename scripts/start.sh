#!/usr/bin/env bash
# `npm start`: set up what is missing, then serve CodeStream until Ctrl-C. The Docker
# engine is stopped on exit if this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh start
# Compiled once per change of the sources (scripts/build-server.mjs); `npm run dev` runs them through tsx.
node scripts/build-server.mjs
trap 'bash scripts/stop-docker.sh >/dev/null' EXIT
# Not exec: the trap above must run after the server has stopped.
node --enable-source-maps room-server/dist/main.mjs

#!/usr/bin/env bash
# `npm run bench`: set up what is missing, then print every figure of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh start
trap 'bash scripts/stop-docker.sh >/dev/null' EXIT
node_modules/.bin/tsx room-server/bench/main.ts

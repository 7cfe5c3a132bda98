#!/usr/bin/env bash
# `npm test`: set up what is missing, check lint and types, then run every test
# (unit, integration, e2e). Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
trap 'bash scripts/stop-docker.sh >/dev/null' EXIT
echo "==> Lint and types"
node_modules/.bin/biome check .
node_modules/.bin/tsc -p .
echo "==> Tests"
node_modules/.bin/vitest run "$@"

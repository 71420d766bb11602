#!/usr/bin/env bash
# Playwright's web server: a freshly seeded qifu backend (demo data) in a temporary data
# directory, serving the built frontend from dist/. Build the frontend first.
#   QIFU_BIN       backend binary (default ../target/debug/qifu, relative to frontend/)
#   QIFU_E2E_PORT  port to listen on (default 18080)
set -euo pipefail

frontend="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${QIFU_BIN:-$frontend/../target/debug/qifu}"
bin="$(realpath -m "$bin")"
port="${QIFU_E2E_PORT:-18080}"

if [[ ! -x "$bin" ]]; then
  echo "serve.sh: backend binary not found at $bin (build it, or set QIFU_BIN)" >&2
  exit 1
fi
if [[ ! -f "$frontend/dist/index.html" ]]; then
  echo "serve.sh: $frontend/dist is missing; run 'npm run build' first" >&2
  exit 1
fi

# A fresh data directory per port, wiped at each start (exec leaves no shell behind to delete
# it afterwards, so this keeps runs from piling up temporary directories).
data="${TMPDIR:-/tmp}/qifu-e2e-$port"
rm -rf "$data"
mkdir -p "$data"
export QIFU_DATA_DIR="$data"
export QIFU_SERVER__PORT="$port"
export QIFU_SERVER__STATIC_DIR="$frontend/dist"
# The browser tests walk procurements past their deadlines: the administrator moves this
# server's time forward (POST /api/v1/scheduler/clock/advance); a random draw needs two bids.
export QIFU_CLOCK__ADJUSTABLE=true
export QIFU_MARKETPLACE__MIN_VALID_BIDS__RANDOM_DRAW=2

"$bin" seed --demo
exec "$bin" serve

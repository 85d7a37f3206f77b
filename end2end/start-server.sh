#!/usr/bin/env bash
# Starts a fresh Agora server for the Playwright suite: its own empty data
# directory (the demo data is seeded on start), loopback only.
#
#   AGORA_E2E_BIN        server binary (default: the shared debug build)
#   AGORA_E2E_SITE_ROOT  built site with pkg/ (default: ../target/site)
#   AGORA_E2E_PORT       port on 127.0.0.1 (default: 4100)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${AGORA_E2E_PORT:-4100}"
bin="${AGORA_E2E_BIN:-/root/.cache/agora/target/debug/agora}"
site="${AGORA_E2E_SITE_ROOT:-$here/../target/site}"
data="${TMPDIR:-/tmp}/agora-e2e-$port"

if [ ! -x "$bin" ]; then
  echo "start-server.sh: no server binary at $bin (set AGORA_E2E_BIN)" >&2
  exit 1
fi
if [ ! -f "$site/pkg/agora.js" ]; then
  echo "start-server.sh: no built site at $site (set AGORA_E2E_SITE_ROOT)" >&2
  exit 1
fi

# Only ever remove our own directory, and only if it looks like ours.
case "$data" in
  */agora-e2e-*) rm -rf -- "$data" ;;
  *) echo "start-server.sh: refusing to wipe $data" >&2; exit 1 ;;
esac
mkdir -p "$data"

export AGORA_DATA_DIR="$data"
export AGORA_BIND="127.0.0.1:$port"
export AGORA_PUBLIC_URL="http://127.0.0.1:$port"
export AGORA_SITE_ROOT="$(cd "$site" && pwd)"
export AGORA_ARGON2_MEMORY_KIB=4096
export AGORA_LOGIN_MAX_FAILURES=1000
export AGORA_SIGNUPS_PER_HOUR=100000
# Request logs drown the test report; AGORA_E2E_LOG_LEVEL=info brings them back.
export AGORA_LOG_LEVEL="${AGORA_E2E_LOG_LEVEL:-warn}"

# The server refuses AGORA_* settings it does not know, so drop ours.
unset AGORA_E2E_BIN AGORA_E2E_SITE_ROOT AGORA_E2E_PORT AGORA_E2E_CHROMIUM AGORA_E2E_LOG_LEVEL

exec "$bin" serve --demo

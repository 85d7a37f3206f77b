#!/usr/bin/env bash
# Agora's benchmark. Prints numbers; asserts nothing (budgets are compared by people).
#
# Builds the release site, seeds a SQLite database with the demo data plus 1,000 apps,
# then measures on 127.0.0.1 (load bounded in time, everything stopped at the end):
#   - store home and app page: requests/s, p50 and p99 latency (wrk, 64 connections)
#   - the home page's HTML served as a static file by the same server, for the ratio
#   - WASM and CSS sizes: raw, gzip -9, brotli -q 11
#   - subscribe-to-running on the local runtime: median of N runs
#   - the server's peak resident memory during all of the above
#
# Settings: BENCH_DURATION (seconds per load run, default 15), BENCH_CONNECTIONS (64),
# BENCH_APPS (1000), BENCH_SUBSCRIBE_RUNS (15), BENCH_PORT (3900).
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT"

DURATION="${BENCH_DURATION:-15}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
APPS="${BENCH_APPS:-1000}"
RUNS="${BENCH_SUBSCRIBE_RUNS:-15}"
PORT="${BENCH_PORT:-3900}"
BASE="http://127.0.0.1:$PORT"

"$ROOT/scripts/setup" --bench

step "release build (cargo leptos build --release --split)"
cargo leptos build --release --split
step_done "release build"

work="$(mktemp -d "${TMPDIR:-/tmp}/agora-bench.XXXXXX")"
site="$work/site"
cp -r "$ROOT/target/site" "$site"
export AGORA_DATA_DIR="$work/data"
export AGORA_SITE_ROOT="$site"
export AGORA_BIND="127.0.0.1:$PORT"
export AGORA_PUBLIC_URL="$BASE"
export AGORA_LOG_LEVEL=warn
export AGORA_SIGNUPS_PER_HOUR=100000
BIN="$CARGO_TARGET_DIR/release/agora"

server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

step "seed: demo data + $APPS apps"
"$BIN" seed-demo --extra-apps "$APPS" >/dev/null
step_done "seed"

"$BIN" serve > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fs "$BASE/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "$BASE/readyz" >/dev/null || { cat "$work/server.log"; die "server did not start"; }

# The home page as the server renders it, saved as a static file the same server serves.
curl -fs "$BASE/" -o "$site/static-home.html"

load() {
  local label="$1" path="$2"
  local out
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$path")"
  local rps p50 p99 non2xx
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  printf '  %-26s %10s req/s   p50 %8s   p99 %8s%s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:+   NON-2XX: $non2xx}"
  LAST_RPS="$rps"
}

step "load: $CONNECTIONS connections, ${DURATION}s each, $((APPS + 10)) apps in the catalog"
load "store home (SSR)" "/"
home_rps="$LAST_RPS"
load "app page (SSR)" "/apps/generated-app-500"
load "home as static file" "/static-home.html"
static_rps="$LAST_RPS"
step_done "load"
awk -v h="$home_rps" -v s="$static_rps" 'BEGIN { if (s > 0) printf "  SSR home / static home: %.2f (%.0f%% of static throughput)\n", h / s, 100 * h / s }'

step "subscribe-to-running on the local runtime ($RUNS runs)"
python3 "$ROOT/bench/subscribe_latency.py" "$BASE" "$RUNS"
step_done "subscribe"

step "peak resident memory of the server"
peak_kb="$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")"
echo "  VmHWM: $((peak_kb / 1024)) MB"
step_done "memory"

step "asset sizes (release)"
size_line() {
  local f="$1"
  printf '  %-14s raw %8d B   gzip %8d B   brotli %8d B\n' "$(basename "$f")" \
    "$(wc -c < "$f")" "$(gzip -9 -c "$f" | wc -c)" "$(brotli -q 11 -c "$f" | wc -c)"
}
# The main bundle is what every first visit loads; member pages come in lazy chunks.
size_line "$site/pkg/agora.wasm"
size_line "$site/pkg/agora.js"
size_line "$site/pkg/agora.css"
chunks=("$site"/pkg/split_*.wasm "$site"/pkg/chunk_*.wasm)
if [ -e "${chunks[0]}" ]; then
  cat "${chunks[@]}" > "$work/chunks.all"
  printf '  %-14s raw %8d B   gzip %8d B   brotli %8d B   (%d lazy chunks, loaded on member pages)\n' "lazy chunks" \
    "$(wc -c < "$work/chunks.all")" "$(gzip -9 -c "$work/chunks.all" | wc -c)" "$(brotli -q 11 -c "$work/chunks.all" | wc -c)" "${#chunks[@]}"
fi
step_done "sizes"

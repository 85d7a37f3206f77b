# Shared by the scripts: where caches and tools live, and the PATH that finds them.
# Sourced, not run. Everything cached lives outside the clone, under $AGORA_CACHE.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AGORA_CACHE="${AGORA_CACHE:-$HOME/.cache/agora}"
TOOLS="$AGORA_CACHE/tools"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$AGORA_CACHE/target}"
export PATH="$TOOLS/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Debian's Chromium is the browser; Playwright must not try to download its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Pinned tool versions (see docs/adr/0006-toolchain-pins.md).
CARGO_LEPTOS_VERSION=0.3.10
# wasm-bindgen's CLI must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"

_step_start=0
step() {
  _step_start=$(date +%s)
  printf '\n==> %s\n' "$*"
}
step_done() {
  local took=$(( $(date +%s) - _step_start ))
  printf '    done in %ss\n' "$took"
  if [ -n "${SCRIPT_TIMINGS:-}" ]; then
    printf '%-40s %5ss\n' "$1" "$took" >> "$SCRIPT_TIMINGS"
  fi
}
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

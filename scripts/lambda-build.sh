#!/usr/bin/env bash
# Builds the AWS Lambda artifact of hbdta-bot: target/lambda/hbdta-bot/bootstrap, for arm64
# (Graviton, provided.al2023), cross-compiled with cargo-lambda and its zig linker.
# Installs what is missing: cargo-lambda from PyPI (its wheel pulls zig in as `ziglang`) and the
# aarch64 standard library through rustup. Prints the artifact's path and size.
#
#   scripts/lambda-build.sh            # release build for arm64 (what template.yaml deploys)
#   scripts/lambda-build.sh --x86-64   # the same for x86_64 functions
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

arch_flag="--arm64"
target="aarch64-unknown-linux-gnu"
if [ "${1:-}" = "--x86-64" ]; then
  arch_flag="--x86-64"
  target="x86_64-unknown-linux-gnu"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is not installed: install Rust (rustup) first" >&2
  exit 1
fi

if ! cargo lambda --version >/dev/null 2>&1; then
  log "installing cargo-lambda (pip)"
  python3 -m pip install --quiet cargo-lambda
  # pip may put the command where PATH does not look yet (the interpreter's scripts directory,
  # or the user one when site-packages is not writable).
  PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$(python3 -m site --user-base)/bin:$PATH"
  export PATH
fi
cargo lambda --version

if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx "$target"; then
  log "adding the $target standard library"
  rustup target add "$target"
fi

export CARGO_TERM_COLOR=never
# The Lambda face is the `lambda` feature. The artifact goes to target/lambda/ in the repository
# (what template.yaml deploys) wherever cargo keeps its build directory (CARGO_TARGET_DIR).
log "cargo lambda build --release $arch_flag -p hbdta-bot --no-default-features --features lambda"
# No default features: Lambda keeps its memory in DynamoDB, so the artifact leaves SQLite out.
cargo lambda build --release "$arch_flag" -p hbdta-bot --no-default-features --features lambda --lambda-dir target/lambda

artifact="target/lambda/hbdta-bot/bootstrap"
if [ ! -f "$artifact" ]; then
  echo "the build finished but $artifact is missing" >&2
  exit 1
fi
bytes="$(stat -c %s "$artifact")"
log "artifact"
echo "$artifact"
file "$artifact" 2>/dev/null || true
awk -v b="$bytes" 'BEGIN { printf "%d bytes (%.2f MiB)\n", b, b / 1048576 }'

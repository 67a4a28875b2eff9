#!/usr/bin/env bash
# Installs dynalite, a DynamoDB-compatible server from npm, for the DynamoDB store tests
# (hbdta-bot/tests/store.rs), and prints the path of its executable:
#
#   export HBDTA_DYNALITE="$(scripts/dynalite.sh)"
#   cargo test -p hbdta-bot --all-features --test store
#
# It goes to target/dynalite/ at the workspace root (ignored by git, and where the tests look when
# HBDTA_DYNALITE is unset, wherever cargo puts its build), or to the directory given as $1.
# Needs Node.js 20 or newer and npm. Nothing is downloaded when that version is there already.
set -euo pipefail

version=4.0.0
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/target/dynalite}"
bin="$dir/node_modules/.bin/dynalite"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node and npm are not installed: dynalite needs Node.js 20 or newer" >&2
  exit 1
fi
installed="$(node -p "require('$dir/node_modules/dynalite/package.json').version" 2>/dev/null || true)"
if [ ! -x "$bin" ] || [ "$installed" != "$version" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "dynalite@$version" >&2
fi
echo "$bin"

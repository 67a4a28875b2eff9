#!/usr/bin/env bash
# The browser test of `hbdta-bot dev`: builds the bot, then drives its chat page in headless
# Chromium (Debian's package) against a local OpenDota stand-in. Installs what is missing.
# Screenshots land in target/browser-test/ (in the repository).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

# Chromium, and an emoji font so the bot's replies show as they do on a phone (screenshots).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node and npm are not installed: the browser test needs Node.js 20 or newer" >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "node $(node --version) is too old: the browser test needs Node.js 20 or newer" >&2
  exit 1
fi

if [ ! -d hbdta-bot/tests/browser/node_modules/playwright-core ]; then
  log "npm ci (playwright-core)"
  npm ci --prefix hbdta-bot/tests/browser --no-audit --no-fund
fi

# The same features as .ci/run's test step, so CI reuses the binary the tests built. Cargo says
# where the binary is (CARGO_TARGET_DIR, a build cache or the default target/).
log "cargo build -p hbdta-bot --all-features"
bot="$(cargo build -p hbdta-bot --all-features --bin hbdta-bot --message-format=json-render-diagnostics \
  | node -e '
      let path = "";
      require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
        const message = JSON.parse(line);
        if (message.reason === "compiler-artifact" && message.executable) path = message.executable;
      }).on("close", () => { if (!path) process.exit(1); console.log(path); });
    ')"
if [ ! -x "$bot" ]; then
  echo "cargo did not name the hbdta-bot binary (got: ${bot:-nothing})" >&2
  exit 1
fi

log "browser test ($bot)"
node hbdta-bot/tests/browser/chat.mjs --bot "$bot"

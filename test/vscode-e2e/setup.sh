#!/usr/bin/env bash
# Installs what the real-VS-Code test needs: Debian's Chromium, the libraries code-server
# builds against, and code-server itself (pinned in package-lock.json) in this folder only.
# Idempotent: a second run with everything in place takes a few seconds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium libkrb5-dev ripgrep >/dev/null
fi

if [ -x "$here/node_modules/.bin/code-server" ]; then
    echo "code-server already installed in $here/node_modules"
    exit 0
fi

# @vscode/ripgrep's postinstall downloads a binary unless its cache already holds the archive:
# build that archive from Debian's rg so nothing is fetched from outside the npm registry.
tmp="${TMPDIR:-/tmp}"
cache="$tmp/vscode-ripgrep-cache-1.15.11"
archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$archive" ]; then
    mkdir -p "$cache" "$cache/stage"
    cp "$(command -v rg)" "$cache/stage/rg"
    tar -czf "$archive" -C "$cache/stage" rg
    rm -rf "$cache/stage"
fi

cd "$here"
export npm_config_unsafe_perm=true npm_config_yes=true
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund
else
    npm install --no-audit --no-fund
fi

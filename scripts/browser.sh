#!/usr/bin/env bash
# Debian's Chromium for the browser tests: installed when missing and we are root, else one line of help.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
else
    echo "Browser tests need Chromium: sudo apt-get install chromium (they are skipped until then)." >&2
fi

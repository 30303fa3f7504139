#!/usr/bin/env bash
# What the browser tests need from Debian: chromium, and libatomic1 for Playwright's driver (a minimal
# Debian lacks it). Installed when missing and we are root, else one line of help.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if command -v dpkg-query >/dev/null 2>&1 &&
    ! dpkg-query -W -f='${Status}' libatomic1 2>/dev/null | grep -q "ok installed"; then
    missing+=(libatomic1)
fi
if [ ${#missing[@]} = 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} for the browser tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null
else
    echo "Browser tests need ${missing[*]}: sudo apt-get install ${missing[*]}" \
        "(the browser tests are skipped until then)." >&2
fi

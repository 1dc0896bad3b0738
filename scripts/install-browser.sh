#!/usr/bin/env bash
# Make sure Debian's Chromium is on the machine for the browser tests (tests/test_web_browser.py).
#
# Idempotent: does nothing when the browser is already there. Playwright's own browser
# download does not work on this machine, so the tests drive the distribution's Chromium
# through Playwright with executable_path. Override the path with DIPLOGRAPH_CHROMIUM.
set -euo pipefail

CHROMIUM="${DIPLOGRAPH_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

echo "install-browser: $CHROMIUM not found; installing Debian's chromium package" >&2

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    echo "install-browser: $CHROMIUM is missing and this user cannot install packages" >&2
    echo "install-browser: run as root: apt-get update && apt-get install -y chromium" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get here; install Chromium by hand and set DIPLOGRAPH_CHROMIUM" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "install-browser: apt-get installed chromium but $CHROMIUM is still missing" >&2
    exit 1
fi
echo "install-browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed" >&2

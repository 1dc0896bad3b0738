#!/usr/bin/env bash
# Make sure PostgreSQL's server binaries (initdb, pg_ctl) are on the machine for the store
# tests: tests/conftest.py starts a throwaway server from them (as `nobody` when run as root).
#
# Idempotent: does nothing when initdb is already on PATH or in /usr/lib/postgresql/*/bin.
set -euo pipefail

if command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    exit 0
fi

echo "install-postgres: initdb not found; installing Debian's postgresql package" >&2

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    echo "install-postgres: initdb is missing and this user cannot install packages" >&2
    echo "install-postgres: run as root: apt-get update && apt-get install -y postgresql" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-postgres: no apt-get here; install PostgreSQL (initdb, pg_ctl) by hand" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q postgresql

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    echo "install-postgres: apt-get installed postgresql but initdb is still missing" >&2
    exit 1
fi
echo "install-postgres: $(ls -d /usr/lib/postgresql/*/bin | tail -1) installed" >&2

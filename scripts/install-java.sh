#!/usr/bin/env bash
# Make sure Java 17+ is on the machine for the Spark engine (diplograph batch --engine spark,
# tests/test_batch_engines.py).
#
# Idempotent: does nothing when `java` (or $JAVA_HOME/bin/java) is 17 or newer. Otherwise
# installs Debian's openjdk-17-jre-headless with apt-get, as root or through sudo.
set -euo pipefail

PACKAGE="${DIPLOGRAPH_JAVA_PACKAGE:-openjdk-17-jre-headless}"

java_major() {
    local java="$1" version
    version="$("$java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
    version="${version#1.}"  # Java 8 and older say 1.8.0_...
    echo "${version%%[.+_-]*}"
}

for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
        major="$(java_major "$candidate")"
        if [ -n "$major" ] && [ "$major" -ge 17 ] 2>/dev/null; then
            exit 0
        fi
        echo "install-java: $candidate is Java ${major:-?}; Spark needs 17+" >&2
    fi
done

echo "install-java: no Java 17+ found; installing Debian's $PACKAGE" >&2

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    echo "install-java: Java 17+ is missing and this user cannot install packages" >&2
    echo "install-java: run as root: apt-get update && apt-get install -y $PACKAGE" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-java: no apt-get here; install Java 17+ by hand and set JAVA_HOME" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q "$PACKAGE"

if ! command -v java >/dev/null 2>&1; then
    echo "install-java: apt-get installed $PACKAGE but java is still not on PATH" >&2
    exit 1
fi
echo "install-java: $(java -version 2>&1 | head -n 1) installed" >&2

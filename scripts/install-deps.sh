#!/usr/bin/env bash
# Installs the Debian packages the build, the server and the tests need. Idempotent: it asks apt
# only for what is missing, so a second run costs a dpkg query.
set -euo pipefail

packages=(
    build-essential cmake ccache pkg-config clang-format
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
    libsoci-dev libsqlite3-dev libpq-dev sqlite3
    libicu-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libjemalloc-dev
    libgtest-dev libgmock-dev
    coinor-libcbc-dev
    libxlsxwriter-dev libcairo2-dev libpango1.0-dev libqrencode-dev liboath-dev fonts-noto-cjk
    libgdk-pixbuf-2.0-dev libminizip-dev
    nodejs npm
)
if [ "${1:-}" = "--test" ]; then
    packages+=(postgresql-15 postgresql-common wrk nginx-light chromium poppler-utils curl unzip python3 adduser
               clang-14 libfuzzer-14-dev libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
# Node may come from outside Debian (the developer image ships its own): accept any node >= 20.
if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=("${missing[@]/nodejs/}")
    missing=("${missing[@]/npm/}")
fi
read -r -a missing <<<"${missing[*]}"
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # Debian starts nginx and a PostgreSQL cluster when they are installed; the tests start their
    # own, so keep the packaged services from starting.
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

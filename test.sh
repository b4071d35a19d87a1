#!/usr/bin/env bash
# Installs what is needed, builds everything and runs every test, real peers included (sshd, gnome-keyring,
# nginx are started by the tests themselves on loopback). Usage: ./test.sh [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh

BUILD_DIR=${BUILD_DIR:-build/test}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=ON
cmake --build "$BUILD_DIR" --parallel "$(nproc)"

# sshd refuses to start as root without its privilege separation directory.
if [ "$(id -u)" -eq 0 ]; then
    mkdir -p /run/sshd
fi

export QT_QPA_PLATFORM=offscreen
cd "$BUILD_DIR"
ctest --output-on-failure --parallel 2 "$@"

#!/usr/bin/env bash
# Installs what is needed, builds, and opens Saltant Deploy on the built-in example project. Without a display
# it says so and renders the example's files with the CLI into ./out instead.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh

BUILD_DIR=${BUILD_DIR:-build/release}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build "$BUILD_DIR" --parallel "$(nproc)"

GUI="$BUILD_DIR/ui/saltant-deploy"
CLI="$BUILD_DIR/app/saltant-deploy-cli"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$GUI" ]; then
    exec "$GUI" "$@"
fi

echo "run.sh: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the GUI cannot open here."
echo "run.sh: rendering the built-in example project with the CLI into ./out instead:"
rm -rf out
"$CLI" render --out out
echo
echo "Open ./out to read the files; '$CLI --help' lists every command."

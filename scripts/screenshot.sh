#!/bin/sh
# Renders the main window under Xvfb to docs/screenshot.png (or the file given), building the app first if needed.
#   scripts/screenshot.sh [OUT.png]
#   SCALE=2 scripts/screenshot.sh /tmp/hidpi.png    # check 200% scaling by eye
# BUILD_DIR picks the build directory (default build/gui). The app runs with a throw-away HOME.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build/gui}
out=${1:-$root/docs/screenshot.png}
scale=${SCALE:-1}

if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug
fi
ninja -C "$build" saltant-deploy

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/runtime" "$(dirname "$out")"
chmod 700 "$home/runtime"
case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac

width=$((1280 * scale))
height=$((800 * scale))
HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home/runtime" QT_SCALE_FACTOR="$scale" \
    xvfb-run -a -s "-screen 0 ${width}x${height}x24" \
    "$build/ui/saltant-deploy" --section tls --preview nginx-site --screenshot "$out"
echo "Wrote $out"

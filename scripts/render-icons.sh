#!/usr/bin/env bash
# Renders installer/icons/saltant-deploy.svg to the hicolor PNG sizes (needs rsvg-convert from librsvg2-bin).
# The PNGs are committed, so building never needs this; run it after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/../installer/icons"
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" saltant-deploy.svg -o "saltant-deploy-$size.png"
done

# Windows icon: an ICO container holding PNG images (Vista+ format), for the NSIS installer.
python3 - <<'PY'
import struct
sizes = [16, 24, 32, 48, 64, 128, 256]
images = [open(f"saltant-deploy-{s}.png", "rb").read() for s in sizes]
offset = 6 + 16 * len(sizes)
header = struct.pack("<HHH", 0, 1, len(sizes))
entries = b""
for size, data in zip(sizes, images):
    dim = 0 if size >= 256 else size
    entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
open("saltant-deploy.ico", "wb").write(header + entries + b"".join(images))
PY

#!/usr/bin/env python3
"""Renders the app's PNG icons from the shapes of assets/icon.svg (two heads, two linked
rings), with no tool beyond Python itself. Run it again when the icon changes:

    python3 bin/render-icons.py

It writes assets/icon-192.png and assets/icon-512.png (the design on the page colour, with a
margin) and assets/icon-maskable-512.png (full bleed, the design inside the central 80 % safe
zone that launchers may crop to a circle)."""

import struct
import zlib
from pathlib import Path

BACKGROUND = (0xFA, 0xF6, 0xF0)  # --bg of assets/style.css
TEAL = (0x1D, 0x6A, 0x64)        # --accent
TERRACOTTA = (0xC0, 0x62, 0x3F)

# In the SVG's 64-unit box, painted in this order: (kind, cx, cy, r, colour); rings have a
# stroke of 5.5 units centred on r.
SHAPES = [
    ("disc", 23, 12, 6.5, TEAL),
    ("disc", 41, 14, 5.5, TERRACOTTA),
    ("ring", 23, 42, 15, TEAL),
    ("ring", 41, 42, 15, TERRACOTTA),
]
STROKE = 5.5
SAMPLES = 4  # per axis, per pixel


def inside(kind, cx, cy, r, x, y):
    d2 = (x - cx) ** 2 + (y - cy) ** 2
    if kind == "disc":
        return d2 <= r * r
    return (r - STROKE / 2) ** 2 <= d2 <= (r + STROKE / 2) ** 2


def render(size, design_fraction):
    """The icon at `size` pixels, the 64-unit design scaled to `design_fraction` of it."""
    scale = size * design_fraction / 64
    offset = (size - 64 * scale) / 2
    rows = []
    for py in range(size):
        row = bytearray([0])  # PNG filter: none
        for px in range(size):
            acc = [0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES - offset) / scale
                    y = (py + (sy + 0.5) / SAMPLES - offset) / scale
                    colour = BACKGROUND
                    for kind, cx, cy, r, c in SHAPES:
                        if inside(kind, cx, cy, r, x, y):
                            colour = c
                    for i in range(3):
                        acc[i] += colour[i]
            row += bytes(round(a / SAMPLES**2) for a in acc)
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    assets = Path(__file__).resolve().parent.parent / "assets"
    (assets / "icon-192.png").write_bytes(render(192, 0.84))
    (assets / "icon-512.png").write_bytes(render(512, 0.84))
    (assets / "icon-maskable-512.png").write_bytes(render(512, 0.6))

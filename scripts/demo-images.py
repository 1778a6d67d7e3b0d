#!/usr/bin/env python3
"""Draws the demo newsletter's illustrations into content/demo/images/.

Standard library only (zlib, struct): each picture is a handful of flat shapes —
sky, hills, buildings, tanks, tents — filled with a small anti-aliased scanline
rasteriser and written as an 8-bit RGB PNG. The output is deterministic, so running
the script again gives the same files.

    python3 scripts/demo-images.py            # writes every image
    python3 scripts/demo-images.py water-tank  # only the ones whose name contains this
"""

import math
import os
import struct
import sys
import zlib

WIDTH, HEIGHT = 960, 600
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content", "demo", "images")


def rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


class Canvas:
    def __init__(self, width=WIDTH, height=HEIGHT, colour=(255, 255, 255)):
        self.w, self.h = width, height
        self.rows = [bytearray(bytes(colour) * width) for _ in range(height)]

    # -- pixels -------------------------------------------------------------------------

    def _blend(self, row, x, colour, a):
        if a <= 0.002 or x < 0 or x >= self.w:
            return
        i = 3 * x
        if a >= 0.998:
            row[i:i + 3] = bytes(colour)
            return
        for c in range(3):
            row[i + c] = round(row[i + c] + (colour[c] - row[i + c]) * a)

    def _span(self, row, x0, x1, colour, a):
        x0, x1 = max(0, x0), min(self.w, x1)
        if x1 <= x0 or a <= 0.002:
            return
        if a >= 0.998:
            row[3 * x0:3 * x1] = bytes(colour) * (x1 - x0)
        else:
            for x in range(x0, x1):
                self._blend(row, x, colour, a)

    # -- shapes -------------------------------------------------------------------------

    def gradient(self, y0, y1, top, bottom):
        """Vertical gradient between two colours, rows y0..y1."""
        y0, y1 = max(0, int(y0)), min(self.h, int(y1))
        for y in range(y0, y1):
            t = (y - y0) / max(1, y1 - y0 - 1)
            self.rows[y][:] = bytes(mix(top, bottom, t)) * self.w

    def poly(self, pts, colour, alpha=1.0):
        """Fills a polygon (even-odd), with 4 sub-scanlines and exact horizontal coverage."""
        edges = []
        n = len(pts)
        for i in range(n):
            x0, y0 = pts[i]
            x1, y1 = pts[(i + 1) % n]
            if y0 == y1:
                continue
            if y0 > y1:
                x0, y0, x1, y1 = x1, y1, x0, y0
            edges.append((y0, y1, x0, (x1 - x0) / (y1 - y0)))
        if not edges:
            return
        ymin = max(0, int(math.floor(min(p[1] for p in pts))))
        ymax = min(self.h - 1, int(math.ceil(max(p[1] for p in pts))))
        subs = 4
        share = 1.0 / subs
        for y in range(ymin, ymax + 1):
            live = [e for e in edges if e[0] < y + 1 and e[1] > y]
            if not live:
                continue
            point, steps = {}, {}
            for s in range(subs):
                sy = y + (s + 0.5) * share
                xs = sorted(x0 + (sy - e0) * k for (e0, e1, x0, k) in live if e0 <= sy < e1)
                for i in range(0, len(xs) - 1, 2):
                    a, b = max(0.0, xs[i]), min(float(self.w), xs[i + 1])
                    if b <= a:
                        continue
                    ia, ib = int(a), int(b)
                    if ia == ib:
                        point[ia] = point.get(ia, 0.0) + (b - a) * share
                        continue
                    point[ia] = point.get(ia, 0.0) + (ia + 1 - a) * share
                    if ib < self.w and b > ib:
                        point[ib] = point.get(ib, 0.0) + (b - ib) * share
                    if ib > ia + 1:
                        steps[ia + 1] = steps.get(ia + 1, 0.0) + share
                        steps[ib] = steps.get(ib, 0.0) - share
            if not point and not steps:
                continue
            row = self.rows[y]
            keys = sorted(set(steps) | set(point) | {k + 1 for k in point})
            level = 0.0
            for j, k in enumerate(keys):
                level += steps.get(k, 0.0)
                nxt = keys[j + 1] if j + 1 < len(keys) else self.w
                self._blend(row, k, colour, min(1.0, level + point.get(k, 0.0)) * alpha)
                if nxt > k + 1 and level > 0.002:
                    self._span(row, k + 1, nxt, colour, min(1.0, level) * alpha)

    def rect(self, x0, y0, x1, y1, colour, alpha=1.0):
        self.poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], colour, alpha)

    def ellipse(self, cx, cy, rx, ry, colour, alpha=1.0, a0=0.0, a1=2 * math.pi):
        steps = max(24, int(max(rx, ry) * 0.9))
        pts = [(cx + rx * math.cos(a0 + (a1 - a0) * i / steps), cy + ry * math.sin(a0 + (a1 - a0) * i / steps))
               for i in range(steps + (0 if a1 - a0 >= 2 * math.pi else 1))]
        if a1 - a0 < 2 * math.pi:
            pts.append((cx, cy))
        self.poly(pts, colour, alpha)

    def disc(self, cx, cy, r, colour, alpha=1.0):
        self.ellipse(cx, cy, r, r, colour, alpha)

    def line(self, x0, y0, x1, y1, width, colour, alpha=1.0):
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length * width / 2, dx / length * width / 2
        self.poly([(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)], colour, alpha)

    def arc(self, cx, cy, r_in, r_out, a0, a1, colour, alpha=1.0):
        steps = max(12, int(r_out * (a1 - a0) / 4))
        outer = [(cx + r_out * math.cos(a0 + (a1 - a0) * i / steps), cy + r_out * math.sin(a0 + (a1 - a0) * i / steps))
                 for i in range(steps + 1)]
        inner = [(cx + r_in * math.cos(a1 - (a1 - a0) * i / steps), cy + r_in * math.sin(a1 - (a1 - a0) * i / steps))
                 for i in range(steps + 1)]
        self.poly(outer + inner, colour, alpha)

    # -- PNG ----------------------------------------------------------------------------

    def save(self, path):
        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

        png = b"\x89PNG\r\n\x1a\n"
        png += chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0))
        png += chunk(b"IDAT", zlib.compress(raw, 9))
        png += chunk(b"IEND", b"")
        with open(path, "wb") as f:
            f.write(png)
        return len(png)


# -- scenery ---------------------------------------------------------------------------


def ridge(base, amp, period, phase):
    def f(x):
        return base - amp * (0.65 * math.sin(2 * math.pi * x / period + phase)
                             + 0.35 * math.sin(2 * math.pi * x / (period * 0.47) + phase * 2.1))
    return f


def hill(cv, f, colour, bottom=HEIGHT, step=6):
    pts = [(x, f(x)) for x in range(0, cv.w + step, step)]
    cv.poly(pts + [(cv.w, bottom), (0, bottom)], colour)


def sun(cv, cx, cy, r, colour, glow):
    for i in range(4, 0, -1):
        cv.disc(cx, cy, r + i * r * 0.45, glow, 0.10)
    cv.disc(cx, cy, r, colour)


def cloud(cv, x, y, s, colour, alpha=1.0):
    for dx, dy, r in ((0, 0, 28), (30, -14, 34), (66, -4, 30), (94, 6, 22), (44, 10, 26), (16, 12, 22)):
        cv.disc(x + dx * s, y + dy * s, r * s, colour, alpha)


def bird(cv, x, y, s, colour):
    cv.line(x - 12 * s, y - 5 * s, x, y, 2.2 * s, colour)
    cv.line(x, y, x + 12 * s, y - 6 * s, 2.2 * s, colour)


def house(cv, x, ground, w, h, wall, shade, window=None, door=None):
    """A flat-roofed house; shade is the parapet and side colour."""
    cv.rect(x, ground - h, x + w, ground, wall)
    cv.rect(x - 3, ground - h - 6, x + w + 3, ground - h + 2, shade)
    if window:
        ww = max(8, w * 0.18)
        for wx in (x + w * 0.18, x + w * 0.62):
            cv.rect(wx, ground - h * 0.68, wx + ww, ground - h * 0.68 + ww * 1.1, window)
    if door:
        cv.rect(x + w * 0.42, ground - h * 0.55, x + w * 0.42 + w * 0.16, ground, door)


def tree(cv, x, ground, trunk_h, r, crown, trunk, blossom=None, seed=0):
    cv.poly([(x - r * 0.09, ground), (x + r * 0.09, ground), (x + r * 0.05, ground - trunk_h), (x - r * 0.05, ground - trunk_h)], trunk)
    cy = ground - trunk_h - r * 0.6
    cv.disc(x - r * 0.45, cy + r * 0.15, r * 0.65, crown)
    cv.disc(x + r * 0.45, cy + r * 0.15, r * 0.65, crown)
    cv.disc(x, cy - r * 0.2, r * 0.75, crown)
    if blossom:
        for i in range(9):
            a = seed + i * 2.4
            d = r * (0.25 + 0.5 * ((i * 37 + seed * 11) % 10) / 10)
            cv.disc(x + math.cos(a) * d, cy + math.sin(a) * d * 0.8, r * 0.12, blossom)


def olive_tree(cv, x, ground, s, crown, trunk):
    cv.poly([(x - 9 * s, ground), (x + 9 * s, ground), (x + 2 * s, ground - 26 * s), (x + 6 * s, ground - 40 * s),
             (x - 1 * s, ground - 40 * s), (x - 5 * s, ground - 24 * s)], trunk)
    for dx, dy, r in ((-22, -52, 20), (20, -54, 21), (0, -68, 24), (-8, -46, 18), (12, -44, 17)):
        cv.disc(x + dx * s, ground + dy * s, r * s, crown)
    for dx, dy, r in ((-14, -62, 9), (14, -66, 8), (2, -52, 8)):
        cv.disc(x + dx * s, ground + dy * s, r * s, mix(crown, (255, 255, 255), 0.18))


def tank(cv, cx, top, w, h, body, lid, dark):
    """An upright cylindrical tank seen slightly from above."""
    rx, ry = w / 2, w * 0.14
    cv.rect(cx - rx, top, cx + rx, top + h, body)
    cv.ellipse(cx, top + h, rx, ry, body)
    for i in range(1, 4):
        cv.rect(cx - rx, top + h * i / 4 - 2, cx + rx, top + h * i / 4 + 2, dark, 0.35)
    cv.rect(cx + rx * 0.55, top, cx + rx, top + h, dark, 0.18)
    cv.ellipse(cx, top, rx, ry, lid)
    cv.ellipse(cx, top, rx * 0.25, ry * 0.25, dark, 0.6)


def tent(cv, x, ground, w, h, canvas_colour, shade, door):
    cv.poly([(x, ground), (x + w * 0.5, ground - h), (x + w, ground)], canvas_colour)
    cv.poly([(x + w * 0.5, ground - h), (x + w, ground), (x + w * 0.72, ground)], shade)
    cv.poly([(x + w * 0.38, ground), (x + w * 0.5, ground - h * 0.55), (x + w * 0.62, ground)], door)


def figure(cv, x, ground, s, clothes, skin, hair, scarf=None):
    """A seated person seen from behind."""
    cv.ellipse(x, ground - 36 * s, 23 * s, 32 * s, clothes)
    cv.ellipse(x, ground - 56 * s, 20 * s, 11 * s, clothes)
    if scarf:
        cv.ellipse(x, ground - 58 * s, 21 * s, 12 * s, scarf)
        cv.ellipse(x, ground - 80 * s, 15 * s, 17 * s, scarf)
    else:
        cv.rect(x - 5 * s, ground - 70 * s, x + 5 * s, ground - 58 * s, skin)
        cv.disc(x, ground - 80 * s, 13 * s, skin)
        cv.ellipse(x, ground - 84 * s, 13.5 * s, 10 * s, hair)


def standing(cv, x, ground, s, clothes, trousers, skin, hair):
    """A standing person, facing us, one arm raised towards the chart."""
    cv.rect(x - 11 * s, ground - 62 * s, x - 2 * s, ground, trousers)
    cv.rect(x + 2 * s, ground - 62 * s, x + 11 * s, ground, trousers)
    cv.poly([(x - 18 * s, ground - 120 * s), (x + 18 * s, ground - 120 * s), (x + 16 * s, ground - 58 * s), (x - 16 * s, ground - 58 * s)], clothes)
    cv.ellipse(x, ground - 120 * s, 18 * s, 7 * s, clothes)
    cv.line(x - 15 * s, ground - 114 * s, x - 40 * s, ground - 140 * s, 8 * s, clothes)
    cv.disc(x - 41 * s, ground - 141 * s, 5 * s, skin)
    cv.line(x + 15 * s, ground - 114 * s, x + 20 * s, ground - 70 * s, 8 * s, clothes)
    cv.disc(x, ground - 138 * s, 13 * s, skin)
    cv.ellipse(x, ground - 146 * s, 14 * s, 8 * s, hair)


def scatter(seed, count, x0, x1, y0, y1):
    """Deterministic pseudo-random points."""
    points, state = [], seed * 2654435761 % 4294967296 or 1
    for _ in range(count):
        state = (1103515245 * state + 12345) % 2147483648
        px = x0 + (x1 - x0) * (state / 2147483648)
        state = (1103515245 * state + 12345) % 2147483648
        py = y0 + (y1 - y0) * (state / 2147483648)
        points.append((px, py))
    return points


# -- the pictures ----------------------------------------------------------------------


def cover_spring():
    cv = Canvas()
    cv.gradient(0, 420, rgb("#a9d8ef"), rgb("#f6f1da"))
    sun(cv, 760, 140, 52, rgb("#fff3b8"), rgb("#fffbe6"))
    cloud(cv, 120, 110, 1.1, rgb("#ffffff"), 0.9)
    cloud(cv, 470, 70, 0.8, rgb("#ffffff"), 0.8)
    for x, y in ((600, 190), (630, 175), (655, 198)):
        bird(cv, x, y, 1.0, rgb("#5b6b73"))
    hill(cv, ridge(330, 38, 900, 0.4), rgb("#b9d99a"))
    hill(cv, ridge(380, 30, 700, 2.0), rgb("#94c57a"))
    for i, x in enumerate(range(250, 470, 46)):
        g = 380 - 30 * (0.65 * math.sin(2 * math.pi * x / 700 + 2.0) + 0.35 * math.sin(2 * math.pi * x / 329 + 4.2)) + 12
        house(cv, x, g, 38, 28 + (i % 2) * 8, rgb("#efe3c8"), rgb("#d7c7a4"), window=rgb("#7a8d99"))
    hill(cv, ridge(455, 22, 1100, 4.0), rgb("#6fae5f"))
    cv.poly([(400, 600), (560, 600), (500, 520), (470, 470), (455, 445), (448, 445), (460, 470), (470, 520)], rgb("#e8d9b0"))
    for x, g, r, seed in ((150, 520, 60, 1), (300, 560, 48, 2), (700, 540, 66, 3), (860, 575, 52, 4), (60, 590, 40, 5)):
        tree(cv, x, g, r * 0.9, r, rgb("#8cc26d"), rgb("#7a5a3c"), blossom=rgb("#f7c6d6"), seed=seed)
    return cv


def cover_summer():
    cv = Canvas()
    cv.gradient(0, 400, rgb("#3f8fd1"), rgb("#f4e3b0"))
    sun(cv, 200, 130, 70, rgb("#fff1a6"), rgb("#fff7d1"))
    hill(cv, ridge(330, 26, 1000, 1.1), rgb("#e3c47c"))
    hill(cv, ridge(400, 20, 760, 3.0), rgb("#d6ab52"))
    for i in range(7):
        y = 430 + i * 26
        cv.rect(0, y, 960, y + 10, rgb("#c99a45"), 0.35)
    # water tower on the right
    for lx in (708, 772):
        cv.line(lx, 400, 740 + (lx - 740) * 0.6, 250, 7, rgb("#6c6f73"))
    cv.line(712, 330, 768, 330, 5, rgb("#6c6f73"))
    cv.line(716, 370, 770, 300, 4, rgb("#6c6f73"))
    tank(cv, 740, 190, 120, 64, rgb("#e9eef0"), rgb("#f7fafb"), rgb("#7c8a92"))
    for x in (520, 580, 630):
        house(cv, x, 398, 46, 34, rgb("#f4ead5"), rgb("#ddcba6"), window=rgb("#6f8795"), door=rgb("#8a6a48"))
    tree(cv, 880, 470, 50, 48, rgb("#6e9b4a"), rgb("#6f5035"))
    tree(cv, 90, 500, 56, 56, rgb("#769f4d"), rgb("#6f5035"))
    return cv


def cover_autumn():
    cv = Canvas()
    cv.gradient(0, 380, rgb("#f2b88c"), rgb("#fbe6c4"))
    sun(cv, 640, 300, 80, rgb("#f79a4f"), rgb("#fbc891"))
    cloud(cv, 90, 90, 1.2, rgb("#f6d3c0"), 0.9)
    cloud(cv, 760, 70, 0.9, rgb("#f7dccb"), 0.9)
    hill(cv, ridge(320, 28, 980, 0.2), rgb("#c9a06a"))
    hill(cv, ridge(380, 24, 640, 2.6), rgb("#a98a55"))
    # a school on the far hill
    cv.rect(150, 330, 320, 372, rgb("#f1e4c9"))
    cv.poly([(142, 334), (328, 334), (318, 318), (152, 318)], rgb("#4f7fa6"))
    for wx in range(165, 310, 30):
        cv.rect(wx, 342, wx + 16, 358, rgb("#5f88a8"))
    hill(cv, ridge(450, 18, 1200, 5.0), rgb("#8b7a45"))
    for row, (g, s) in enumerate(((470, 0.8), (520, 1.0), (585, 1.25))):
        for x in range(60 + row * 40, 960, 170 + row * 30):
            olive_tree(cv, x, g, s, rgb("#7f8c5a"), rgb("#5b4630"))
    return cv


def pipeline():
    cv = Canvas()
    cv.gradient(0, 330, rgb("#bcdff0"), rgb("#eef3e6"))
    cloud(cv, 620, 80, 1.0, rgb("#ffffff"))
    hill(cv, ridge(250, 30, 800, 1.0), rgb("#a7c98a"))
    for x in (640, 700, 760, 820):
        house(cv, x, 262, 44, 34, rgb("#eee2c6"), rgb("#cdbb94"), window=rgb("#6f8392"))
    hill(cv, lambda x: 300 + 70 * x / 960 + 18 * math.sin(x / 140), rgb("#86b56c"))
    # stream at the bottom
    cv.poly([(0, 520), (200, 500), (420, 530), (640, 505), (960, 535), (960, 575), (640, 545), (420, 570), (200, 540), (0, 560)], rgb("#6fb3d6"))
    cv.poly([(0, 560), (200, 540), (420, 570), (640, 545), (960, 575), (960, 600), (0, 600)], rgb("#7aa65f"))
    # the new pipe along higher ground
    path = [(0, 430), (160, 400), (330, 385), (480, 360), (590, 330), (660, 300)]
    for (x0, y0), (x1, y1) in zip(path, path[1:]):
        cv.line(x0, y0 + 3, x1, y1 + 3, 14, rgb("#3f5663"), 0.35)
        cv.line(x0, y0, x1, y1, 12, rgb("#2f6f9a"))
    for x, y in path[1:-1]:
        cv.disc(x, y, 9, rgb("#245a7e"))
    for x, y in ((245, 392), (535, 345)):
        cv.rect(x - 18, y - 30, x + 18, y + 4, rgb("#b9b1a3"))
        cv.rect(x - 20, y - 34, x + 20, y - 28, rgb("#8f877a"))
    for x, g, r in ((90, 500, 36), (380, 480, 30), (880, 470, 40)):
        tree(cv, x, g, r, r, rgb("#5f9a4e"), rgb("#6b4f33"))
    return cv


def seedlings():
    cv = Canvas()
    cv.gradient(0, 230, rgb("#cfe6f2"), rgb("#f7f2de"))
    sun(cv, 160, 120, 40, rgb("#fff4c2"), rgb("#fffbe8"))
    hill(cv, ridge(215, 12, 900, 0.3), rgb("#a9c98e"), bottom=240)
    cv.rect(0, 228, 960, 600, rgb("#9b7048"))
    vx, vy = 480, 150
    for i in range(-14, 15):
        xb0, xb1 = 480 + i * 80, 480 + i * 80 + 40
        cv.poly([(vx + (xb0 - vx) * 0.13, 230), (vx + (xb1 - vx) * 0.13, 230), (xb1, 600), (xb0, 600)], rgb("#83593a"))
    for i in range(-14, 15):
        xb = 480 + i * 80 + 60
        for t in (0.18, 0.24, 0.31, 0.4, 0.5, 0.62, 0.76, 0.92):
            y = 230 + (600 - 230) * t
            x = vx + (xb - vx) * (0.13 + (1 - 0.13) * t)
            s = 0.3 + 1.5 * t
            if -40 < x < 1000:
                cv.line(x, y, x, y - 10 * s, 1.6 * s, rgb("#4e8a35"))
                cv.ellipse(x - 5 * s, y - 10 * s, 6 * s, 2.6 * s, rgb("#6fb24a"))
                cv.ellipse(x + 5 * s, y - 12 * s, 6 * s, 2.6 * s, rgb("#7cc154"))
    return cv


def classroom():
    cv = Canvas()
    cv.gradient(0, 400, rgb("#b5dcf0"), rgb("#f3f4e4"))
    cloud(cv, 560, 90, 1.0, rgb("#ffffff"))
    cloud(cv, 120, 150, 0.7, rgb("#ffffff"), 0.85)
    hill(cv, ridge(360, 16, 900, 1.3), rgb("#b6d49a"))
    cv.rect(0, 440, 960, 600, rgb("#8dbd6e"))
    cv.rect(160, 250, 720, 450, rgb("#f6ecd6"))
    cv.rect(150, 238, 730, 256, rgb("#d9c7a2"))
    cv.rect(160, 430, 720, 450, rgb("#d9c7a2"))
    for wx in (190, 300, 520, 630):
        cv.rect(wx - 6, 296, wx + 66, 380, rgb("#2f6fa8"))
        cv.rect(wx, 302, wx + 60, 374, rgb("#bfe0f2"))
        cv.rect(wx + 28, 302, wx + 32, 374, rgb("#2f6fa8"))
    cv.rect(400, 316, 480, 450, rgb("#2f6fa8"))
    cv.rect(408, 324, 472, 450, rgb("#3d82bd"))
    cv.disc(462, 392, 4, rgb("#f1d38a"))
    cv.line(800, 450, 800, 200, 5, rgb("#8c9196"))
    cv.poly([(802, 204), (862, 222), (802, 240)], rgb("#f2b134"))
    tree(cv, 880, 470, 70, 64, rgb("#7bb75a"), rgb("#6b4f33"))
    tree(cv, 80, 480, 60, 54, rgb("#86c064"), rgb("#6b4f33"), blossom=rgb("#f6f0b0"), seed=7)
    return cv


def solar_pump():
    cv = Canvas()
    cv.gradient(0, 380, rgb("#4b9ad6"), rgb("#e6f0f0"))
    sun(cv, 830, 100, 48, rgb("#fff2a8"), rgb("#fff9d9"))
    hill(cv, ridge(330, 22, 900, 2.2), rgb("#d9c48d"))
    cv.rect(0, 400, 960, 600, rgb("#cfb47c"))
    hill(cv, ridge(405, 10, 700, 0.2), rgb("#cfb47c"))
    # elevated tank
    for lx in (650, 730):
        cv.line(lx, 420, 690 + (lx - 690) * 0.55, 230, 8, rgb("#6b7075"))
    cv.line(655, 330, 725, 330, 5, rgb("#6b7075"))
    cv.line(655, 335, 722, 270, 4, rgb("#6b7075"))
    tank(cv, 690, 150, 150, 80, rgb("#dfe7ea"), rgb("#f4f8f9"), rgb("#6f7f88"))
    cv.rect(790, 360, 880, 420, rgb("#efe6d2"))
    cv.rect(784, 352, 886, 362, rgb("#c9b893"))
    cv.rect(820, 380, 846, 420, rgb("#7b6248"))
    cv.line(780, 410, 735, 410, 6, rgb("#3d6d8f"))
    # panels in rows
    for row, (y, s) in enumerate(((440, 0.8), (500, 1.0), (565, 1.2))):
        for i in range(5):
            x = 40 + i * 118 * s + row * 14
            w, h = 100 * s, 44 * s
            cv.line(x + 20 * s, y + 8 * s, x + 20 * s, y + 30 * s, 4 * s, rgb("#5d6166"))
            cv.line(x + w - 20 * s, y, x + w - 20 * s, y + 30 * s, 4 * s, rgb("#5d6166"))
            quad = [(x, y), (x + w, y - 12 * s), (x + w + 8 * s, y - 12 * s - h), (x + 8 * s, y - h)]
            cv.poly(quad, rgb("#1f3f6e"))
            for k in (1, 2, 3):
                t = k / 4
                cv.line(x + w * t, y - 12 * s * t, x + 8 * s + w * t, y - h - 12 * s * t, 1.5 * s, rgb("#8fb2d6"))
            cv.line(x + 4 * s, y - h / 2, x + w + 4 * s, y - 12 * s - h / 2, 1.5 * s, rgb("#8fb2d6"))
    return cv


def legal_desk():
    cv = Canvas()
    cv.gradient(0, 300, rgb("#a8d3ec"), rgb("#eef4f2"))
    cloud(cv, 700, 60, 0.9, rgb("#ffffff"))
    cv.rect(0, 470, 960, 600, rgb("#d9cfbe"))
    cv.rect(0, 462, 960, 472, rgb("#bdb2a0"))
    cv.rect(40, 200, 260, 462, rgb("#e4d6bb"))
    cv.rect(700, 230, 930, 462, rgb("#dcc8a7"))
    cv.rect(230, 150, 730, 462, rgb("#f8f6f1"))
    cv.rect(220, 138, 740, 158, rgb("#d8d2c6"))
    cv.rect(360, 178, 600, 222, rgb("#2f7d6d"))
    for x in (385, 440, 495, 550):
        cv.rect(x, 194, x + 34, 206, rgb("#d9efe8"))
    for wx in (262, 620):
        cv.rect(wx, 250, wx + 80, 340, rgb("#5e97b8"))
        cv.rect(wx - 6, 340, wx + 86, 348, rgb("#d8d2c6"))
    cv.rect(430, 300, 530, 462, rgb("#3b2f25"))
    cv.poly([(430, 300), (470, 310), (470, 470), (430, 462)], rgb("#2f8a63"))
    cv.rect(436, 380, 440, 396, rgb("#e0c36e"))
    cv.rect(560, 420, 680, 430, rgb("#8b6a47"))
    for lx in (568, 670):
        cv.rect(lx, 430, lx + 6, 462, rgb("#6b5037"))
    for px in (290, 380, 590):
        cv.poly([(px - 16, 430), (px + 16, 430), (px + 12, 462), (px - 12, 462)], rgb("#b5643d"))
        cv.disc(px, 416, 20, rgb("#5f9a4e"))
    tree(cv, 860, 470, 80, 60, rgb("#6aa252"), rgb("#6b4f33"))
    return cv


def reading_tent():
    cv = Canvas()
    cv.gradient(0, 360, rgb("#69ade0"), rgb("#fbeccd"))
    sun(cv, 790, 110, 58, rgb("#fff0a0"), rgb("#fff8d6"))
    cv.rect(0, 360, 960, 600, rgb("#e8cf9f"))
    hill(cv, ridge(362, 8, 800, 1.0), rgb("#e0c28b"), bottom=380)
    tent(cv, 90, 450, 360, 220, rgb("#fbfaf6"), rgb("#dcd8cc"), rgb("#5a4a3a"))
    tent(cv, 480, 430, 300, 180, rgb("#f6f4ee"), rgb("#d5d0c2"), rgb("#5a4a3a"))
    cv.poly([(60, 455), (450, 455), (470, 475), (40, 475)], rgb("#caa875"), 0.8)
    cv.poly([(460, 435), (780, 435), (800, 452), (440, 452)], rgb("#caa875"), 0.8)
    colours = ["#d9534f", "#2f7fb5", "#f0ad4e", "#5cb85c", "#8e6bb8", "#e67e22", "#1f9e89"]
    y = 560
    for i, c in enumerate(colours):
        h = 12 + (i % 3) * 3
        off = (i * 7) % 18 - 9
        cv.rect(560 + off, y - h, 720 + off - (i % 2) * 20, y, rgb(c))
        cv.rect(560 + off, y - h + 3, 566 + off, y - 3, rgb("#ffffff"), 0.6)
        y -= h + 1
    for i, c in enumerate(colours[:4]):
        cv.poly([(760 + i * 36, 560), (786 + i * 36, 560), (800 + i * 36, 470), (774 + i * 36, 470)], rgb(c))
    return cv


def school():
    cv = Canvas()
    cv.gradient(0, 380, rgb("#f0c9a2"), rgb("#fbeedd"))
    cloud(cv, 640, 70, 1.0, rgb("#fbe2d2"))
    hill(cv, ridge(340, 18, 900, 0.8), rgb("#c7a874"))
    cv.rect(0, 460, 960, 600, rgb("#b79a63"))
    cv.rect(90, 260, 800, 460, rgb("#f4e8cf"))
    cv.poly([(70, 266), (820, 266), (800, 226), (90, 226)], rgb("#3f79b0"))
    for wx in range(120, 780, 92):
        if 400 < wx < 500:
            continue
        cv.rect(wx, 300, wx + 56, 370, rgb("#3f79b0"))
        cv.rect(wx + 5, 305, wx + 51, 365, rgb("#cfe4f1"))
    cv.rect(418, 330, 480, 446, rgb("#3f79b0"))
    cv.rect(404, 444, 500, 460, rgb("#cfc4ad"))
    cv.poly([(500, 460), (500, 444), (640, 460)], rgb("#cfc4ad"))
    cv.line(500, 416, 640, 432, 4, rgb("#66707a"))
    for px in (520, 580, 630):
        cv.line(px, 418 + (px - 500) * 0.11, px, 448 + (px - 500) * 0.11, 3, rgb("#66707a"))
    for x, g, r, c in ((880, 480, 62, "#d9822b"), (40, 470, 50, "#e0a030"), (930, 560, 40, "#c8651f")):
        tree(cv, x, g, r, r, rgb(c), rgb("#5e432b"))
    for px, py in scatter(3, 18, 0, 960, 500, 600):
        cv.ellipse(px, py, 5, 2.5, rgb("#d9822b"), 0.8)
    return cv


def water_tank():
    cv = Canvas()
    cv.gradient(0, 360, rgb("#8c9aa8"), rgb("#d9dee2"))
    cloud(cv, 60, 70, 1.6, rgb("#6f7c89"))
    cloud(cv, 470, 40, 1.4, rgb("#75828f"))
    cloud(cv, 760, 90, 1.3, rgb("#6a7784"))
    cv.rect(0, 470, 960, 600, rgb("#8b8a7c"))
    cv.rect(60, 220, 620, 470, rgb("#eadcc0"))
    cv.rect(48, 206, 632, 224, rgb("#cdbb98"))
    for wx in (100, 240, 380, 520):
        cv.rect(wx, 280, wx + 62, 360, rgb("#5d7f99"))
        cv.rect(wx + 4, 284, wx + 58, 356, rgb("#aac5d6"))
    cv.rect(48, 222, 700, 234, rgb("#7d8a93"))
    cv.rect(690, 222, 702, 300, rgb("#7d8a93"))
    cv.line(696, 300, 740, 330, 10, rgb("#7d8a93"))
    tank(cv, 760, 320, 120, 140, rgb("#3f8f5a"), rgb("#5aa874"), rgb("#1f4f32"))
    tank(cv, 880, 330, 110, 130, rgb("#3f8f5a"), rgb("#5aa874"), rgb("#1f4f32"))
    cv.rect(742, 440, 762, 448, rgb("#9aa3a8"))
    cv.ellipse(700, 560, 140, 18, rgb("#a8bac6"), 0.8)
    for x, y in scatter(11, 90, 0, 960, 0, 560):
        cv.line(x, y, x - 8, y + 26, 2, rgb("#dfe8ee"), 0.7)
    return cv


def olive_grove():
    cv = Canvas()
    cv.gradient(0, 360, rgb("#f5c28e"), rgb("#fbe9cf"))
    sun(cv, 170, 250, 62, rgb("#f6a45b"), rgb("#f9cf9c"))
    hill(cv, ridge(300, 20, 1000, 2.0), rgb("#c4a470"))
    hill(cv, lambda x: 330 + 90 * (1 - x / 960) + 10 * math.sin(x / 90), rgb("#a68a52"))
    for row, (base, s, gap) in enumerate(((360, 0.55, 110), (400, 0.75, 140), (450, 1.0, 180))):
        for i, x in enumerate(range(500 - row * 180, 990, gap)):
            g = base + 90 * (1 - x / 960) * (0.6 + row * 0.2)
            olive_tree(cv, x, g, s, rgb("#7d8b58"), rgb("#5a4530"))
    cv.rect(0, 520, 960, 600, rgb("#8f7444"))
    for cx in (120, 260, 400):
        cv.rect(cx - 60, 500, cx + 60, 580, rgb("#b07d45"))
        for k in (520, 545):
            cv.rect(cx - 60, k, cx + 60, k + 4, rgb("#8a5e30"))
        for px, py in scatter(cx, 26, cx - 54, cx + 54, 488, 504):
            cv.disc(px, py, 7, rgb("#3b2c3a"))
            cv.disc(px - 2, py - 2, 2, rgb("#6f5a70"))
    return cv


def volunteers():
    cv = Canvas()
    cv.gradient(0, 420, rgb("#f3e3c8"), rgb("#ecd6b2"))
    cv.rect(0, 420, 960, 600, rgb("#b98f62"))
    for y in range(440, 600, 34):
        cv.rect(0, y, 960, y + 2, rgb("#a67d52"))
    cv.rect(80, 70, 420, 300, rgb("#ffffff"))
    cv.rect(92, 82, 408, 288, rgb("#bfe1f3"))
    cv.poly([(92, 230), (200, 200), (300, 215), (408, 190), (408, 288), (92, 288)], rgb("#a4c98a"))
    cv.rect(246, 82, 254, 288, rgb("#ffffff"))
    cv.rect(92, 181, 408, 189, rgb("#ffffff"))
    # flip chart
    cv.line(640, 420, 690, 140, 6, rgb("#6b5037"))
    cv.line(800, 420, 750, 140, 6, rgb("#6b5037"))
    cv.line(720, 430, 720, 150, 6, rgb("#6b5037"))
    cv.rect(630, 120, 810, 330, rgb("#fdfdfb"))
    cv.rect(626, 114, 814, 126, rgb("#4a4a4a"))
    for i, c in enumerate(("#2f7fb5", "#d9534f", "#2f7fb5", "#5cb85c", "#2f7fb5")):
        cv.rect(652, 150 + i * 32, 652 + (130 - (i * 23) % 60), 158 + i * 32, rgb(c))
    cv.disc(770, 290, 16, rgb("#f0ad4e"), 0.9)
    standing(cv, 860, 470, 1.5, rgb("#2f7d6d"), rgb("#3b3f4a"), rgb("#c99a74"), rgb("#2a1f18"))
    people = [
        (590, 470, 1.2, "#3b6ea5", "#2f8a8a", None),
        (470, 480, 1.3, "#d99a3c", None, "#1f1f1f"),
        (345, 500, 1.45, "#4a7f6b", "#7a4e8c", None),
        (215, 530, 1.6, "#c0504d", None, "#3a2a20"),
        (70, 570, 1.8, "#5c6b8a", "#c0706a", None),
        (700, 540, 1.6, "#8c5e3c", None, "#4a3020"),
    ]
    for x, g, s, clothes, scarf, hair in people:
        cv.line(x - 20 * s, g - 6 * s, x - 20 * s, g + 30 * s, 4 * s, rgb("#5b4632"))
        cv.line(x + 20 * s, g - 6 * s, x + 20 * s, g + 30 * s, 4 * s, rgb("#5b4632"))
        figure(cv, x, g, s, rgb(clothes), rgb("#c99a74"), rgb(hair or "#000000"), rgb(scarf) if scarf else None)
        cv.rect(x - 25 * s, g - 10 * s, x + 25 * s, g - 2 * s, rgb("#5b4632"))
    return cv


def mobile_clinic():
    cv = Canvas()
    cv.gradient(0, 360, rgb("#9fd0ea"), rgb("#f4efe0"))
    cloud(cv, 140, 80, 0.9, rgb("#ffffff"))
    cloud(cv, 660, 110, 1.1, rgb("#ffffff"))
    hill(cv, ridge(300, 30, 860, 0.9), rgb("#c5c58f"))
    for x in (600, 650, 705, 770):
        house(cv, x, 318, 46, 30, rgb("#efe4cc"), rgb("#cfbd98"), window=rgb("#6f8392"))
    hill(cv, ridge(360, 14, 1000, 3.3), rgb("#b2b679"))
    cv.poly([(0, 470), (960, 430), (960, 520), (0, 560)], rgb("#dcc08f"))
    cv.poly([(0, 560), (960, 520), (960, 600), (0, 600)], rgb("#a3a86a"))
    # the minibus
    x0, y0 = 260, 330
    cv.ellipse(x0 + 220, 512, 240, 14, rgb("#6b6552"), 0.35)
    cv.poly([(x0, y0 + 30), (x0 + 20, y0), (x0 + 380, y0), (x0 + 440, y0 + 70), (x0 + 450, y0 + 170), (x0, y0 + 170)], rgb("#f7f8f8"))
    cv.rect(x0, y0 + 110, x0 + 450, y0 + 134, rgb("#1f9e89"))
    for wx in range(x0 + 30, x0 + 330, 78):
        cv.rect(wx, y0 + 22, wx + 62, y0 + 80, rgb("#6aa4c4"))
    cv.poly([(x0 + 350, y0 + 22), (x0 + 380, y0 + 22), (x0 + 425, y0 + 80), (x0 + 350, y0 + 80)], rgb("#6aa4c4"))
    cv.rect(x0 + 290, y0 + 90, x0 + 294, y0 + 160, rgb("#c6cbcd"))
    cv.rect(x0 + 440, y0 + 140, x0 + 456, y0 + 156, rgb("#f2c14e"))
    for wx in (x0 + 90, x0 + 360):
        cv.disc(wx, y0 + 172, 36, rgb("#2e2e2e"))
        cv.disc(wx, y0 + 172, 16, rgb("#b9bec2"))
    return cv


def winter_kits():
    cv = Canvas()
    cv.gradient(0, 600, rgb("#c9cdd1"), rgb("#a9adb1"))
    cv.rect(0, 470, 960, 600, rgb("#8e9092"))
    cv.rect(560, 60, 900, 200, rgb("#5f6468"))
    cv.rect(570, 70, 890, 190, rgb("#dfe5ea"))
    cloud(cv, 600, 140, 0.9, rgb("#c4ccd3"))
    cloud(cv, 760, 120, 1.0, rgb("#cbd2d8"))
    cv.rect(725, 70, 733, 190, rgb("#5f6468"))
    for col in range(4):
        for level in range(3 - col % 2):
            x = 60 + col * 130
            y = 470 - (level + 1) * 90
            cv.rect(x, y, x + 120, y + 88, rgb("#c49a63"))
            cv.rect(x + 52, y, x + 68, y + 88, rgb("#e3cfa8"))
            cv.rect(x, y, x + 120, y + 6, rgb("#a97f4c"))
    for i, (c, e) in enumerate((("#3f6aa0", "#2f5080"), ("#b5483b", "#8e3329"), ("#3f6aa0", "#2f5080"), ("#6b8e4e", "#50703a"))):
        x, y = 640 + (i % 2) * 150, 440 - (i // 2) * 74
        cv.rect(x, y - 36, x + 140, y + 36, rgb(c))
        cv.ellipse(x + 140, y, 14, 36, rgb(e))
        cv.ellipse(x + 140, y, 6, 16, rgb(c))
    return cv


def teachers():
    cv = Canvas()
    cv.gradient(0, 380, rgb("#f1ead8"), rgb("#e6dcc2"))
    cv.rect(0, 380, 960, 600, rgb("#c7a97c"))
    cv.rect(180, 60, 780, 300, rgb("#6b4f33"))
    cv.rect(192, 72, 768, 288, rgb("#2f5a46"))
    chalk = rgb("#eef3ea")
    cv.arc(290, 150, 30, 35, 0, 2 * math.pi, chalk)
    cv.poly([(370, 185), (410, 115), (450, 185)], chalk)
    cv.poly([(380, 179), (410, 127), (440, 179)], rgb("#2f5a46"))
    cv.rect(500, 120, 560, 180, chalk)
    cv.rect(506, 126, 554, 174, rgb("#2f5a46"))
    for i in range(3):
        cv.line(240, 220 + i * 22, 240 + 140 + (i * 50) % 90, 220 + i * 22, 4, chalk)
    cv.line(600, 130, 720, 130, 4, chalk)
    cv.line(600, 160, 690, 160, 4, chalk)
    cv.line(600, 190, 730, 190, 4, chalk)
    cv.rect(200, 296, 760, 304, rgb("#8b6a47"))
    cv.rect(620, 330, 860, 350, rgb("#8b5e34"))
    cv.rect(630, 350, 850, 410, rgb("#a3743f"))
    for row, (y, s) in enumerate(((440, 0.8), (500, 0.95), (570, 1.15))):
        for i in range(3):
            x = 120 + i * 270 * s + row * 20
            w = 190 * s
            cv.poly([(x, y), (x + w, y), (x + w - 16 * s, y - 30 * s), (x + 16 * s, y - 30 * s)], rgb("#d7b27a"))
            cv.rect(x + 4, y, x + w - 4, y + 8 * s, rgb("#a9834c"))
            cv.line(x + 10 * s, y + 8 * s, x + 10 * s, y + 40 * s, 5 * s, rgb("#707070"))
            cv.line(x + w - 10 * s, y + 8 * s, x + w - 10 * s, y + 40 * s, 5 * s, rgb("#707070"))
            cv.rect(x + w / 2 - 2, y - 30 * s, x + w / 2 + 2, y, rgb("#a9834c"))
    return cv


def market():
    cv = Canvas()
    cv.gradient(0, 260, rgb("#b3d9ee"), rgb("#f5efe0"))
    for i, (x, h, c) in enumerate(((0, 170, "#e5d4b3"), (180, 200, "#eadfc7"), (400, 160, "#dcc7a0"), (600, 210, "#e8dcc0"), (800, 180, "#e1cfa9"))):
        cv.rect(x, 300 - h + 60, x + 200, 360, rgb(c))
        for wx in range(x + 24, x + 180, 52):
            cv.rect(wx, 300 - h + 90, wx + 26, 300 - h + 126, rgb("#7d8f9b"))
    cv.rect(0, 360, 960, 600, rgb("#cbb894"))
    stripes = (("#e8772e", "#fbf3e4"), ("#2f8a63", "#fbf3e4"), ("#e8772e", "#fbf3e4"), ("#2f8a63", "#fbf3e4"))
    produce = ("#d9473b", "#f0a52f", "#7cb342", "#c0392b", "#f4d03f", "#8e5aa8")
    for i, (a, b) in enumerate(stripes):
        x = 20 + i * 235
        cv.rect(x + 8, 330, x + 14, 520, rgb("#6b5037"))
        cv.rect(x + 206, 330, x + 212, 520, rgb("#6b5037"))
        for k in range(8):
            cv.poly([(x + k * 27.5, 300), (x + (k + 1) * 27.5, 300), (x + (k + 1) * 27.5 - 4, 350), (x + k * 27.5 - 4, 350)], rgb(a if k % 2 == 0 else b))
        for k in range(8):
            cv.ellipse(x + k * 27.5 + 12, 350, 14, 8, rgb(a if k % 2 == 0 else b), a1=math.pi, a0=0)
        cv.rect(x, 440, x + 220, 470, rgb("#8b6a47"))
        cv.rect(x + 10, 470, x + 210, 520, rgb("#a3804f"))
        for j, (px, py) in enumerate(scatter(i + 5, 22, x + 12, x + 208, 426, 438)):
            cv.disc(px, py, 9, rgb(produce[(i * 2 + j % 3) % len(produce)]))
    return cv


def hygiene():
    cv = Canvas()
    cv.gradient(0, 340, rgb("#a7d3ec"), rgb("#eef2ea"))
    cloud(cv, 520, 70, 1.0, rgb("#ffffff"))
    cv.rect(0, 340, 960, 600, rgb("#d7c6a3"))
    for row, (g, s) in enumerate(((360, 0.6), (420, 0.8))):
        for i in range(7):
            x = -30 + i * 160 * s * 1.45 + row * 60
            w, h = 120 * s, 70 * s
            cv.rect(x, g - h, x + w, g, rgb("#f4f1ea") if (i + row) % 3 else rgb("#dfe9f2"))
            cv.poly([(x - 8 * s, g - h), (x + w / 2, g - h - 34 * s), (x + w + 8 * s, g - h)], rgb("#3f74a8") if i % 2 else rgb("#e6e1d4"))
            cv.rect(x + w * 0.4, g - h * 0.6, x + w * 0.6, g, rgb("#7a6550"))
    cv.rect(120, 390, 560, 520, rgb("#efe9dc"))
    cv.poly([(100, 390), (340, 320), (580, 390)], rgb("#3f74a8"))
    cv.rect(300, 420, 380, 520, rgb("#6f5a45"))
    # the covered water container with a tap, on a stand
    cv.rect(640, 470, 800, 480, rgb("#8b6a47"))
    for lx in (650, 782):
        cv.rect(lx, 480, lx + 8, 540, rgb("#6b5037"))
    cv.rect(650, 330, 790, 470, rgb("#2f7fc1"))
    cv.ellipse(720, 330, 70, 14, rgb("#4d9ad6"))
    cv.rect(690, 306, 750, 330, rgb("#1f5f96"))
    cv.rect(662, 350, 674, 450, rgb("#ffffff"), 0.25)
    cv.rect(700, 440, 740, 452, rgb("#c0c4c8"))
    cv.rect(732, 446, 742, 470, rgb("#c0c4c8"))
    cv.rect(640, 540, 800, 550, rgb("#8b6a47"), 0.4)
    cv.rect(820, 520, 880, 545, rgb("#f6e7b0"))
    cv.rect(820, 520, 880, 526, rgb("#ffffff"), 0.6)
    return cv


def helpline():
    cv = Canvas()
    cv.gradient(0, 420, rgb("#1f2f56"), rgb("#f0a868"))
    for x, y in scatter(21, 40, 0, 960, 0, 200):
        cv.disc(x, y, 1.6, rgb("#fdf6e3"), 0.8)
    cv.disc(180, 110, 34, rgb("#f6f0d8"))
    cv.disc(170, 102, 7, rgb("#e4dcc0"))
    cv.disc(192, 122, 5, rgb("#e4dcc0"))
    hill(cv, ridge(330, 40, 900, 2.8), rgb("#3f3a52"))
    hill(cv, ridge(420, 20, 700, 0.6), rgb("#2c2a3c"))
    x = 30
    for i in range(9):
        w, h = 54 + (i * 17) % 30, 38 + (i * 23) % 34
        g = 478 + (i % 3) * 6
        cv.rect(x, g - h, x + w, g + 40, rgb("#3a3548"))
        cv.rect(x - 3, g - h - 5, x + w + 3, g - h + 1, rgb("#46405a"))
        for k, wx in enumerate((x + 10, x + w - 22)):
            if (i + k) % 3:
                cv.rect(wx, g - h + 14, wx + 12, g - h + 28, rgb("#f7d37a"))
        x += w + 8 + (i % 2) * 14
    hill(cv, ridge(505, 8, 600, 1.9), rgb("#24222f"))
    # the mast
    mx, top, base = 720, 120, 330
    cv.line(mx - 34, base, mx, top, 5, rgb("#c9c4cf"))
    cv.line(mx + 34, base, mx, top, 5, rgb("#c9c4cf"))
    for k in range(5):
        y0 = base - k * 40
        y1 = y0 - 40
        w0, w1 = 34 * (y0 - top) / (base - top), 34 * (y1 - top) / (base - top)
        cv.line(mx - w0, y0, mx + w1, y1, 2.5, rgb("#c9c4cf"))
        cv.line(mx + w0, y0, mx - w1, y1, 2.5, rgb("#c9c4cf"))
    cv.rect(mx - 14, top + 20, mx - 6, top + 44, rgb("#e6e2ea"))
    cv.rect(mx + 6, top + 20, mx + 14, top + 44, rgb("#e6e2ea"))
    cv.disc(mx, top - 4, 6, rgb("#ff5a4f"))
    for r in (40, 70, 100):
        cv.arc(mx, top + 20, r, r + 5, -math.pi * 0.32, math.pi * 0.32, rgb("#fde7c2"), 0.85)
        cv.arc(mx, top + 20, r, r + 5, math.pi * 0.68, math.pi * 1.32, rgb("#fde7c2"), 0.85)
    return cv


PICTURES = {
    "cover-spring-2026.png": cover_spring,
    "cover-summer-2026.png": cover_summer,
    "cover-autumn-2026.png": cover_autumn,
    "pipeline.png": pipeline,
    "seedlings.png": seedlings,
    "classroom.png": classroom,
    "solar-pump.png": solar_pump,
    "legal-desk.png": legal_desk,
    "reading-tent.png": reading_tent,
    "school.png": school,
    "water-tank.png": water_tank,
    "olive-grove.png": olive_grove,
    "volunteers.png": volunteers,
    "mobile-clinic.png": mobile_clinic,
    "winter-kits.png": winter_kits,
    "teachers.png": teachers,
    "market.png": market,
    "hygiene.png": hygiene,
    "helpline.png": helpline,
}


def main(argv):
    os.makedirs(OUT_DIR, exist_ok=True)
    wanted = argv[1:]
    for name, draw in PICTURES.items():
        if wanted and not any(w in name for w in wanted):
            continue
        size = draw().save(os.path.join(OUT_DIR, name))
        print(f"{name:24} {size // 1024:4d} KB")


if __name__ == "__main__":
    main(sys.argv)

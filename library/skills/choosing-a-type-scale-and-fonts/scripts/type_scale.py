#!/usr/bin/env python3
"""Generate a modular type scale as CSS custom properties, optionally fluid with clamp().

Needs only the Python 3 standard library (no install step).

Usage:
  python3 scripts/type_scale.py --base 16 --ratio 1.25 --down 1 --up 5
  python3 scripts/type_scale.py --base 16 --ratio 1.2 --max-ratio 1.333 --min-vw 360 --max-vw 1280 --fluid-from 2

--ratio accepts a number or a name: minor-second (1.067), major-second (1.125), minor-third (1.2),
major-third (1.25), perfect-fourth (1.333), augmented-fourth (1.414), perfect-fifth (1.5), golden (1.618).
With --max-ratio, steps at or above --fluid-from grow from the --ratio size at --min-vw to the
--max-ratio size at --max-vw; the preferred value keeps a rem term so browser zoom still scales text.
Sizes are printed in rem (assuming a 16px root) with the pixel value in a comment.
Exits 2 with a message on invalid input.
"""

import argparse
import sys

NAMED = {
    "minor-second": 1.067,
    "major-second": 1.125,
    "minor-third": 1.2,
    "major-third": 1.25,
    "perfect-fourth": 1.333,
    "augmented-fourth": 1.414,
    "perfect-fifth": 1.5,
    "golden": 1.618,
}
ROOT_PX = 16.0


def ratio(value):
    if value in NAMED:
        return NAMED[value]
    try:
        r = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number or one of: {', '.join(NAMED)}")
    if not 1.0 < r <= 3.0:
        raise argparse.ArgumentTypeError(f"ratio {r} must be greater than 1 and at most 3")
    return r


def rem(px):
    return f"{px / ROOT_PX:.4f}".rstrip("0").rstrip(".") + "rem"


def fluid(min_px, max_px, min_vw, max_vw):
    slope = (max_px - min_px) / (max_vw - min_vw)
    intercept = min_px - slope * min_vw
    return f"clamp({rem(min_px)}, {rem(intercept)} + {slope * 100:.4f}vw, {rem(max_px)})"


def main():
    ap = argparse.ArgumentParser(description="Generate a modular type scale as CSS custom properties.")
    ap.add_argument("--base", type=float, default=16.0, help="body size in px (default 16)")
    ap.add_argument("--ratio", type=ratio, default=1.25, help="scale ratio or name (default 1.25)")
    ap.add_argument("--down", type=int, default=1, help="steps below the base (default 1)")
    ap.add_argument("--up", type=int, default=5, help="steps above the base (default 5)")
    ap.add_argument("--max-ratio", type=ratio, help="ratio at --max-vw for fluid steps")
    ap.add_argument("--min-vw", type=float, default=360.0, help="viewport width in px for the minimum size")
    ap.add_argument("--max-vw", type=float, default=1280.0, help="viewport width in px for the maximum size")
    ap.add_argument("--fluid-from", type=int, default=2, help="first step that becomes fluid (default 2)")
    ap.add_argument("--prefix", default="step", help="custom property prefix (default step)")
    args = ap.parse_args()

    if not 8 <= args.base <= 32:
        ap.error(f"--base {args.base} px is outside 8–32")
    if not (0 <= args.down <= 5 and 1 <= args.up <= 10):
        ap.error("--down must be 0–5 and --up 1–10")
    if args.max_ratio is not None:
        if args.max_ratio < args.ratio:
            ap.error("--max-ratio must be at least --ratio")
        if args.min_vw >= args.max_vw:
            ap.error("--min-vw must be smaller than --max-vw")

    print(":root {")
    for step in range(-args.down, args.up + 1):
        min_px = args.base * args.ratio**step
        name = f"--{args.prefix}-{step}" if step >= 0 else f"--{args.prefix}--{-step}"
        if args.max_ratio is not None and step >= args.fluid_from and step > 0:
            max_px = args.base * args.max_ratio**step
            value = fluid(min_px, max_px, args.min_vw, args.max_vw)
            note = f"{min_px:.1f}px → {max_px:.1f}px"
        else:
            value = rem(min_px)
            note = f"{min_px:.1f}px"
        print(f"  {name}: {value}; /* {note} */")
    print("}")


if __name__ == "__main__":
    main()

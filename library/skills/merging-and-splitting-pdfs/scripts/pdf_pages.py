#!/usr/bin/env python3
"""Merge, split and rotate PDF pages without re-rendering them.

Needs: pypdf (pip install pypdf, or apt install python3-pypdf).

Usage:
  pdf_pages.py merge OUT.pdf IN1.pdf IN2.pdf[:1-3] ...   # optional :range per input
  pdf_pages.py split IN.pdf OUTDIR [--ranges 1-2,3-5 | --every N]
  pdf_pages.py rotate IN.pdf OUT.pdf --degrees 90 [--pages 1,3-4]
  pdf_pages.py info IN.pdf                                # page count, sizes, rotation (JSON)

Page numbers are 1-based and inclusive. Exit 2 on bad input.
"""
import argparse
import json
import os
import sys


def fail(msg):
    print(f"pdf_pages: {msg}", file=sys.stderr)
    sys.exit(2)


try:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError
except ImportError:
    fail("needs pypdf: pip install pypdf (or apt install python3-pypdf)")


def open_pdf(path):
    if not os.path.isfile(path):
        fail(f"no such file: {path}")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            fail(f"{path} is encrypted; decrypt it first (qpdf --decrypt --password=PW in out)")
        len(reader.pages)
        return reader
    except PdfReadError as e:
        fail(f"cannot read {path}: {e}")


def ranges(spec, count):
    """'1-2,5' -> [[0, 1], [4]]: one list of 0-based indexes per comma-separated group."""
    groups = []
    for part in spec.split(","):
        part = part.strip()
        try:
            lo, _, hi = part.partition("-")
            lo = int(lo)
            hi = int(hi) if hi else (count if part.endswith("-") else lo)
        except ValueError:
            fail(f"bad page range {part!r} (use e.g. 1-3,5)")
        if lo < 1 or hi > count or lo > hi:
            fail(f"page range {part!r} is outside 1-{count}")
        groups.append(list(range(lo - 1, hi)))
    return groups


def write(writer, path):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "wb") as fh:
        writer.write(fh)


def cmd_merge(a):
    writer = PdfWriter()
    for item in a.inputs:
        path, _, spec = item.partition(":") if not os.path.isfile(item) else (item, "", "")
        reader = open_pdf(path)
        idx = [i for g in ranges(spec, len(reader.pages)) for i in g] if spec else range(len(reader.pages))
        for i in idx:
            writer.add_page(reader.pages[i])
    write(writer, a.out)
    print(f"wrote {a.out} ({len(writer.pages)} pages)")


def cmd_split(a):
    reader = open_pdf(a.input)
    n = len(reader.pages)
    if a.ranges:
        groups = ranges(a.ranges, n)
    else:
        step = 1 if a.every is None else a.every
        if step < 1:
            fail("--every must be >= 1")
        groups = [list(range(i, min(i + step, n))) for i in range(0, n, step)]
    stem = os.path.splitext(os.path.basename(a.input))[0]
    for g in groups:
        writer = PdfWriter()
        for i in g:
            writer.add_page(reader.pages[i])
        label = f"{g[0] + 1}" if len(g) == 1 else f"{g[0] + 1}-{g[-1] + 1}"
        out = os.path.join(a.outdir, f"{stem}_p{label}.pdf")
        write(writer, out)
        print(f"wrote {out} ({len(g)} pages)")


def cmd_rotate(a):
    if a.degrees % 90 != 0:
        fail("--degrees must be a multiple of 90")
    reader = open_pdf(a.input)
    n = len(reader.pages)
    chosen = {i for g in ranges(a.pages, n) for i in g} if a.pages else set(range(n))
    writer = PdfWriter()
    for i, page in enumerate(reader.pages):
        if i in chosen:
            page.rotate(a.degrees)
        writer.add_page(page)
    write(writer, a.out)
    print(f"wrote {a.out} (rotated {len(chosen)} of {n} pages by {a.degrees})")


def cmd_info(a):
    reader = open_pdf(a.input)
    pages = []
    for i, p in enumerate(reader.pages):
        box = p.mediabox
        pages.append({"page": i + 1, "width": float(box.width), "height": float(box.height),
                      "rotate": int(p.get("/Rotate", 0))})
    json.dump({"pages": len(pages), "detail": pages}, sys.stdout, indent=2)
    sys.stdout.write("\n")


def main():
    ap = argparse.ArgumentParser(description="Merge, split and rotate PDFs.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("merge"); m.add_argument("out"); m.add_argument("inputs", nargs="+")
    s = sub.add_parser("split"); s.add_argument("input"); s.add_argument("outdir")
    g = s.add_mutually_exclusive_group(); g.add_argument("--ranges"); g.add_argument("--every", type=int)
    r = sub.add_parser("rotate"); r.add_argument("input"); r.add_argument("out")
    r.add_argument("--degrees", type=int, required=True); r.add_argument("--pages")
    i = sub.add_parser("info"); i.add_argument("input")
    a = ap.parse_args()
    {"merge": cmd_merge, "split": cmd_split, "rotate": cmd_rotate, "info": cmd_info}[a.cmd](a)


if __name__ == "__main__":
    main()

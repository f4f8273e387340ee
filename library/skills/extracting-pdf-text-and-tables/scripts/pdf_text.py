#!/usr/bin/env python3
"""Extract the text of a PDF, page by page, to stdout (plain text or JSON).

Needs: pypdf (pip install pypdf, or apt install python3-pypdf). With --layout it runs
`pdftotext -layout` from poppler-utils instead (apt install poppler-utils), which keeps
column alignment and is the better choice for tables.

Usage:
  pdf_text.py FILE.pdf [--pages 1-3,7] [--json] [--layout] [--password PW]

Exit codes: 0 ok, 2 bad input (missing file, not a PDF, bad page range, wrong password),
3 no extractable text on any selected page (probably a scanned PDF: OCR it first).
"""
import argparse
import json
import shutil
import subprocess
import sys


def fail(msg, code=2):
    print(f"pdf_text: {msg}", file=sys.stderr)
    sys.exit(code)


def parse_pages(spec, count):
    """'1-3,7' -> [0, 1, 2, 6] (1-based, inclusive, in the order given)."""
    if not spec:
        return list(range(count))
    out = []
    for part in spec.split(","):
        part = part.strip()
        try:
            if "-" in part:
                a, b = part.split("-", 1)
                lo, hi = int(a), int(b) if b else count
            else:
                lo = hi = int(part)
        except ValueError:
            fail(f"bad page range {part!r} (use e.g. 1-3,7)")
        if lo < 1 or hi > count or lo > hi:
            fail(f"page range {part!r} is outside 1-{count}")
        out.extend(range(lo - 1, hi))
    return out


def with_pdftotext(path, index, password):
    exe = shutil.which("pdftotext")
    if not exe:
        fail("--layout needs pdftotext (apt install poppler-utils / brew install poppler)")
    n = index + 1
    cmd = [exe, "-layout", "-f", str(n), "-l", str(n)]
    if password:
        cmd += ["-upw", password]
    r = subprocess.run(cmd + [path, "-"], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"pdftotext failed on page {n}: {r.stderr.strip()}")
    return r.stdout.rstrip("\f")


def main():
    ap = argparse.ArgumentParser(description="Extract PDF text per page.")
    ap.add_argument("file")
    ap.add_argument("--pages", help="1-based pages/ranges, e.g. 1-3,7 (default: all)")
    ap.add_argument("--json", action="store_true", help="print [{page, text, chars}] as JSON")
    ap.add_argument("--layout", action="store_true", help="use pdftotext -layout (keeps columns)")
    ap.add_argument("--password", default="", help="user password of an encrypted PDF")
    args = ap.parse_args()

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        fail("needs pypdf: pip install pypdf (or apt install python3-pypdf)")

    try:
        with open(args.file, "rb") as fh:
            if not fh.read(1024).lstrip().startswith(b"%PDF"):
                fail(f"{args.file} is not a PDF (no %PDF header)")
        reader = PdfReader(args.file)
        if reader.is_encrypted:
            if not reader.decrypt(args.password):
                fail("PDF is encrypted: pass the right --password")
        count = len(reader.pages)
    except FileNotFoundError:
        fail(f"no such file: {args.file}")
    except PdfReadError as e:
        fail(f"cannot read {args.file}: {e}")

    results = []
    for i in parse_pages(args.pages, count):
        if args.layout:
            text = with_pdftotext(args.file, i, args.password)
        else:
            text = reader.pages[i].extract_text() or ""
        results.append({"page": i + 1, "text": text, "chars": len(text.strip())})

    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in results:
            sys.stdout.write(f"--- page {r['page']} ---\n{r['text'].rstrip()}\n")

    if results and all(r["chars"] == 0 for r in results):
        print("pdf_text: no text layer on the selected pages (scanned? run OCR, e.g. ocrmypdf)", file=sys.stderr)
        sys.exit(3)


if __name__ == "__main__":
    main()

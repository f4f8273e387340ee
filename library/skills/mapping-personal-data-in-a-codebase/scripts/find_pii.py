#!/usr/bin/env python3
"""Scan files for likely personal data: email addresses, phone numbers, IBANs and card numbers.

Needs only the Python 3 standard library (3.8+); nothing to install.

Usage:
    python3 scripts/find_pii.py PATH [PATH ...] [--kinds email,phone,iban,card] [--max-bytes N]

PATH may be a file or a directory (searched recursively; .git, node_modules, virtualenvs and
binary files are skipped). Each finding prints as

    path:line: kind: masked-value

Card numbers must pass the Luhn check and IBANs the ISO 7064 mod-97 check, which removes most
false positives from ids and timestamps. Values are masked so the report itself does not leak them.
Exit status: 0 when nothing was found, 1 when findings were printed, 2 on bad input.
"""
import argparse
import os
import re
import sys

SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", "dist", "build", ".next", "target"}
KINDS = ("email", "phone", "iban", "card")

EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# International (+CC ...) or common national formats with separators; 9-15 digits in total.
PHONE = re.compile(
    r"(?<![\w+.:-])(?:\+\d{1,3}[ .-]?)?"
    r"(?:\(\d{2,4}\)[ .-]?\d{2,4}(?:[ .-]\d{2,4}){1,3}|\d{2,4}(?:[ .-]\d{2,4}){2,4})"
    r"(?![\w:-]|\.\d)"
)
# Shapes that look like phone numbers but are not: dates, times, IPv4 addresses, dotted versions.
NOT_PHONE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|^\d{1,3}(?:\.\d{1,3}){3}$|^\d+(?:\.\d+)+$")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(raw: str) -> bool:
    s = raw.replace(" ", "")
    if not 15 <= len(s) <= 34:
        return False
    rearranged = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in rearranged)
    return int(num) % 97 == 1


def mask(value: str) -> str:
    if len(value) <= 4:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 4) + value[-2:]


def scan_line(line: str, kinds):
    found = []
    if "email" in kinds:
        for m in EMAIL.finditer(line):
            found.append(("email", m.group(0)))
    taken = []  # spans already reported as IBAN or card, so their digits are not re-reported as phones
    for m in IBAN.finditer(line):
        taken.append(m.span())  # IBAN-shaped, valid or not: never a phone number
        if "iban" in kinds and iban_ok(m.group(0)):
            found.append(("iban", m.group(0)))
    if "card" in kinds:
        for m in CARD.finditer(line):
            digits = re.sub(r"\D", "", m.group(0))
            if 13 <= len(digits) <= 19 and luhn_ok(digits) and len(set(digits)) > 1:
                found.append(("card", m.group(0)))
                taken.append(m.span())
    if "phone" in kinds:
        for m in PHONE.finditer(line):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if NOT_PHONE.search(m.group(0)):
                continue
            digits = re.sub(r"\D", "", m.group(0))
            if 9 <= len(digits) <= 15:
                found.append(("phone", m.group(0)))
    return found


def iter_files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
        elif os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for name in sorted(files):
                    yield os.path.join(root, name)
        else:
            print(f"find_pii: no such file or directory: {p}", file=sys.stderr)
            sys.exit(2)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Report likely personal data (email, phone, IBAN, card) as file:line.")
    ap.add_argument("paths", nargs="+", help="files or directories to scan")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated subset of: " + ", ".join(KINDS))
    ap.add_argument("--max-bytes", type=int, default=2_000_000, help="skip files larger than this (default 2 MB)")
    args = ap.parse_args(argv)

    kinds = {k.strip() for k in args.kinds.split(",") if k.strip()}
    unknown = kinds - set(KINDS)
    if not kinds or unknown:
        print(f"find_pii: unknown kind(s): {', '.join(sorted(unknown)) or '(none given)'}; use {', '.join(KINDS)}", file=sys.stderr)
        return 2

    count = 0
    for path in iter_files(args.paths):
        try:
            if os.path.getsize(path) > args.max_bytes:
                continue
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            print(f"find_pii: cannot read {path}: {exc}", file=sys.stderr)
            continue
        if b"\0" in data[:8192]:
            continue  # binary
        text = data.decode("utf-8", errors="replace")
        for lineno, line in enumerate(text.splitlines(), start=1):
            for kind, value in scan_line(line, kinds):
                print(f"{path}:{lineno}: {kind}: {mask(value)}")
                count += 1
    print(f"find_pii: {count} finding(s)", file=sys.stderr)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())

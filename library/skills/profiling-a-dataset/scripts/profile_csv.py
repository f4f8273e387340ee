#!/usr/bin/env python3
"""Profile a CSV file and print a JSON report: row count, and per column the inferred type,
null count and rate, distinct count, top values, numeric summary (min, max, mean, quartiles)
and IQR outlier count.

Needs only the Python 3 standard library (3.8+). Nothing to install.

Usage:
  python3 profile_csv.py data.csv [--delimiter ,] [--top 5] [--max-rows N] [--null-token NA ...]

Exit status: 0 on success, 2 on bad input (missing file, empty file, no header, ragged rows
beyond --max-ragged).
"""
import argparse
import csv
import json
import math
import statistics
import sys
from collections import Counter
from datetime import datetime

DEFAULT_NULLS = {"", "na", "n/a", "null", "none", "nan"}
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ")


def fail(msg):
    print(f"profile_csv: {msg}", file=sys.stderr)
    sys.exit(2)


def is_int(v):
    try:
        int(v)
        return True
    except ValueError:
        return False


def as_float(v):
    try:
        f = float(v)
    except ValueError:
        return None
    return f if math.isfinite(f) else None


def is_bool(v):
    return v.lower() in {"true", "false", "yes", "no", "t", "f"}


def is_date(v):
    for fmt in DATE_FORMATS:
        try:
            datetime.strptime(v, fmt)
            return True
        except ValueError:
            pass
    return False


def infer_type(values):
    """The narrowest type every non-null value fits: integer, float, boolean, date, else string."""
    if not values:
        return "empty"
    if all(is_int(v) for v in values):
        return "integer"
    if all(as_float(v) is not None for v in values):
        return "float"
    if all(is_bool(v) for v in values):
        return "boolean"
    if all(is_date(v) for v in values):
        return "date"
    return "string"


def quartiles(nums):
    if len(nums) < 2:
        return nums[0], nums[0], nums[0]
    q1, q2, q3 = statistics.quantiles(nums, n=4, method="inclusive")
    return q1, q2, q3


def profile_column(name, raw, nulls, top):
    present = [v for v in raw if v.strip().lower() not in nulls]
    n = len(raw)
    col = {
        "name": name,
        "type": infer_type(present),
        "nulls": n - len(present),
        "null_rate": round((n - len(present)) / n, 4) if n else 0.0,
        "distinct": len(set(present)),
    }
    col["unique"] = bool(present) and col["distinct"] == len(present)
    counts = Counter(present)
    col["top_values"] = [{"value": v, "count": c} for v, c in counts.most_common(top)]
    if col["type"] in ("integer", "float"):
        nums = sorted(float(v) for v in present)
        q1, med, q3 = quartiles(nums)
        iqr = q3 - q1
        lo, hi = q1 - 1.5 * iqr, q3 + 1.5 * iqr
        col["numeric"] = {
            "min": nums[0],
            "max": nums[-1],
            "mean": round(statistics.fmean(nums), 6),
            "stdev": round(statistics.stdev(nums), 6) if len(nums) > 1 else 0.0,
            "p25": q1,
            "median": med,
            "p75": q3,
            "outliers_iqr": sum(1 for x in nums if x < lo or x > hi),
        }
    elif col["type"] == "string" and present:
        lengths = [len(v) for v in present]
        col["length"] = {"min": min(lengths), "max": max(lengths)}
        col["whitespace_padded"] = sum(1 for v in present if v != v.strip())
    return col


def main():
    ap = argparse.ArgumentParser(description="Profile a CSV file to JSON.")
    ap.add_argument("path")
    ap.add_argument("--delimiter", default=",")
    ap.add_argument("--top", type=int, default=5, help="top values per column (default 5)")
    ap.add_argument("--max-rows", type=int, default=0, help="profile only the first N rows (0 = all)")
    ap.add_argument("--max-ragged", type=int, default=0, help="rows with the wrong field count to tolerate")
    ap.add_argument("--null-token", action="append", default=[], help="extra value to treat as null")
    args = ap.parse_args()

    nulls = DEFAULT_NULLS | {t.lower() for t in args.null_token}
    try:
        fh = open(args.path, newline="", encoding="utf-8-sig")
    except OSError as e:
        fail(f"cannot open {args.path}: {e.strerror}")
    with fh:
        try:
            reader = csv.reader(fh, delimiter=args.delimiter)
            header = next(reader, None)
            if not header or all(not h.strip() for h in header):
                fail(f"{args.path} has no header row")
            dupes = [h for h, c in Counter(header).items() if c > 1]
            columns = [[] for _ in header]
            rows = ragged = 0
            for line_no, row in enumerate(reader, start=2):
                if not row:
                    continue
                if len(row) != len(header):
                    ragged += 1
                    if ragged > args.max_ragged:
                        fail(f"line {line_no}: {len(row)} fields, header has {len(header)} (use --max-ragged to tolerate)")
                    continue
                for i, v in enumerate(row):
                    columns[i].append(v)
                rows += 1
                if args.max_rows and rows >= args.max_rows:
                    break
        except (csv.Error, UnicodeDecodeError) as e:
            fail(f"cannot parse {args.path}: {e}")

    report = {
        "file": args.path,
        "rows": rows,
        "columns": len(header),
        "ragged_rows_skipped": ragged,
        "duplicate_column_names": dupes,
        "profile": [profile_column(h, columns[i], nulls, args.top) for i, h in enumerate(header)],
    }
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

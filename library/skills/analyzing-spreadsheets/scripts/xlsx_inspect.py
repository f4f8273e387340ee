#!/usr/bin/env python3
"""Inspect an .xlsx workbook: sheets, used ranges, formulas vs their cached values; dump ranges as CSV/JSON.

Needs: openpyxl (pip install openpyxl, or apt install python3-openpyxl).

Usage:
  xlsx_inspect.py summary BOOK.xlsx                 # JSON: sheets, dimensions, formula counts, merged cells
  xlsx_inspect.py dump BOOK.xlsx [--sheet NAME] [--range A1:D20] [--format csv|json] [--formulas]
  xlsx_inspect.py formulas BOOK.xlsx [--sheet NAME] # JSON: every formula cell with its cached value

Values are the ones Excel last saved (openpyxl never calculates). A formula whose cached value
is empty means the file was written by a program that does not calculate (openpyxl itself, many
exporters): open and save it in Excel/LibreOffice, or recalculate headless, before trusting it.
Exit 2 on bad input (missing file, .xls/.csv given, unknown sheet, bad range).
"""
import csv
import datetime
import json
import os
import sys


def fail(msg):
    print(f"xlsx_inspect: {msg}", file=sys.stderr)
    sys.exit(2)


try:
    import openpyxl
    from openpyxl.utils.cell import range_boundaries
except ImportError:
    fail("needs openpyxl: pip install openpyxl (or apt install python3-openpyxl)")


def load(path):
    if not os.path.isfile(path):
        fail(f"no such file: {path}")
    if path.lower().endswith((".xls", ".csv", ".ods")):
        fail(f"{path}: openpyxl reads .xlsx/.xlsm only; convert first (libreoffice --headless --convert-to xlsx)")
    try:
        formulas = openpyxl.load_workbook(path, data_only=False)
        values = openpyxl.load_workbook(path, data_only=True)
    except Exception as e:
        fail(f"cannot open {path}: {e}")
    return formulas, values


def sheet(book, name):
    if name is None:
        return book.worksheets[0]
    if name not in book.sheetnames:
        fail(f"no sheet {name!r}; sheets are {book.sheetnames}")
    return book[name]


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        return v.total_seconds()
    return v


def is_formula(v):
    return isinstance(v, str) and v.startswith("=")


def cmd_summary(path):
    fbook, vbook = load(path)
    out = []
    for ws in fbook.worksheets:
        vws = vbook[ws.title]
        n_formulas = uncached = 0
        for row in ws.iter_rows():
            for c in row:
                if is_formula(c.value):
                    n_formulas += 1
                    if vws[c.coordinate].value is None:
                        uncached += 1
        out.append({
            "sheet": ws.title,
            "state": ws.sheet_state,
            "dimensions": ws.dimensions,
            "max_row": ws.max_row,
            "max_column": ws.max_column,
            "formulas": n_formulas,
            "formulas_without_cached_value": uncached,
            "merged": [str(r) for r in ws.merged_cells.ranges],
            "freeze_panes": ws.freeze_panes,
        })
    names = list(fbook.defined_names.definedName) if hasattr(fbook.defined_names, "definedName") else list(fbook.defined_names.values())
    json.dump({"file": path, "sheets": out, "defined_names": [n.name for n in names]}, sys.stdout, indent=2)
    sys.stdout.write("\n")


def grid(ws, rng):
    if rng:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(rng)
        except (ValueError, TypeError):
            fail(f"bad range {rng!r} (use e.g. A1:D20)")
        # whole columns (A:C) or rows (2:5) leave some bounds open: fill them from the used range
        return ws.iter_rows(min_row=min_row or 1, max_row=max_row or ws.max_row,
                            min_col=min_col or 1, max_col=max_col or ws.max_column)
    return ws.iter_rows()


def cmd_dump(path, name, rng, fmt, show_formulas):
    fbook, vbook = load(path)
    ws = sheet(fbook if show_formulas else vbook, name)
    rows = [[plain(c.value) for c in row] for row in grid(ws, rng)]
    if fmt == "json":
        json.dump(rows, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        w = csv.writer(sys.stdout, lineterminator="\n")
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def cmd_formulas(path, name):
    fbook, vbook = load(path)
    sheets = [sheet(fbook, name)] if name else fbook.worksheets
    out = []
    for ws in sheets:
        for row in ws.iter_rows():
            for c in row:
                if is_formula(c.value):
                    out.append({"sheet": ws.title, "cell": c.coordinate, "formula": c.value,
                                "cached": plain(vbook[ws.title][c.coordinate].value)})
    json.dump(out, sys.stdout, indent=2, default=str)
    sys.stdout.write("\n")


def opt(args, flag, default=None):
    if flag in args:
        k = args.index(flag)
        if k + 1 >= len(args):
            fail(f"{flag} needs a value")
        value = args[k + 1]
        del args[k:k + 2]
        return value
    return default


def main():
    args = sys.argv[1:]
    name = opt(args, "--sheet")
    rng = opt(args, "--range")
    fmt = opt(args, "--format", "csv")
    show_formulas = "--formulas" in args
    args = [a for a in args if a != "--formulas"]
    if fmt not in ("csv", "json"):
        fail("--format is csv or json")
    if len(args) == 2 and args[0] == "summary":
        cmd_summary(args[1])
    elif len(args) == 2 and args[0] == "dump":
        cmd_dump(args[1], name, rng, fmt, show_formulas)
    elif len(args) == 2 and args[0] == "formulas":
        cmd_formulas(args[1], name)
    else:
        fail("usage: xlsx_inspect.py summary|dump|formulas BOOK.xlsx [--sheet S] [--range A1:D9] [--format csv|json] [--formulas]")


if __name__ == "__main__":
    main()

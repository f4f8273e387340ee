#!/usr/bin/env python3
"""Build an .xlsx from a JSON spec: typed columns, number formats, formulas, totals, freeze panes, filters.

Needs: openpyxl (pip install openpyxl, or apt install python3-openpyxl).

Usage:
  xlsx_build.py SPEC.json OUT.xlsx

SPEC.json:
  {"sheets": [{
     "name": "Sales",
     "columns": [{"header": "Region", "width": 14},
                 {"header": "Units", "format": "#,##0"},
                 {"header": "Price", "format": "#,##0.00"},
                 {"header": "Revenue", "format": "#,##0.00", "formula": "=B{row}*C{row}"}],
     "rows": [["EU", 120, 9.5], ["US", 80, 11]],
     "totals": {"label": "Total", "sum": ["Units", "Revenue"]},
     "freeze": "A2", "autofilter": true
  }]}

A column with "formula" is computed per row: {row} is replaced by the row number, and the cell
is left out of "rows". Any string cell starting with "=" is written as a formula. openpyxl does not
calculate formulas: the file has no cached results until Excel or LibreOffice recalculates it
(e.g. `libreoffice --headless --convert-to xlsx --outdir out/ OUT.xlsx`). Exit 2 on a bad spec.
"""
import json
import sys


def fail(msg):
    print(f"xlsx_build: {msg}", file=sys.stderr)
    sys.exit(2)


try:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.cell import coordinate_from_string
except ImportError:
    fail("needs openpyxl: pip install openpyxl (or apt install python3-openpyxl)")

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def build_sheet(ws, spec, where):
    cols = spec.get("columns")
    if not isinstance(cols, list) or not cols or any("header" not in c for c in cols):
        fail(f"{where}: 'columns' must be a list of objects with a 'header'")
    names = [c["header"] for c in cols]
    computed = [i for i, c in enumerate(cols) if "formula" in c]
    inputs = [i for i in range(len(cols)) if i not in computed]

    for j, c in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=j, value=c["header"])
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[get_column_letter(j)].width = c.get("width", max(10, len(str(c["header"])) + 2))

    rows = spec.get("rows", [])
    for r, values in enumerate(rows, start=2):
        if not isinstance(values, list) or len(values) != len(inputs):
            fail(f"{where}: row {r - 1} needs {len(inputs)} values (the non-formula columns)")
        it = iter(values)
        for j, c in enumerate(cols, start=1):
            v = c["formula"].replace("{row}", str(r)) if "formula" in c else next(it)
            cell = ws.cell(row=r, column=j, value=v)
            if "formula" not in c and isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # input data stays text: no formula injection from rows
            if "format" in c:
                cell.number_format = c["format"]

    last = len(rows) + 1
    totals = spec.get("totals")
    if totals:
        t = last + 1
        ws.cell(row=t, column=1, value=totals.get("label", "Total")).font = HEADER_FONT
        for name in totals.get("sum", []):
            if name not in names:
                fail(f"{where}: totals.sum names unknown column {name!r}")
            j = names.index(name) + 1
            letter = get_column_letter(j)
            cell = ws.cell(row=t, column=j, value=f"=SUM({letter}2:{letter}{last})")
            cell.font = HEADER_FONT
            if "format" in cols[j - 1]:
                cell.number_format = cols[j - 1]["format"]

    if "freeze" in spec:
        try:
            coordinate_from_string(spec["freeze"])
        except ValueError:
            fail(f"{where}: freeze must be a cell like A2")
        ws.freeze_panes = spec["freeze"]
    if spec.get("autofilter") and rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{last}"


def main():
    if len(sys.argv) != 3:
        fail("usage: xlsx_build.py SPEC.json OUT.xlsx")
    try:
        with open(sys.argv[1], encoding="utf-8") as fh:
            spec = json.load(fh)
    except (OSError, json.JSONDecodeError) as e:
        fail(f"cannot read spec: {e}")
    sheets = spec.get("sheets") if isinstance(spec, dict) else None
    if not isinstance(sheets, list) or not sheets:
        fail("spec needs a non-empty 'sheets' list")
    wb = Workbook()
    wb.remove(wb.active)
    for k, s in enumerate(sheets):
        name = str(s.get("name", f"Sheet{k + 1}"))
        if len(name) > 31 or any(ch in name for ch in "[]:*?/\\"):
            fail(f"sheet name {name!r}: at most 31 characters, none of []:*?/\\")
        build_sheet(wb.create_sheet(title=name), s, f"sheet {name!r}")
    wb.save(sys.argv[2])
    print(f"wrote {sys.argv[2]} ({len(sheets)} sheet(s))")


if __name__ == "__main__":
    main()

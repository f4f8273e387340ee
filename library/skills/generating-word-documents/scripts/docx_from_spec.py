#!/usr/bin/env python3
"""Build a .docx from a JSON spec: headings, paragraphs, lists, tables, page breaks, header/footer.

Needs: python-docx (pip install python-docx, or apt install python3-docx).

Usage:
  docx_from_spec.py SPEC.json OUT.docx [--template TEMPLATE.docx]

SPEC.json:
  {
    "properties": {"title": "Q3 report", "author": "Ops"},          # optional core properties
    "header": "Acme Ltd - confidential", "footer": "Generated 2026-12-03",  # optional
    "blocks": [
      {"type": "heading", "text": "Summary", "level": 1},           # level 0 = Title style
      {"type": "paragraph", "text": "Plain text", "style": "Normal", "bold": false},
      {"type": "bullets", "items": ["one", "two"]},                 # or "numbered"
      {"type": "table", "header": ["Region", "Revenue"], "rows": [["EU", "1,200"]], "style": "Table Grid"},
      {"type": "pagebreak"}
    ]
  }

Styles must exist in the template (the default template has Normal, Title, Heading 1-9,
List Bullet, List Number, Table Grid, ...). An unknown block type or style exits 2.
"""
import json
import os
import sys


def fail(msg):
    print(f"docx_from_spec: {msg}", file=sys.stderr)
    sys.exit(2)


try:
    import docx
    from docx.enum.text import WD_BREAK
except ImportError:
    fail("needs python-docx: pip install python-docx (or apt install python3-docx)")


def style_names(document):
    return {s.name for s in document.styles}


def need_style(document, name, where):
    if name not in style_names(document):
        fail(f"{where}: style {name!r} is not in the template")
    return name


def text_of(block, i, key="text"):
    v = block.get(key)
    if not isinstance(v, str):
        fail(f"block {i}: {key!r} must be a string")
    return v


def build(spec, template):
    document = docx.Document(template) if template else docx.Document()
    props = spec.get("properties", {})
    for key in ("title", "author", "subject", "keywords"):
        if key in props:
            setattr(document.core_properties, key, str(props[key]))
    section = document.sections[0]
    if "header" in spec:
        section.header.paragraphs[0].text = str(spec["header"])
    if "footer" in spec:
        section.footer.paragraphs[0].text = str(spec["footer"])

    blocks = spec.get("blocks")
    if not isinstance(blocks, list) or not blocks:
        fail("spec needs a non-empty 'blocks' list")
    for i, b in enumerate(blocks):
        kind = b.get("type") if isinstance(b, dict) else None
        if kind == "heading":
            level = b.get("level", 1)
            if not isinstance(level, int) or not 0 <= level <= 9:
                fail(f"block {i}: heading level must be 0-9")
            need_style(document, "Title" if level == 0 else f"Heading {level}", f"block {i}")
            document.add_heading(text_of(b, i), level=level)
        elif kind == "paragraph":
            style = need_style(document, b.get("style", "Normal"), f"block {i}")
            par = document.add_paragraph(style=style)
            run = par.add_run(text_of(b, i))
            run.bold = bool(b.get("bold")) or None
            run.italic = bool(b.get("italic")) or None
        elif kind in ("bullets", "numbered"):
            style = need_style(document, "List Bullet" if kind == "bullets" else "List Number", f"block {i}")
            items = b.get("items")
            if not isinstance(items, list) or not items:
                fail(f"block {i}: {kind} needs a non-empty 'items' list")
            for item in items:
                document.add_paragraph(str(item), style=style)
        elif kind == "table":
            header, rows = b.get("header"), b.get("rows", [])
            if not isinstance(header, list) or not header:
                fail(f"block {i}: table needs a 'header' list")
            if any(not isinstance(r, list) or len(r) != len(header) for r in rows):
                fail(f"block {i}: every row needs {len(header)} cells")
            table = document.add_table(rows=1 + len(rows), cols=len(header))
            table.style = need_style(document, b.get("style", "Table Grid"), f"block {i}")
            for c, h in enumerate(header):
                cell = table.rows[0].cells[c]
                cell.text = str(h)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for r, row in enumerate(rows, start=1):
                for c, v in enumerate(row):
                    table.rows[r].cells[c].text = "" if v is None else str(v)
        elif kind == "pagebreak":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            fail(f"block {i}: unknown type {kind!r} (heading, paragraph, bullets, numbered, table, pagebreak)")
    return document


def main():
    args = sys.argv[1:]
    template = None
    if "--template" in args:
        k = args.index("--template")
        if k + 1 >= len(args):
            fail("--template needs a path")
        template = args[k + 1]
        del args[k:k + 2]
        if not os.path.isfile(template):
            fail(f"no such template: {template}")
    if len(args) != 2:
        fail("usage: docx_from_spec.py SPEC.json OUT.docx [--template T.docx]")
    try:
        with open(args[0], encoding="utf-8") as fh:
            spec = json.load(fh)
    except (OSError, json.JSONDecodeError) as e:
        fail(f"cannot read spec {args[0]}: {e}")
    if not isinstance(spec, dict):
        fail("spec must be a JSON object")
    document = build(spec, template)
    document.save(args[1])
    print(f"wrote {args[1]} ({len(spec['blocks'])} blocks)")


if __name__ == "__main__":
    main()

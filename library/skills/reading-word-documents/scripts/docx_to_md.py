#!/usr/bin/env python3
"""Convert a .docx to Markdown: headings, paragraphs, lists, bold/italic and tables, in document order.

Needs: python-docx (pip install python-docx, or apt install python3-docx).

Usage:
  docx_to_md.py FILE.docx [--no-formatting]

Prints Markdown to stdout. Headers/footers, footnotes, comments, text boxes and tracked-change
metadata are not part of the body and are not printed (a note on stderr says when the file has
tracked changes or comments, so you know something was left out). Exit 2 on bad input.
"""
import re
import sys
import zipfile


def fail(msg):
    print(f"docx_to_md: {msg}", file=sys.stderr)
    sys.exit(2)


try:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
except ImportError:
    fail("needs python-docx: pip install python-docx (or apt install python3-docx)")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def para_runs(par):
    """Runs in document order, including those inside tracked insertions and hyperlinks, which
    python-docx's paragraph.runs (and, before 1.0, paragraph.text) leave out."""
    return [Run(r, par) for r in par._p.xpath(
        "./w:r | ./w:ins/w:r | ./w:hyperlink/w:r | ./w:ins/w:hyperlink/w:r")]


def para_text(par):
    return "".join(run.text for run in para_runs(par))


def runs_text(par, formatting):
    if not formatting:
        return para_text(par)
    out = []
    for run in para_runs(par):
        t = run.text
        if not t:
            continue
        core = t.strip()
        if core and (run.bold or run.italic):
            mark = "***" if run.bold and run.italic else "**" if run.bold else "*"
            lead, trail = t[: len(t) - len(t.lstrip())], t[len(t.rstrip()):]
            t = f"{lead}{mark}{core}{mark}{trail}"
        out.append(t)
    return "".join(out) or para_text(par)


def list_level(par):
    """Nesting level if the paragraph is a list item (numPr or a List style), else None."""
    ppr = par._p.pPr
    if ppr is not None and ppr.numPr is not None:
        ilvl = ppr.numPr.ilvl
        return int(ilvl.val) if ilvl is not None else 0
    name = (par.style.name or "") if par.style is not None else ""
    if name.startswith("List"):
        m = re.search(r"(\d+)$", name)
        return int(m.group(1)) - 1 if m else 0
    return None


def paragraph_md(par, formatting):
    text = runs_text(par, formatting).strip()
    if not text:
        return None
    style = (par.style.name or "") if par.style is not None else ""
    if style == "Title":
        return f"# {para_text(par).strip()}"
    m = re.match(r"Heading (\d)", style)
    if m:
        return f"{'#' * min(int(m.group(1)), 6)} {para_text(par).strip()}"
    level = list_level(par)
    if level is not None:
        bullet = "1." if "Number" in style else "-"
        return f"{'  ' * level}{bullet} {text}"
    return text


def cell_text(cell):
    return " ".join(para_text(p).strip() for p in cell.paragraphs if para_text(p).strip()).replace("|", "\\|")


def table_md(table):
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # merged cells repeat the same underlying element; print them once
            key = id(cell._tc)
            cells.append("" if key in seen else cell_text(cell))
            seen.add(key)
        rows.append(cells)
    if not rows:
        return None
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    formatting = "--no-formatting" not in sys.argv
    if len(args) != 1:
        fail("usage: docx_to_md.py FILE.docx [--no-formatting]")
    path = args[0]
    if not zipfile.is_zipfile(path):
        fail(f"{path} is not a .docx (not a zip package; a legacy .doc needs converting first)")
    try:
        document = docx.Document(path)
    except Exception as e:  # python-docx raises several types for non-Word packages
        fail(f"cannot open {path} as Word: {e}")

    blocks = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == W + "p":
            md = paragraph_md(Paragraph(child, document), formatting)
        elif child.tag == W + "tbl":
            md = table_md(Table(child, document))
        else:
            md = None
        if md:
            blocks.append(md)

    # list items stay together; other blocks are separated by blank lines
    def marker(block):
        m = re.match(r"\s*(-|1\.) ", block)
        return m.group(1) if m else None

    out = []
    for b in blocks:
        if out and not (marker(b) and marker(b) == marker(out[-1])):
            out.append("")
        out.append(b)
    sys.stdout.write("\n".join(out) + "\n")

    xml = body.xml
    if "<w:ins " in xml or "<w:del " in xml:
        print("docx_to_md: the document has tracked changes; text shown includes insertions, not deletions", file=sys.stderr)
    with zipfile.ZipFile(path) as z:
        if "word/comments.xml" in z.namelist():
            print("docx_to_md: the document has comments (word/comments.xml), not included", file=sys.stderr)


if __name__ == "__main__":
    main()

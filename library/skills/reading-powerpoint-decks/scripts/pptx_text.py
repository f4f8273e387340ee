#!/usr/bin/env python3
"""Print the text and speaker notes of a .pptx, slide by slide in presentation order.

Needs: only the Python 3 standard library (zipfile + xml.etree).

Usage:
  pptx_text.py DECK.pptx [--json] [--no-notes]

Reads ppt/presentation.xml for the slide order (not the file names: slide7.xml can be the
second slide), then each slide's shapes in document order (titles first when marked as title
placeholders), tables row by row, and the notes slide linked from the slide's relationships.
Hidden slides are included and flagged. Exit 2 on bad input.
"""
import json
import posixpath
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
R_ID = "{%s}id" % NS["r"]


def fail(msg):
    print(f"pptx_text: {msg}", file=sys.stderr)
    sys.exit(2)


def rels(z, part):
    """Relationship id -> (type suffix, target part path) for a part like ppt/slides/slide1.xml."""
    folder, name = posixpath.split(part)
    path = posixpath.join(folder, "_rels", name + ".rels")
    if path not in z.namelist():
        return {}
    out = {}
    for rel in ET.fromstring(z.read(path)).findall("rel:Relationship", NS):
        target = rel.get("Target")
        if rel.get("TargetMode") == "External":
            continue
        full = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
        out[rel.get("Id")] = (rel.get("Type").rsplit("/", 1)[-1], full)
    return out


def paragraphs(el):
    """Text of each a:p under el, with bullet level indentation."""
    lines = []
    for p in el.iter("{%s}p" % NS["a"]):
        text = "".join(t.text or "" for t in p.iter("{%s}t" % NS["a"]))
        if text.strip():
            ppr = p.find("a:pPr", NS)
            lvl = int(ppr.get("lvl", "0")) if ppr is not None else 0
            lines.append("  " * lvl + text.strip())
    return lines


def shape_blocks(tree):
    title, body = [], []
    for sp in tree.iter():
        tag = sp.tag.rsplit("}", 1)[-1]
        if tag == "sp":
            ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
            tx = sp.find("p:txBody", NS)
            if tx is None:
                continue
            lines = paragraphs(tx)
            if ph is not None and ph.get("type") in ("title", "ctrTitle"):
                title.extend(lines)
            else:
                body.extend(lines)
        elif tag == "tbl":
            for tr in sp.findall("a:tr", NS):
                cells = [" ".join(paragraphs(tc)) for tc in tr.findall("a:tc", NS)]
                body.append("| " + " | ".join(cells) + " |")
    return title, body


def notes_text(z, notes_part):
    tree = ET.fromstring(z.read(notes_part))
    lines = []
    for sp in tree.iter("{%s}sp" % NS["p"]):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        # the notes body is the 'body' placeholder; skip the slide image and slide number
        if ph is not None and ph.get("type") == "body":
            tx = sp.find("p:txBody", NS)
            if tx is not None:
                lines.extend(paragraphs(tx))
    return "\n".join(lines)


def read_deck(path, with_notes=True):
    if not zipfile.is_zipfile(path):
        fail(f"{path} is not a .pptx (not a zip package; a legacy .ppt needs converting first)")
    with zipfile.ZipFile(path) as z:
        if "ppt/presentation.xml" not in z.namelist():
            fail(f"{path} has no ppt/presentation.xml: not a PowerPoint package")
        pres = ET.fromstring(z.read("ppt/presentation.xml"))
        pres_rels = rels(z, "ppt/presentation.xml")
        slides = []
        for n, sld in enumerate(pres.findall("p:sldIdLst/p:sldId", NS), start=1):
            _, part = pres_rels[sld.get(R_ID)]
            tree = ET.fromstring(z.read(part))
            title, body = shape_blocks(tree)
            entry = {"slide": n, "part": part, "hidden": tree.get("show") == "0",
                     "title": " ".join(title), "text": body}
            if with_notes:
                notes = [t for kind, t in rels(z, part).values() if kind == "notesSlide"]
                entry["notes"] = notes_text(z, notes[0]) if notes else ""
            slides.append(entry)
        return slides


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        fail("usage: pptx_text.py DECK.pptx [--json] [--no-notes]")
    slides = read_deck(args[0], with_notes="--no-notes" not in sys.argv)
    if "--json" in sys.argv:
        json.dump(slides, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    for s in slides:
        head = f"## Slide {s['slide']}" + (f": {s['title']}" if s["title"] else "") + (" (hidden)" if s["hidden"] else "")
        print(head)
        for line in s["text"]:
            print(line if line.startswith("|") else f"- {line}" if not line.startswith(" ") else f"  - {line.strip()}")
        if s.get("notes"):
            print("\nNotes: " + s["notes"].replace("\n", "\n  "))
        print()


if __name__ == "__main__":
    main()

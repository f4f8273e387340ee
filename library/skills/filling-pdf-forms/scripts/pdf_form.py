#!/usr/bin/env python3
"""List and fill the AcroForm fields of a PDF.

Needs: pypdf (pip install pypdf, or apt install python3-pypdf).

Usage:
  pdf_form.py list FORM.pdf                      # JSON: name, type, value, options per field
  pdf_form.py fill FORM.pdf VALUES.json OUT.pdf

VALUES.json is an object {"field name": "value", ...}. Checkboxes take true/false (or the
export value, e.g. "/Yes"); choice fields take one of their options. Unknown field names
and invalid choices are errors (exit 2): a typo must not silently leave a field blank.
XFA-only forms (no AcroForm fields) are reported, not filled.
"""
import json
import os
import sys


def fail(msg, code=2):
    print(f"pdf_form: {msg}", file=sys.stderr)
    sys.exit(code)


try:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject
except ImportError:
    fail("needs pypdf: pip install pypdf (or apt install python3-pypdf)")

TYPES = {"/Tx": "text", "/Btn": "button", "/Ch": "choice", "/Sig": "signature"}


def load(path):
    if not os.path.isfile(path):
        fail(f"no such file: {path}")
    reader = PdfReader(path)
    if reader.is_encrypted and not reader.decrypt(""):
        fail("the form is encrypted; decrypt it first")
    return reader


def describe(reader):
    fields = reader.get_fields() or {}
    out = []
    for name, f in fields.items():
        ftype = TYPES.get(f.get("/FT"), str(f.get("/FT")))
        if ftype == "button":
            ftype = "checkbox"
            flags = int(f.get("/Ff", 0))
            if flags & (1 << 16):
                ftype = "pushbutton"
            elif flags & (1 << 15):
                ftype = "radio"
        value = f.get("/V")
        item = {"name": name, "type": ftype, "value": None if value is None else str(value)}
        if "/Opt" in f:
            item["options"] = [str(o[-1] if isinstance(o, list) else o) for o in f["/Opt"]]
        states = f.get("/_States_")
        if states:
            item["states"] = [str(s) for s in states]
        out.append(item)
    return out


def qualified_name(annot):
    """The full field name of a widget (parent names joined with '.'), as get_fields() reports it."""
    parts, node = [], annot
    while node is not None:
        node = node.get_object()
        if "/T" in node:
            parts.append(str(node["/T"]))
        node = node.get("/Parent")
    return ".".join(reversed(parts)) or None


def ap_states(annot):
    ap = annot["/AP"] if "/AP" in annot else {}
    return list((ap["/N"] if "/N" in ap else {}).keys())


def on_state(reader, name):
    """The 'on' appearance state of a checkbox widget (often /Yes, sometimes /On or /1)."""
    for page in reader.pages:
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            if qualified_name(annot) == name:
                ap = ap_states(annot)
                for key in ap:
                    if key != "/Off":
                        return key
    return "/Yes"


def cmd_fill(form, values_path, out):
    reader = load(form)
    fields = {f["name"]: f for f in describe(reader)}
    if not fields:
        root = reader.trailer["/Root"]
        xfa = "/AcroForm" in root and "/XFA" in root["/AcroForm"]
        fail("no AcroForm fields" + (" (XFA form: needs a different tool)" if xfa else ""))
    try:
        with open(values_path, encoding="utf-8") as fh:
            values = json.load(fh)
    except (OSError, json.JSONDecodeError) as e:
        fail(f"cannot read {values_path}: {e}")
    if not isinstance(values, dict):
        fail("VALUES.json must be an object of field name -> value")
    unknown = [k for k in values if k not in fields]
    if unknown:
        fail(f"unknown field(s): {', '.join(unknown)}; run `list` for the names")

    prepared = {}
    for name, v in values.items():
        kind = fields[name]["type"]
        if kind in ("checkbox", "radio"):
            if isinstance(v, bool):
                if kind == "radio":
                    fail(f"{name}: a radio group takes the export value of one button, not true/false")
                v = on_state(reader, name) if v else "/Off"
            prepared[name] = NameObject(v if str(v).startswith("/") else "/" + str(v))
        elif kind == "choice" and fields[name].get("options") and str(v) not in fields[name]["options"]:
            fail(f"{name}: {v!r} is not one of {fields[name]['options']}")
        else:
            prepared[name] = str(v)

    writer = PdfWriter()
    writer.clone_document_from_reader(reader)
    text_values = {k: v for k, v in prepared.items() if not isinstance(v, NameObject)}
    for page in writer.pages:
        if text_values:
            writer.update_page_form_field_values(page, text_values)
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            name = qualified_name(annot)
            if name in prepared and isinstance(prepared[name], NameObject):
                target = annot["/Parent"].get_object() if "/Parent" in annot and "/T" not in annot else annot
                target[NameObject("/V")] = prepared[name]
                # each widget shows the value only if it has that state (one button of a radio group)
                states = ap_states(annot)
                on = prepared[name] in states or not states
                annot[NameObject("/AS")] = prepared[name] if on else NameObject("/Off")
    # Ask viewers to regenerate appearances so the new values are visible everywhere.
    writer.set_need_appearances_writer()
    with open(out, "wb") as fh:
        writer.write(fh)

    check = {f["name"]: f["value"] for f in describe(PdfReader(out))}
    missing = [k for k, v in prepared.items() if check.get(k) != str(v)]
    if missing:
        fail(f"wrote {out} but these fields did not take their value: {', '.join(missing)}", 1)
    print(f"filled {len(prepared)} field(s) into {out}")


def main():
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "list":
        json.dump(describe(load(args[1])), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif len(args) == 4 and args[0] == "fill":
        cmd_fill(args[1], args[2], args[3])
    else:
        fail(__doc__.split("Usage:")[1].split("VALUES.json")[0].rstrip())


if __name__ == "__main__":
    main()

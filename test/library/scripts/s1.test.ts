import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { pythonWith, runPython } from "./python.js";

const SKILLS = resolve(__dirname, "../../../library/skills");
const script = (skill: string, file: string) => join(SKILLS, skill, "scripts", file);
const tmp = () => mkdtempSync(join(tmpdir(), "cadre-s1-"));

/** Writes PDFs with real text (Helvetica, one line per string) and optional AcroForm widgets. */
const MAKE_PDF = `
import sys, json
from pypdf import PdfWriter
from pypdf.generic import (DictionaryObject, NameObject, DecodedStreamObject, ArrayObject,
    TextStringObject, FloatObject)
spec = json.loads(sys.argv[2])
w = PdfWriter()
font = w._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
    NameObject("/Subtype"): NameObject("/Type1"), NameObject("/BaseFont"): NameObject("/Helvetica")}))
fields = ArrayObject()
for p in spec["pages"]:
    page = w.add_blank_page(612, 792)
    ops = [f"BT /F1 12 Tf 72 {740 - 20 * i} Td ({t}) Tj ET" for i, t in enumerate(p.get("lines", []))]
    s = DecodedStreamObject(); s.set_data("\\n".join(ops).encode())
    page[NameObject("/Contents")] = w._add_object(s)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    annots = ArrayObject()
    for i, f in enumerate(p.get("fields", [])):
        d = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/T"): TextStringObject(f["name"]), NameObject("/FT"): NameObject(f.get("ft", "/Tx")),
            NameObject("/Rect"): ArrayObject([FloatObject(200), FloatObject(600 - 40 * i), FloatObject(400), FloatObject(620 - 40 * i)]),
            NameObject("/DA"): TextStringObject("/Helv 0 Tf 0 g")})
        if "opts" in f:
            d[NameObject("/Opt")] = ArrayObject([TextStringObject(o) for o in f["opts"]])
        if f.get("ft") == "/Btn":
            n = DictionaryObject()
            for state in ("/Yes", "/Off"):
                st = DecodedStreamObject(); st.set_data(b"")
                n[NameObject(state)] = w._add_object(st)
            d[NameObject("/AP")] = DictionaryObject({NameObject("/N"): n})
            d[NameObject("/AS")] = NameObject("/Off")
        ref = w._add_object(d); annots.append(ref); fields.append(ref)
    if annots:
        page[NameObject("/Annots")] = annots
if len(fields):
    w._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): fields,
        NameObject("/DA"): TextStringObject("/Helv 0 Tf 0 g"),
        NameObject("/DR"): DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/Helv"): font})})})
with open(sys.argv[1], "wb") as fh:
    w.write(fh)
`;

interface PageSpec {
  lines?: string[];
  fields?: { name: string; ft?: string; opts?: string[] }[];
}

function makePdf(py: string, dir: string, name: string, pages: PageSpec[]): string {
  const maker = join(dir, "make_pdf.py");
  writeFileSync(maker, MAKE_PDF);
  const out = join(dir, name);
  const r = runPython(py, [maker, out, JSON.stringify({ pages })]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return out;
}

describe("extracting-pdf-text-and-tables: pdf_text.py", () => {
  const py = pythonWith(["pypdf"]);
  const s = script("extracting-pdf-text-and-tables", "pdf_text.py");

  it("prints each page's text under a page marker, and JSON for a range", () => {
    const dir = tmp();
    const pdf = makePdf(py, dir, "a.pdf", [
      { lines: ["Alpha page one", "Invoice 42"] },
      { lines: ["Beta page two"] },
      { lines: ["Gamma three"] },
    ]);
    const plain = runPython(py, [s, pdf]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(/--- page 1 ---\nAlpha page one\nInvoice 42\n--- page 2 ---\nBeta page two/);
    const json = runPython(py, [s, pdf, "--pages", "2-3", "--json"]);
    expect(json.status).toBe(0);
    const pages = JSON.parse(json.stdout) as { page: number; text: string }[];
    expect(pages.map((p) => p.page)).toEqual([2, 3]);
    expect(pages[1]?.text).toContain("Gamma three");
  });

  it("uses pdftotext -layout when asked", () => {
    const dir = tmp();
    const pdf = makePdf(py, dir, "a.pdf", [{ lines: ["Qty  Price"] }, { lines: ["Second"] }]);
    const r = runPython(py, [s, pdf, "--layout", "--pages", "2"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("--- page 2 ---\nSecond");
    expect(r.stdout).not.toContain("Qty");
  });

  it("exits 2 on a bad range or a non-PDF, 3 when there is no text layer", () => {
    const dir = tmp();
    const pdf = makePdf(py, dir, "a.pdf", [{ lines: ["x"] }]);
    const bad = runPython(py, [s, pdf, "--pages", "4"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("outside 1-1");
    const txt = join(dir, "notes.txt");
    writeFileSync(txt, "hello");
    expect(runPython(py, [s, txt]).stderr).toContain("not a PDF");
    const blank = makePdf(py, dir, "blank.pdf", [{}]);
    const r = runPython(py, [s, blank]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("OCR");
  });
});

describe("merging-and-splitting-pdfs: pdf_pages.py", () => {
  const py = pythonWith(["pypdf"]);
  const s = script("merging-and-splitting-pdfs", "pdf_pages.py");
  const text = script("extracting-pdf-text-and-tables", "pdf_text.py");
  const info = (pdf: string) =>
    JSON.parse(runPython(py, [s, "info", pdf]).stdout) as { pages: number; detail: { rotate: number }[] };
  const firstLines = (pdf: string) =>
    (JSON.parse(runPython(py, [text, pdf, "--json"]).stdout) as { text: string }[]).map((p) => p.text.trim());

  it("merges with a per-input range, splits by ranges and every N, rotates chosen pages", () => {
    const dir = tmp();
    const a = makePdf(py, dir, "a.pdf", [{ lines: ["A1"] }, { lines: ["A2"] }]);
    const b = makePdf(py, dir, "b.pdf", [{ lines: ["B1"] }, { lines: ["B2"] }, { lines: ["B3"] }]);
    const merged = join(dir, "m.pdf");
    expect(runPython(py, [s, "merge", merged, a, `${b}:2-3`]).status).toBe(0);
    expect(firstLines(merged)).toEqual(["A1", "A2", "B2", "B3"]);

    const out = join(dir, "out");
    const split = runPython(py, [s, "split", merged, out, "--ranges", "1-2,4"]);
    expect(split.status).toBe(0);
    expect(firstLines(join(out, "m_p1-2.pdf"))).toEqual(["A1", "A2"]);
    expect(firstLines(join(out, "m_p4.pdf"))).toEqual(["B3"]);
    expect(runPython(py, [s, "split", merged, join(dir, "each"), "--every", "3"]).stdout).toContain(
      "m_p4.pdf",
    );

    const rotated = join(dir, "r.pdf");
    expect(runPython(py, [s, "rotate", merged, rotated, "--degrees", "90", "--pages", "2,4"]).status).toBe(0);
    expect(info(rotated).detail.map((p) => p.rotate)).toEqual([0, 90, 0, 90]);
  });

  it("rejects missing files, bad ranges and odd angles with exit 2", () => {
    const dir = tmp();
    const a = makePdf(py, dir, "a.pdf", [{ lines: ["A1"] }]);
    expect(runPython(py, [s, "merge", join(dir, "x.pdf"), join(dir, "nope.pdf")]).status).toBe(2);
    expect(runPython(py, [s, "split", a, dir, "--ranges", "2-1"]).status).toBe(2);
    expect(runPython(py, [s, "split", a, dir, "--every", "0"]).status).toBe(2);
    expect(runPython(py, [s, "rotate", a, join(dir, "r.pdf"), "--degrees", "45"]).status).toBe(2);
  });
});

describe("filling-pdf-forms: pdf_form.py", () => {
  const py = pythonWith(["pypdf"]);
  const s = script("filling-pdf-forms", "pdf_form.py");
  const form = (dir: string) =>
    makePdf(py, dir, "form.pdf", [
      {
        lines: ["Application"],
        fields: [
          { name: "full_name" },
          { name: "city" },
          { name: "plan", ft: "/Ch", opts: ["basic", "pro"] },
          { name: "agree", ft: "/Btn" },
        ],
      },
    ]);
  const list = (pdf: string) =>
    JSON.parse(runPython(py, [s, "list", pdf]).stdout) as {
      name: string;
      type: string;
      value: string | null;
    }[];

  it("lists fields with types and fills text, choice and checkbox values that read back", () => {
    const dir = tmp();
    const pdf = form(dir);
    expect(list(pdf).map((f) => [f.name, f.type])).toEqual([
      ["full_name", "text"],
      ["city", "text"],
      ["plan", "choice"],
      ["agree", "checkbox"],
    ]);
    const values = join(dir, "v.json");
    writeFileSync(values, JSON.stringify({ full_name: "Ada Lovelace", plan: "pro", agree: true }));
    const out = join(dir, "filled.pdf");
    const r = runPython(py, [s, "fill", pdf, values, out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const got = Object.fromEntries(list(out).map((f) => [f.name, f.value]));
    expect(got).toEqual({ full_name: "Ada Lovelace", city: null, plan: "pro", agree: "/Yes" });
    expect(readFileSync(out).toString("latin1")).toContain("/NeedAppearances true");
  });

  it("fills a radio group whose buttons are kid widgets of one parent field", () => {
    const dir = tmp();
    const pdf = join(dir, "radio.pdf");
    const make = [
      "import sys",
      "from pypdf import PdfWriter",
      "from pypdf.generic import *",
      "w = PdfWriter(); page = w.add_blank_page(612, 792)",
      "parent = DictionaryObject({NameObject('/FT'): NameObject('/Btn'), NameObject('/T'): TextStringObject('grp'),",
      "    NameObject('/Ff'): NumberObject(1 << 15), NameObject('/V'): NameObject('/Off')})",
      "pref = w._add_object(parent); kids = ArrayObject()",
      "for i, st in enumerate(['/A', '/B']):",
      "    n = DictionaryObject()",
      "    for state in (st, '/Off'):",
      "        x = DecodedStreamObject(); x.set_data(b'')",
      "        n[NameObject(state)] = w._add_object(x)",
      "    kids.append(w._add_object(DictionaryObject({NameObject('/Type'): NameObject('/Annot'),",
      "        NameObject('/Subtype'): NameObject('/Widget'), NameObject('/Parent'): pref, NameObject('/AS'): NameObject('/Off'),",
      "        NameObject('/Rect'): ArrayObject([FloatObject(100 + 50 * i), FloatObject(100), FloatObject(120 + 50 * i), FloatObject(120)]),",
      "        NameObject('/AP'): DictionaryObject({NameObject('/N'): n})})))",
      "parent[NameObject('/Kids')] = kids",
      "page[NameObject('/Annots')] = ArrayObject(list(kids))",
      "w._root_object[NameObject('/AcroForm')] = DictionaryObject({NameObject('/Fields'): ArrayObject([pref])})",
      "w.write(sys.argv[1])",
    ].join("\n");
    expect(runPython(py, ["-c", make, pdf]).status).toBe(0);
    expect(list(pdf).map((f) => [f.name, f.type])).toEqual([["grp", "radio"]]);
    const values = join(dir, "v.json");
    writeFileSync(values, JSON.stringify({ grp: "B" }));
    const out = join(dir, "filled.pdf");
    const r = runPython(py, [s, "fill", pdf, values, out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(list(out)[0]?.value).toBe("/B");
    const states = runPython(py, [
      "-c",
      "import sys; from pypdf import PdfReader; print([str(a.get_object()['/AS']) for a in PdfReader(sys.argv[1]).pages[0]['/Annots']])",
      out,
    ]);
    expect(states.stdout.trim()).toBe("['/Off', '/B']");
    writeFileSync(values, JSON.stringify({ grp: true }));
    expect(runPython(py, [s, "fill", pdf, values, join(dir, "o.pdf")]).status).toBe(2);
  });

  it("refuses unknown names, invalid choices and PDFs without fields", () => {
    const dir = tmp();
    const pdf = form(dir);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ fullname: "typo" }));
    const r = runPython(py, [s, "fill", pdf, bad, join(dir, "o.pdf")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown field(s): fullname");
    writeFileSync(bad, JSON.stringify({ plan: "gold" }));
    expect(runPython(py, [s, "fill", pdf, bad, join(dir, "o.pdf")]).stderr).toContain("not one of");
    const flat = makePdf(py, dir, "flat.pdf", [{ lines: ["no fields"] }]);
    expect(runPython(py, [s, "fill", flat, bad, join(dir, "o.pdf")]).stderr).toContain("no AcroForm fields");
  });
});

describe("generating-word-documents and reading-word-documents: docx_from_spec.py → docx_to_md.py", () => {
  const py = pythonWith(["docx"]);
  const build = script("generating-word-documents", "docx_from_spec.py");
  const read = script("reading-word-documents", "docx_to_md.py");
  const spec = {
    properties: { title: "Q3 report", author: "Ops" },
    header: "Acme confidential",
    blocks: [
      { type: "heading", text: "Q3 report", level: 0 },
      { type: "heading", text: "Summary", level: 1 },
      { type: "paragraph", text: "Revenue grew.", bold: true },
      { type: "bullets", items: ["EU up", "US flat"] },
      { type: "numbered", items: ["first", "second"] },
      {
        type: "table",
        header: ["Region", "Revenue"],
        rows: [
          ["EU", "1,200"],
          ["US", "900"],
        ],
      },
      { type: "pagebreak" },
      { type: "heading", text: "Appendix", level: 2 },
      { type: "paragraph", text: "End." },
    ],
  };

  it("builds a document whose Markdown has the headings, lists and table in order", () => {
    const dir = tmp();
    const specPath = join(dir, "spec.json");
    writeFileSync(specPath, JSON.stringify(spec));
    const out = join(dir, "r.docx");
    const b = runPython(py, [build, specPath, out]);
    expect(b.stderr).toBe("");
    expect(b.status).toBe(0);
    const md = runPython(py, [read, out]);
    expect(md.status).toBe(0);
    expect(md.stdout).toBe(
      [
        "# Q3 report",
        "",
        "# Summary",
        "",
        "**Revenue grew.**",
        "",
        "- EU up",
        "- US flat",
        "",
        "1. first",
        "1. second",
        "",
        "| Region | Revenue |",
        "| --- | --- |",
        "| EU | 1,200 |",
        "| US | 900 |",
        "",
        "## Appendix",
        "",
        "End.",
        "",
      ].join("\n"),
    );
    expect(runPython(py, [read, out, "--no-formatting"]).stdout).toContain("\nRevenue grew.\n");
    const props = runPython(py, [
      "-c",
      "import docx,sys; d=docx.Document(sys.argv[1]); print(d.core_properties.title, '|', d.sections[0].header.paragraphs[0].text, '|', 'w:br w:type=\"page\"' in d.element.body.xml)",
      out,
    ]);
    expect(props.stdout.trim()).toBe("Q3 report | Acme confidential | True");
  });

  it("prints tracked insertions and hyperlink text, drops deletions, and warns", () => {
    const dir = tmp();
    const out = join(dir, "tc.docx");
    const make = [
      "import docx, sys",
      "from docx.oxml.ns import qn",
      "from lxml import etree",
      "d = docx.Document(); p = d.add_paragraph('Base ')",
      "def run(parent, tag, text):",
      "    r = etree.SubElement(parent, qn('w:r')); etree.SubElement(r, qn(tag)).text = text",
      "ins = etree.SubElement(p._p, qn('w:ins')); ins.set(qn('w:id'), '1'); ins.set(qn('w:author'), 'A')",
      "run(ins, 'w:t', 'added ')",
      "dl = etree.SubElement(p._p, qn('w:del')); dl.set(qn('w:id'), '2'); dl.set(qn('w:author'), 'A')",
      "run(dl, 'w:delText', 'removed ')",
      "run(etree.SubElement(p._p, qn('w:hyperlink')), 'w:t', 'link')",
      "d.save(sys.argv[1])",
    ].join("\n");
    expect(runPython(py, ["-c", make, out]).status).toBe(0);
    for (const flags of [[], ["--no-formatting"]]) {
      const md = runPython(py, [read, out, ...flags]);
      expect(md.status).toBe(0);
      expect(md.stdout).toBe("Base added link\n");
      expect(md.stderr).toContain("tracked changes");
    }
  });

  it("rejects unknown block types, missing styles and non-docx input with exit 2", () => {
    const dir = tmp();
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ blocks: [{ type: "chart" }] }));
    const r = runPython(py, [build, bad, join(dir, "x.docx")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown type 'chart'");
    writeFileSync(bad, JSON.stringify({ blocks: [{ type: "paragraph", text: "x", style: "Fancy" }] }));
    expect(runPython(py, [build, bad, join(dir, "x.docx")]).stderr).toContain("style 'Fancy'");
    const m = runPython(py, [read, bad]);
    expect(m.status).toBe(2);
    expect(m.stderr).toContain("not a .docx");
  });
});

describe("building-spreadsheets-with-formulas and analyzing-spreadsheets: xlsx_build.py → xlsx_inspect.py", () => {
  const py = pythonWith(["openpyxl"]);
  const build = script("building-spreadsheets-with-formulas", "xlsx_build.py");
  const inspect = script("analyzing-spreadsheets", "xlsx_inspect.py");
  const spec = {
    sheets: [
      {
        name: "Sales",
        columns: [
          { header: "Region", width: 14 },
          { header: "Units", format: "#,##0" },
          { header: "Price", format: "#,##0.00" },
          { header: "Revenue", format: "#,##0.00", formula: "=B{row}*C{row}" },
        ],
        rows: [
          ["EU", 120, 9.5],
          ["US", 80, 11],
        ],
        totals: { label: "Total", sum: ["Units", "Revenue"] },
        freeze: "A2",
        autofilter: true,
      },
    ],
  };
  function built(dir: string) {
    const specPath = join(dir, "spec.json");
    writeFileSync(specPath, JSON.stringify(spec));
    const out = join(dir, "book.xlsx");
    const r = runPython(py, [build, specPath, out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    return out;
  }

  it("writes formulas, number formats, totals, freeze panes and a filter", () => {
    const dir = tmp();
    const book = built(dir);
    const check = runPython(py, [
      "-c",
      "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1])['Sales']; print(ws['D3'].value, ws['D3'].number_format, ws['D4'].value, ws.freeze_panes, ws.auto_filter.ref)",
      book,
    ]);
    expect(check.stdout.trim()).toBe("=B3*C3 #,##0.00 =SUM(D2:D3) A2 A1:D3");
    const csv = runPython(py, [inspect, "dump", book, "--formulas"]);
    expect(csv.stdout).toBe(
      "Region,Units,Price,Revenue\nEU,120,9.5,=B2*C2\nUS,80,11,=B3*C3\nTotal,=SUM(B2:B3),,=SUM(D2:D3)\n",
    );
  });

  it("stores row values that start with = as text, not formulas", () => {
    const dir = tmp();
    const specPath = join(dir, "inj.json");
    const inj = {
      sheets: [
        {
          name: "S",
          columns: [{ header: "Name" }, { header: "Len", formula: "=LEN(A{row})" }],
          rows: [['=HYPERLINK("http://x")']],
        },
      ],
    };
    writeFileSync(specPath, JSON.stringify(inj));
    const out = join(dir, "inj.xlsx");
    expect(runPython(py, [build, specPath, out]).status).toBe(0);
    const check = runPython(py, [
      "-c",
      "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1])['S']; print(ws['A2'].data_type, ws['B2'].data_type)",
      out,
    ]);
    expect(check.stdout.trim()).toBe("s f");
  });

  it("reports formulas without cached values, and reads cached values once a calculator has saved them", () => {
    const dir = tmp();
    const book = built(dir);
    const summary = JSON.parse(runPython(py, [inspect, "summary", book]).stdout);
    expect(summary.sheets[0]).toMatchObject({
      sheet: "Sales",
      dimensions: "A1:D4",
      formulas: 4,
      formulas_without_cached_value: 4,
      freeze_panes: "A2",
    });
    // Simulate Excel having calculated the book: put results into the formula cells' <v> elements.
    const calc = join(dir, "calc.xlsx");
    const patch = runPython(py, [
      "-c",
      [
        "import sys, zipfile",
        "src, dst = sys.argv[1], sys.argv[2]",
        "vals = {'B2*C2': '1140', 'B3*C3': '880', 'SUM(B2:B3)': '200', 'SUM(D2:D3)': '2020'}",
        "with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, 'w') as zo:",
        "    for item in zi.infolist():",
        "        data = zi.read(item.filename)",
        "        if item.filename == 'xl/worksheets/sheet1.xml':",
        "            text = data.decode()",
        "            for f, v in vals.items():",
        "                text = text.replace(f'<f>{f}</f><v></v>', f'<f>{f}</f><v>{v}</v>').replace(f'<f>{f}</f><v />', f'<f>{f}</f><v>{v}</v>')",
        "            data = text.encode()",
        "        zo.writestr(item, data)",
      ].join("\n"),
      book,
      calc,
    ]);
    expect(patch.status).toBe(0);
    const values = JSON.parse(
      runPython(py, [inspect, "dump", calc, "--range", "A2:D4", "--format", "json"]).stdout,
    );
    expect(values).toEqual([
      ["EU", 120, 9.5, 1140],
      ["US", 80, 11, 880],
      ["Total", 200, null, 2020],
    ]);
    const formulas = JSON.parse(runPython(py, [inspect, "formulas", calc]).stdout);
    expect(formulas[0]).toEqual({ sheet: "Sales", cell: "D2", formula: "=B2*C2", cached: 1140 });
    expect(
      JSON.parse(runPython(py, [inspect, "summary", calc]).stdout).sheets[0].formulas_without_cached_value,
    ).toBe(0);
  });

  it("exits 2 on an unknown sheet, a bad range, a .xls file and a bad spec", () => {
    const dir = tmp();
    const book = built(dir);
    expect(runPython(py, [inspect, "dump", book, "--sheet", "Nope"]).stderr).toContain("no sheet 'Nope'");
    expect(runPython(py, [inspect, "dump", book, "--range", "not-a-range"]).status).toBe(2);
    const xls = join(dir, "old.xls");
    writeFileSync(xls, "x");
    expect(runPython(py, [inspect, "summary", xls]).stderr).toContain("convert first");
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ sheets: [{ name: "S", columns: [{ header: "A" }], rows: [[1, 2]] }] }),
    );
    const r = runPython(py, [build, bad, join(dir, "o.xlsx")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("needs 1 values");
  });
});

describe("building-powerpoint-decks and reading-powerpoint-decks: build_deck.mjs → pptx_text.py", () => {
  const py = pythonWith([]);
  const build = script("building-powerpoint-decks", "build_deck.mjs");
  const read = script("reading-powerpoint-decks", "pptx_text.py");
  const outline = {
    title: "Q3 review",
    author: "Ops",
    slides: [
      { type: "title", title: "Q3 review", subtitle: "December 2026" },
      {
        title: "Highlights",
        bullets: ["Revenue up 8%", ["EU up 12%", "US flat"], "Churn down"],
        notes: "Mention the EU launch",
      },
      {
        title: "By region",
        table: [
          ["Region", "Revenue"],
          ["EU", "1,200"],
        ],
      },
    ],
  };
  function deck(dir: string, data: unknown = outline) {
    const file = join(dir, "outline.json");
    writeFileSync(file, JSON.stringify(data));
    const out = join(dir, "deck.pptx");
    const r = spawnSync(process.execPath, [build, file, out], { encoding: "utf8", timeout: 60_000 });
    return { ...r, out };
  }
  const unzip = (pptx: string, part: string) =>
    runPython(py, [
      "-c",
      "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
      pptx,
      part,
    ]).stdout;

  it("writes one slide part per outline slide, with titles, bullets, table cells and notes in the XML", () => {
    const dir = tmp();
    const r = deck(dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(unzip(r.out, "ppt/slides/slide1.xml")).toContain("<a:t>Q3 review</a:t>");
    const second = unzip(r.out, "ppt/slides/slide2.xml");
    for (const text of ["Highlights", "Revenue up 8%", "EU up 12%", "Churn down"])
      expect(second).toContain(`<a:t>${text}</a:t>`);
    expect(unzip(r.out, "ppt/slides/slide3.xml")).toContain("<a:t>1,200</a:t>");
    expect(unzip(r.out, "ppt/notesSlides/notesSlide2.xml")).toContain("Mention the EU launch");
  });

  it("reads slides in presentation order with titles, nested bullets, tables and notes", () => {
    const dir = tmp();
    const { out } = deck(dir);
    const md = runPython(py, [read, out]);
    expect(md.status).toBe(0);
    expect(md.stdout).toBe(
      [
        "## Slide 1: Q3 review",
        "- December 2026",
        "",
        "## Slide 2: Highlights",
        "- Revenue up 8%",
        "  - EU up 12%",
        "  - US flat",
        "- Churn down",
        "",
        "Notes: Mention the EU launch",
        "",
        "## Slide 3: By region",
        "| Region | Revenue |",
        "| EU | 1,200 |",
        "",
        "",
      ].join("\n"),
    );
    // Reorder the deck (slide 3 first) and hide slide 2, the way PowerPoint stores it: order comes from
    // presentation.xml's sldIdLst, not from part names.
    const moved = join(dir, "moved.pptx");
    const patch = runPython(py, [
      "-c",
      [
        "import re, sys, zipfile",
        "with zipfile.ZipFile(sys.argv[1]) as zi, zipfile.ZipFile(sys.argv[2], 'w') as zo:",
        "    for item in zi.infolist():",
        "        data = zi.read(item.filename)",
        "        if item.filename == 'ppt/presentation.xml':",
        "            t = data.decode(); ids = re.findall(r'<p:sldId [^>]*/>', t)",
        "            t = t.replace(''.join(ids), ids[2] + ids[0] + ids[1]); data = t.encode()",
        "        if item.filename == 'ppt/slides/slide2.xml':",
        "            data = data.replace(b'<p:sld ', b'<p:sld show=\"0\" ', 1)",
        "        zo.writestr(item, data)",
      ].join("\n"),
      out,
      moved,
    ]);
    expect(patch.stderr).toBe("");
    const slides = JSON.parse(runPython(py, [read, moved, "--json"]).stdout) as {
      slide: number;
      title: string;
      hidden: boolean;
      notes: string;
    }[];
    expect(slides.map((s) => [s.slide, s.title, s.hidden])).toEqual([
      [1, "By region", false],
      [2, "Q3 review", false],
      [3, "Highlights", true],
    ]);
    expect(slides[2]?.notes).toBe("Mention the EU launch");
  });

  it("exits 2 on a bad outline or a file that is not a deck", () => {
    const dir = tmp();
    const empty = deck(dir, { slides: [] });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain("non-empty 'slides'");
    const ragged = deck(dir, { slides: [{ title: "T", table: [["a", "b"], ["c"]] }] });
    expect(ragged.status).toBe(2);
    expect(ragged.stderr).toContain("equal-length rows");
    const txt = join(dir, "x.txt");
    writeFileSync(txt, "nope");
    const r = runPython(py, [read, txt]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("not a .pptx");
  });
});

describe("testing-an-mcp-server: mcp_probe.py", () => {
  const py = pythonWith([]);
  const probe = script("testing-an-mcp-server", "mcp_probe.py");

  // The runnable example server shipped with building-an-mcp-server-in-typescript.
  const sdkServer = script("building-an-mcp-server-in-typescript", "invoice_server.mjs");

  // A hand-written server with contract problems: one tool lacks a description, another has a non-object schema.
  const sloppyServer = `
import { createInterface } from "node:readline";
const tools = [
  { name: "ok", description: "Fine.", inputSchema: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } },
  { name: "vague", inputSchema: { type: "object" } },
  { name: "broken", description: "Bad schema.", inputSchema: { type: "string" } },
];
const send = (m) => process.stdout.write(JSON.stringify({ jsonrpc: "2.0", ...m }) + "\\n");
createInterface({ input: process.stdin }).on("line", (line) => {
  const msg = JSON.parse(line);
  if (msg.method === "initialize") send({ id: msg.id, result: { protocolVersion: msg.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: "sloppy", version: "0.0.1" } } });
  else if (msg.method === "tools/list" && !msg.params.cursor) send({ id: msg.id, result: { tools: tools.slice(0, 2), nextCursor: "p2" } });
  else if (msg.method === "tools/list") send({ id: msg.id, result: { tools: tools.slice(2) } });
  else if (msg.method === "tools/call") send({ id: msg.id, error: { code: -32602, message: "unknown tool" } });
});
`;
  const write = (dir: string, name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  it("initializes the SDK example server, lists its tool schemas and calls one", () => {
    const server = sdkServer;
    const args = JSON.stringify({
      lines: [
        { description: "a", cents: 1000 },
        { description: "b", cents: 250 },
      ],
      taxRate: 0.2,
    });
    const r = runPython(py, [
      probe,
      "--call",
      "invoice_total",
      "--args",
      args,
      "--",
      process.execPath,
      server,
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.server).toEqual({ name: "invoices", version: "1.0.0" });
    expect(report.tools.map((t: { name: string }) => t.name)).toEqual(["invoice_total", "find_invoice"]);
    expect(report.tools[0].inputSchema.required).toEqual(["lines"]);
    expect(report.call.structuredContent).toEqual({ subtotalCents: 1250, taxCents: 250, totalCents: 1500 });
    expect(report.problems).toEqual([]);
  });

  it("reports a validation failure and an expected tool error as problems (exit 1)", () => {
    const server = sdkServer;
    const r = runPython(py, [
      probe,
      "--call",
      "invoice_total",
      "--args",
      '{"lines": []}',
      "--",
      process.execPath,
      server,
    ]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.call.isError).toBe(true);
    expect(report.problems).toEqual(["invoice_total: returned isError"]);
    const missing = runPython(py, [
      probe,
      "--call",
      "find_invoice",
      "--args",
      '{"id": "inv_9"}',
      "--",
      process.execPath,
      server,
    ]);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout).call.content[0].text).toContain("No invoice inv_9");
    const found = runPython(py, [
      probe,
      "--call",
      "find_invoice",
      "--args",
      '{"id": "inv_123"}',
      "--",
      process.execPath,
      server,
    ]);
    expect(found.status).toBe(0);
    expect(JSON.parse(JSON.parse(found.stdout).call.content[0].text)).toEqual({
      id: "inv_123",
      status: "paid",
      amountCents: 4200,
    });
  });

  it("follows tools/list pagination and flags missing descriptions, bad schemas and JSON-RPC errors", () => {
    const dir = tmp();
    const server = write(dir, "sloppy.mjs", sloppyServer);
    const r = runPython(py, [probe, "--call", "nope", "--", process.execPath, server]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.tools.map((t: { name: string }) => t.name)).toEqual(["ok", "vague", "broken"]);
    expect(report.problems).toEqual([
      "vague: no description (the model chooses tools by it)",
      "broken: inputSchema must be a JSON Schema with type 'object'",
      "nope: not in tools/list",
      "nope: JSON-RPC error -32602",
    ]);
  });

  it("exits 2 when the server logs to stdout, never answers, or is missing", () => {
    const dir = tmp();
    const noisy = write(dir, "noisy.mjs", 'console.log("starting up"); setInterval(() => {}, 1000);');
    const a = runPython(py, [probe, "--timeout", "5", "--", process.execPath, noisy]);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain("non-JSON on stdout");
    const silent = write(dir, "silent.mjs", "process.stdin.resume();");
    const b = runPython(py, [probe, "--timeout", "1", "--", process.execPath, silent]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain("no answer to initialize within 1.0s");
    expect(runPython(py, [probe, "--", join(dir, "no-such-binary")]).status).toBe(2);
    expect(runPython(py, [probe, "node"]).stderr).toContain("usage");
  });
});

describe("measuring-skill-triggering: trigger_report.py", () => {
  const py = pythonWith([]);
  const report = script("measuring-skill-triggering", "trigger_report.py");
  // A stand-in search engine with canned rankings, printing cadre's JSON envelope.
  const fakeSearch = `
import json, sys
ranks = {
  "pdf to csv": ["skill:pdf", "skill:merge"],
  "scan text is empty": ["skill:ocr", "skill:pdf"],
  "pull numbers from a pdf": ["skill:merge", "skill:reports", "skill:sheets", "skill:pdf"],
  "merge these pdfs": ["skill:merge", "skill:pdf"],
  "generate a pdf invoice": ["skill:pdf", "skill:reports"],
  "weather today": [],
}
print(json.dumps({"ok": True, "data": {"results": [{"id": i} for i in ranks[sys.argv[-1]][: int(sys.argv[1])]]}}))
`;
  const set = {
    item: "skill:pdf",
    should: ["pdf to csv", "scan text is empty", "pull numbers from a pdf"],
    should_not: [
      { query: "merge these pdfs", expect: "skill:merge" },
      { query: "generate a pdf invoice", expect: "skill:reports" },
      "weather today",
    ],
  };

  it("computes recall, false triggers, precision and confusions, and enforces thresholds", () => {
    const dir = tmp();
    const search = join(dir, "search.py");
    writeFileSync(search, fakeSearch);
    const file = join(dir, "set.json");
    writeFileSync(file, JSON.stringify(set));
    const cmd = `${py} ${search} {k}`;
    const r = runPython(py, [report, file, "--k", "3", "--search", cmd]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      item: "skill:pdf",
      k: 3,
      recall: 0.667,
      false_trigger_rate: 0.333,
      precision: 0.667,
    });
    expect(out.confusions).toEqual({ "skill:merge": 1 });
    const invoice = out.queries.find((q: { query: string }) => q.query === "generate a pdf invoice");
    expect(invoice).toMatchObject({ ok: false, expect: "skill:reports", expect_found: true });
    const strict = runPython(py, [report, file, "--search", cmd, "--min-recall", "0.9"]);
    expect(strict.status).toBe(1);
    expect(runPython(py, [report, file, "--search", cmd, "--k", "4", "--min-recall", "0.9"]).status).toBe(0);
  });

  it("exits 2 on a bad set or a search command that fails", () => {
    const dir = tmp();
    const file = join(dir, "set.json");
    writeFileSync(file, JSON.stringify({ item: "skill:pdf", should: [] }));
    expect(runPython(py, [report, file]).stderr).toContain("non-empty 'should'");
    writeFileSync(file, JSON.stringify(set));
    const r = runPython(py, [report, file, "--search", `${py} -c "import sys; sys.exit(3)"`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("exited 3");
  });
});

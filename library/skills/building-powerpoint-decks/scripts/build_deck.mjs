#!/usr/bin/env node
/**
 * Build a .pptx from a JSON outline with pptxgenjs.
 *
 * Needs: Node 18+ and pptxgenjs (npm install pptxgenjs), resolvable from this script's folder or
 * the current project (NODE_PATH works too).
 *
 * Usage: node build_deck.mjs OUTLINE.json OUT.pptx
 *
 * OUTLINE.json:
 *   {
 *     "title": "Q3 review", "author": "Ops", "layout": "LAYOUT_WIDE",      // layout optional (16:9 wide)
 *     "slides": [
 *       {"type": "title", "title": "Q3 review", "subtitle": "December 2026"},
 *       {"title": "Highlights", "bullets": ["Revenue +8%", ["EU +12%", "US flat"]], "notes": "Say why"},
 *       {"title": "By region", "table": [["Region", "Revenue"], ["EU", "1,200"]]},
 *       {"title": "Chart", "image": "chart.png"}
 *     ]
 *   }
 *
 * A nested array in "bullets" is a second-level list under the previous bullet. Exit 2 on a bad outline.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

function fail(msg) {
  console.error(`build_deck: ${msg}`);
  process.exit(2);
}

let PptxGenJS;
try {
  ({ default: PptxGenJS } = await import("pptxgenjs"));
} catch {
  fail("needs pptxgenjs: npm install pptxgenjs");
}

const [outlinePath, outPath] = process.argv.slice(2);
if (!outlinePath || !outPath) fail("usage: node build_deck.mjs OUTLINE.json OUT.pptx");
let outline;
try {
  outline = JSON.parse(readFileSync(outlinePath, "utf8"));
} catch (e) {
  fail(`cannot read ${outlinePath}: ${e.message}`);
}
if (!outline || !Array.isArray(outline.slides) || outline.slides.length === 0) {
  fail("outline needs a non-empty 'slides' array");
}

const pres = new PptxGenJS();
pres.layout = outline.layout ?? "LAYOUT_WIDE"; // 13.33 x 7.5 in
if (outline.title) pres.title = String(outline.title);
if (outline.author) pres.author = String(outline.author);
const W = pres.layout === "LAYOUT_WIDE" ? 13.33 : 10;
const base = dirname(resolve(outlinePath));

// Masters with real title placeholders: outline view, accessibility checkers and text extractors
// then know which text is the slide's title.
pres.defineSlideMaster({
  title: "TITLE_SLIDE",
  objects: [
    { placeholder: { options: { name: "title", type: "title", x: 0.6, y: 2.4, w: W - 1.2, h: 1.4, fontSize: 40, bold: true, align: "center" }, text: "" } },
    { placeholder: { options: { name: "subtitle", type: "body", x: 0.6, y: 3.9, w: W - 1.2, h: 0.8, fontSize: 22, align: "center", color: "555555" }, text: "" } },
  ],
});
pres.defineSlideMaster({
  title: "CONTENT",
  objects: [
    { placeholder: { options: { name: "title", type: "title", x: 0.5, y: 0.3, w: W - 1, h: 0.9, fontSize: 30, bold: true }, text: "" } },
  ],
});

function bulletRuns(items, where) {
  const runs = [];
  for (const item of items) {
    const level = Array.isArray(item) ? 1 : 0;
    for (const text of Array.isArray(item) ? item : [item]) {
      if (typeof text !== "string") fail(`${where}: bullets must be strings or arrays of strings`);
      runs.push({ text, options: { bullet: true, indentLevel: level, breakLine: true } });
    }
  }
  return runs;
}

outline.slides.forEach((s, i) => {
  const where = `slide ${i + 1}`;
  if (!s || typeof s !== "object") fail(`${where}: must be an object`);
  if (s.type === "title") {
    const slide = pres.addSlide({ masterName: "TITLE_SLIDE" });
    slide.addText(String(s.title ?? ""), { placeholder: "title" });
    if (s.subtitle) slide.addText(String(s.subtitle), { placeholder: "subtitle" });
    if (s.notes) slide.addNotes(String(s.notes));
  } else {
    if (typeof s.title !== "string") fail(`${where}: needs a "title" string`);
    const slide = pres.addSlide({ masterName: "CONTENT" });
    slide.addText(s.title, { placeholder: "title" });
    const body = { x: 0.6, y: 1.4, w: W - 1.2, h: 5.6 };
    const kinds = ["bullets", "table", "image"].filter((k) => k in s);
    if (kinds.length > 1) fail(`${where}: use one of bullets, table or image per slide (got ${kinds.join(", ")})`);
    if (s.bullets) {
      if (!Array.isArray(s.bullets)) fail(`${where}: "bullets" must be an array`);
      slide.addText(bulletRuns(s.bullets, where), { ...body, fontSize: 20, valign: "top" });
    } else if (s.table) {
      const rows = s.table;
      if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r) || r.length !== rows[0].length)) {
        fail(`${where}: "table" must be an array of equal-length rows`);
      }
      const tableRows = rows.map((r, ri) => r.map((c) => ({ text: String(c ?? ""), options: { bold: ri === 0, fill: ri === 0 ? { color: "DDEBF7" } : undefined } })));
      slide.addTable(tableRows, { x: body.x, y: body.y, w: body.w, fontSize: 16, border: { type: "solid", pt: 1, color: "999999" } });
    } else if (s.image) {
      const img = resolve(base, s.image);
      if (!existsSync(img)) fail(`${where}: image not found: ${img}`);
      slide.addImage({ path: img, ...body, sizing: { type: "contain", w: body.w, h: body.h } });
    }
    if (s.notes) slide.addNotes(String(s.notes));
  }
});

const written = await pres.writeFile({ fileName: outPath });
console.log(`wrote ${written} (${outline.slides.length} slides)`);

/**
 * In-process part of the index benchmark (bundled by run.mjs with esbuild, never part of `npm test`):
 * symbol lookup and FTS query latency (p50/p95) on a built index, dumping definitions for recall, and the
 * bare parse of the files the build parsed (the floor a full build is measured against).
 * Usage: node inproc.mjs <db> <mode: lookups|defs|parse> [out | corpus dir]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDb } from "../../src/index/db.js";
import { isCodeLanguage, type Language } from "../../src/index/languages.js";
import { extractFile, loadGrammars, parseCode } from "../../src/index/parse.js";
import { findSymbols, searchFiles, searchSymbols } from "../../src/index/store.js";

const [dbPath, mode, out] = process.argv.slice(2);
if (!dbPath || !mode) throw new Error("usage: inproc <db> <lookups|defs|parse> [out | corpus dir]");
const { db } = openDb(dbPath);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

if (mode === "lookups") {
  // Deterministic sample: every k-th symbol name; FTS queries from their split words.
  const names = db
    .prepare("SELECT name, qualname FROM symbols WHERE rowid % 97 = 0 LIMIT 1000")
    .all() as Array<{ name: string; qualname: string }>;
  for (const n of names.slice(0, 50)) findSymbols(db, n.name); // warm the statement cache
  const lookup = names.map((n) => time(() => findSymbols(db, n.name, { limit: 20, offset: 0 })));
  const qualified = names.map((n) => time(() => findSymbols(db, n.qualname, { limit: 20, offset: 0 })));
  const queries = names
    .slice(0, 300)
    .map((n) => n.name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " "));
  const fts = queries.map((q) => time(() => searchSymbols(db, q, { limit: 20, offset: 0 })));
  const content = queries.map((q) => time(() => searchFiles(db, q, { limit: 20, offset: 0 })));
  const r = {
    samples: names.length,
    lookupP50: pct(lookup, 50),
    lookupP95: pct(lookup, 95),
    qualifiedP50: pct(qualified, 50),
    ftsSymbolsP50: pct(fts, 50),
    ftsSymbolsP95: pct(fts, 95),
    ftsContentP50: pct(content, 50),
    ftsContentP95: pct(content, 95),
  };
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else if (mode === "parse") {
  // Every file the build parsed with a grammar, read before the clock starts. Two untimed passes let the
  // WASM code tier up; then the bare parse (tree made and freed) and the parse plus symbol extraction run
  // alternately three times each, and each keeps its lowest CPU time.
  const rows = db.prepare("SELECT path, language FROM files").all() as Array<{
    path: string;
    language: Language;
  }>;
  const files = rows.flatMap((r) =>
    isCodeLanguage(r.language)
      ? [{ lang: r.language, text: readFileSync(join(out as string, r.path), "utf8") }]
      : [],
  );
  await loadGrammars(new Set(files.map((f) => f.lang)));
  const cpu = (fn: () => void) => {
    const c = process.cpuUsage();
    fn();
    const d = process.cpuUsage(c);
    return { cpuMs: (d.user + d.system) / 1000 };
  };
  const bare = () => {
    for (const f of files) parseCode(f.lang, f.text).tree.delete();
  };
  const full = () => {
    for (const f of files) extractFile(f.lang, f.text);
  };
  full();
  full();
  const runs = Array.from({ length: 3 }, () => ({ parse: cpu(bare), extract: cpu(full) }));
  const low = (k: "parse" | "extract") => runs.map((r) => r[k]).reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  const parse = low("parse");
  const extract = low("extract");
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  process.stdout.write(`${JSON.stringify({ files: files.length, bytes, parse, extract })}\n`);
} else {
  const rows = db
    .prepare(
      "SELECT f.path, f.language, s.name, s.kind, s.line, s.end_line FROM symbols s JOIN files f ON f.id = s.file_id",
    )
    .all();
  writeFileSync(out as string, JSON.stringify(rows));
}
db.close();

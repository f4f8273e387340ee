import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Candidate, RecallItem } from "./budget.js";
import type { Db } from "./db.js";
import { displaySignature, splitIdentifier } from "./fts.js";
import { type FileRow, fileSymbols, getFile, hashText, type SymbolRow } from "./store.js";

/** Build L0/L1/L2 candidates for files, symbols and full-text hits, re-reading the working tree. */

function firstSentence(doc: string): string {
  const m = /^(.{1,160}?[.!?])(\s|$)/.exec(doc);
  return m ? (m[1] as string) : doc.slice(0, 160);
}

function readNow(root: string, path: string): string | undefined {
  try {
    return readFileSync(join(root, path), "utf8");
  } catch {
    return undefined;
  }
}

export function symbolL0(s: SymbolRow): string {
  const doc = s.doc ? ` — ${firstSentence(s.doc)}` : "";
  return `${s.kind} ${s.qualname} · ${s.path}:${s.line}${doc}`;
}

function outlineLine(s: SymbolRow, base: number, withDoc: boolean): string {
  const doc = withDoc && s.doc ? `  — ${firstSentence(s.doc)}` : "";
  return `${"  ".repeat(Math.max(0, s.depth - base))}${displaySignature(s.kind, s.signature, s.name)}  [${s.line}]${doc}`;
}

function numbered(lines: string[], from: number): string {
  return lines.map((l, i) => `${String(from + i).padStart(5)}  ${l}`).join("\n");
}

export function fileItem(db: Db, root: string, row: FileRow): RecallItem {
  const now = readNow(root, row.path);
  const fresh = now !== undefined && hashText(now) === row.hash;
  // Function locals stay out of outlines (they are found by `symbol` and search).
  const syms = fileSymbols(db, row.id).filter((s) => s.kind !== "local");
  const top = syms.filter((s) => s.depth === 0);
  const names = top.slice(0, 8).map((s) => s.name);
  const more = top.length > 8 ? ` (+${top.length - 8} more)` : "";
  const head = `${row.path} — ${row.language}, ${row.lines} lines`;
  const l0 = `${head}${names.length ? ` — ${names.join(", ")}${more}` : ""}${row.error ? " — parse failed" : ""}`;
  const imports = JSON.parse(row.imports) as string[];
  const importBlock = imports.length ? `imports:\n${imports.map((i) => `  ${i}`).join("\n")}\n` : "";
  const short = `${head}\n${top.map((s) => outlineLine(s, 0, false)).join("\n")}`;
  const full = `${head}\n${importBlock}${syms.map((s) => outlineLine(s, 0, true)).join("\n")}`;
  const candidates: Candidate[] = [{ tier: "L0", text: l0 }];
  if (top.length) candidates.push({ tier: "L1", text: short });
  if (syms.length > top.length || imports.length) candidates.push({ tier: "L1", text: full });
  if (now !== undefined) candidates.push({ tier: "L2", text: `${row.path}\n${now}` });
  return { ref: row.path, path: row.path, fresh, candidates };
}

export function symbolItem(db: Db, root: string, s: SymbolRow): RecallItem {
  const now = readNow(root, s.path);
  const lines = now?.split("\n") ?? [];
  const slice = lines.slice(s.line - 1, s.end_line);
  const fresh = now !== undefined && hashText(slice.join("\n")) === s.hash;
  const where = `${s.path}:${s.line}-${s.end_line}`;
  const children = fileSymbols(db, s.file_id).filter(
    (c) =>
      c.line >= s.line &&
      c.end_line <= s.end_line &&
      c.depth > s.depth &&
      c.id !== s.id &&
      c.kind !== "local",
  );
  const l1 = [
    `${s.kind} ${s.qualname} · ${where}`,
    s.signature,
    s.doc ? `doc: ${s.doc}` : "",
    ...children.map((c) => outlineLine(c, s.depth, true)),
  ]
    .filter(Boolean)
    .join("\n");
  const candidates: Candidate[] = [
    { tier: "L0", text: symbolL0(s) },
    { tier: "L1", text: l1 },
  ];
  if (slice.length)
    candidates.push({ tier: "L2", text: `${s.kind} ${s.qualname} · ${where}\n${numbered(slice, s.line)}` });
  return { ref: s.id, path: s.path, fresh, candidates };
}

/** A full-text hit in a file: the matching lines with growing context. */
export function snippetItem(db: Db, root: string, path: string, query: string): RecallItem | undefined {
  const row = getFile(db, path);
  const now = readNow(root, path);
  if (!row || now === undefined) return undefined;
  const terms = [
    ...new Set(query.split(/\s+/).flatMap((w) => [w.toLowerCase(), ...splitIdentifier(w)])),
  ].filter((t) => t.length > 1);
  const lines = now.split("\n");
  const hits: number[] = [];
  for (let i = 0; i < lines.length && hits.length < 3; i++) {
    const l = (lines[i] as string).toLowerCase();
    if (terms.some((t) => l.includes(t))) hits.push(i);
  }
  if (hits.length === 0) return undefined;
  const ctx = (n: number) =>
    hits
      .map((h) => {
        const from = Math.max(0, h - n);
        return `${path}:${from + 1}\n${numbered(lines.slice(from, h + n + 1), from + 1)}`;
      })
      .join("\n");
  const first = hits[0] as number;
  return {
    ref: `${path}:${first + 1}`,
    path,
    fresh: hashText(now) === row.hash,
    candidates: [
      { tier: "L0", text: `${path}:${first + 1}: ${(lines[first] as string).trim().slice(0, 160)}` },
      { tier: "L1", text: ctx(2) },
      { tier: "L2", text: ctx(8) },
    ],
  };
}

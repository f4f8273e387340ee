import { ErrorCodes, UserError } from "../core/errors.js";
import type { Candidate, RecallItem } from "./budget.js";
import type { Db } from "./db.js";
import { displaySignature, splitIdentifier } from "./fts.js";
import { readInside } from "./read-inside.js";
import { type FileRow, fileSymbols, getFile, hashText, type SymbolRow } from "./store.js";

/**
 * Build L0/L1/L2 candidates for files, symbols and full-text hits, re-reading the working tree. L0 and L1
 * come from the index alone (`fileSummaries`, `symbolSummaries`); only L2 and freshness read files.
 */

function firstSentence(doc: string): string {
  const m = /^(.{1,160}?[.!?])(\s|$)/.exec(doc);
  return m ? (m[1] as string) : doc.slice(0, 160);
}

/**
 * The working tree as recall sees it: every read goes through `readInside` (resolved and contained at read
 * time), each file is read once per request, and why a file was not read is kept in `notes`.
 */
export class WorkingTree {
  readonly notes: string[] = [];
  private readonly texts = new Map<string, string | undefined>();
  constructor(readonly root: string) {}

  read(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const r = readInside(this.root, path);
    let text: string | undefined;
    if ("text" in r) text = r.text;
    else if (r.refused !== "missing" && !this.notes.includes(r.reason)) this.notes.push(r.reason);
    this.texts.set(path, text);
    return text;
  }
}

export function symbolL0(s: SymbolRow): string {
  const doc = s.doc ? ` — ${firstSentence(s.doc)}` : "";
  return `${s.kind} ${s.qualname} · ${s.path}:${s.line}${s.generated ? " (generated)" : ""}${doc}`;
}

function outlineLine(s: SymbolRow, base: number, withDoc: boolean): string {
  const doc = withDoc && s.doc ? `  — ${firstSentence(s.doc)}` : "";
  return `${"  ".repeat(Math.max(0, s.depth - base))}${displaySignature(s.kind, s.signature, s.name)}  [${s.line}]${doc}`;
}

function numbered(lines: string[], from: number): string {
  return lines.map((l, i) => `${String(from + i).padStart(5)}  ${l}`).join("\n");
}

/** The L0 line and the L1 outlines (top level, then full) of a file, from its row and its symbols. */
export function fileSummaries(row: FileRow, symbols: readonly SymbolRow[]): { l0: string; l1: string[] } {
  // Function locals stay out of outlines (they are found by `symbol` and search).
  const syms = symbols.filter((s) => s.kind !== "local");
  const top = syms.filter((s) => s.depth === 0);
  const names = top.slice(0, 8).map((s) => s.name);
  const more = top.length > 8 ? ` (+${top.length - 8} more)` : "";
  const head = `${row.path} — ${row.language}, ${row.lines} lines${row.generated ? ", generated" : ""}`;
  const l0 = `${head}${names.length ? ` — ${names.join(", ")}${more}` : ""}${row.error ? " — parse failed" : ""}`;
  const imports = JSON.parse(row.imports) as string[];
  const importBlock = imports.length ? `imports:\n${imports.map((i) => `  ${i}`).join("\n")}\n` : "";
  const l1: string[] = [];
  if (top.length) l1.push(`${head}\n${top.map((s) => outlineLine(s, 0, false)).join("\n")}`);
  if (syms.length > top.length || imports.length)
    l1.push(`${head}\n${importBlock}${syms.map((s) => outlineLine(s, 0, true)).join("\n")}`);
  return { l0, l1 };
}

export function fileItem(db: Db, tree: WorkingTree, row: FileRow): RecallItem {
  const now = tree.read(row.path);
  const fresh = now !== undefined && hashText(now) === row.hash;
  const { l0, l1 } = fileSummaries(row, fileSymbols(db, row.id));
  const candidates: Candidate[] = [
    { tier: "L0", text: l0 },
    ...l1.map((text) => ({ tier: "L1" as const, text })),
  ];
  // A generated file's source is offered only when L2 is asked for (`--tier L2`).
  if (now !== undefined)
    candidates.push({ tier: "L2", text: `${row.path}\n${now}`, optIn: row.generated === 1 || undefined });
  return { ref: row.path, path: row.path, fresh, candidates };
}

/**
 * The symbols nested in `syms[i]` (a file's symbols in `fileSymbols` order: by line, then depth), without
 * function locals. Only the symbols that start inside its lines are looked at, so summarising a whole file
 * costs its symbols times their nesting depth, not their square; `visits` counts the symbols looked at.
 */
export function nestedIn(syms: readonly SymbolRow[], i: number, visits?: { n: number }): SymbolRow[] {
  const s = syms[i] as SymbolRow;
  const out: SymbolRow[] = [];
  for (let j = i + 1; j < syms.length; j++) {
    const c = syms[j] as SymbolRow;
    if (visits) visits.n++;
    if (c.line > s.end_line) break;
    if (c.end_line <= s.end_line && c.depth > s.depth && c.kind !== "local") out.push(c);
  }
  return out;
}

/** The L0 line and the L1 structure of a symbol, from its row and the symbols nested in it. */
export function symbolSummaries(s: SymbolRow, nested: readonly SymbolRow[]): { l0: string; l1: string } {
  const l1 = [
    `${s.kind} ${s.qualname} · ${s.path}:${s.line}-${s.end_line}${s.generated ? " (generated)" : ""}`,
    s.signature,
    s.doc ? `doc: ${s.doc}` : "",
    ...nested.map((c) => outlineLine(c, s.depth, true)),
  ]
    .filter(Boolean)
    .join("\n");
  return { l0: symbolL0(s), l1 };
}

/** A comment line, an attribute or a decorator: what may stand between a doc comment and its definition. */
const LEADING = /^\s*(\/\/|\/\*|\*|#(?!include|define|if|!)|--|@|\[|"""|''')/;

/**
 * The first line of the comment block (and decorators) right above a definition's first line, when the
 * symbol has a doc comment; else the definition's own first line. At most 60 lines up.
 */
export function docStart(lines: readonly string[], line: number, hasDoc: boolean): number {
  if (!hasDoc) return line;
  let from = line;
  while (from > 1 && line - from < 60 && LEADING.test(lines[from - 2] ?? "")) from--;
  return from;
}

export function symbolItem(db: Db, tree: WorkingTree, s: SymbolRow): RecallItem {
  const now = tree.read(s.path);
  const lines = now?.split("\n") ?? [];
  const slice = lines.slice(s.line - 1, s.end_line);
  // L2 shows the doc comment above the definition too (the hash covers the definition's own lines).
  const from = docStart(lines, s.line, s.doc !== "");
  const fresh = now !== undefined && hashText(slice.join("\n")) === s.hash;
  const syms = fileSymbols(db, s.file_id);
  const at = syms.findIndex((x) => x.id === s.id);
  const { l0, l1 } = symbolSummaries(s, at < 0 ? [] : nestedIn(syms, at));
  const candidates: Candidate[] = [
    { tier: "L0", text: l0 },
    { tier: "L1", text: l1 },
  ];
  if (slice.length)
    candidates.push({
      tier: "L2",
      text: `${s.kind} ${s.qualname} · ${s.path}:${s.line}-${s.end_line}\n${numbered(lines.slice(from - 1, s.end_line), from)}`,
      optIn: s.generated === 1 || undefined,
    });
  return { ref: s.id, path: s.path, fresh, candidates };
}

/** A full-text hit in a file: the matching lines with growing context. */
export function snippetItem(db: Db, tree: WorkingTree, path: string, query: string): RecallItem | undefined {
  const row = getFile(db, path);
  const now = row ? tree.read(path) : undefined;
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
      { tier: "L2", text: ctx(8), optIn: row.generated === 1 || undefined },
    ],
  };
}

/**
 * An exact slice of a file: lines `from`-`to` (1-based, inclusive, `to` clamped to the file) with `context`
 * lines either side. L0 names the range, L1 the definitions it overlaps, L2 is the numbered text.
 */
export function sliceItem(
  db: Db,
  tree: WorkingTree,
  row: FileRow,
  range: { from: number; to: number; context: number },
): RecallItem {
  const now = tree.read(row.path);
  if (now === undefined)
    throw new UserError(ErrorCodes.notFound, `${row.path} cannot be read now`, "run `cadre index refresh`");
  const lines = now.endsWith("\n") ? now.slice(0, -1).split("\n") : now.split("\n");
  if (range.from > lines.length)
    throw new UserError(
      ErrorCodes.usage,
      `--lines ${range.from}-${range.to}: ${row.path} has ${lines.length} line(s)`,
      `ask for lines 1-${lines.length} or fewer`,
    );
  const to = Math.min(range.to, lines.length);
  const start = Math.max(1, range.from - range.context);
  const end = Math.min(lines.length, to + range.context);
  const over = fileSymbols(db, row.id).filter(
    (x) => x.kind !== "local" && x.line <= to && x.end_line >= range.from,
  );
  const label = `${row.path}:${range.from}-${to}`;
  const first = lines.slice(range.from - 1, to).find((l) => l.trim()) ?? "";
  const candidates: Candidate[] = [{ tier: "L0", text: `${label}: ${first.trim().slice(0, 160)}` }];
  if (over.length)
    candidates.push({
      tier: "L1",
      text: `${label} — inside:\n${over.map((x) => outlineLine(x, 0, true)).join("\n")}`,
    });
  candidates.push({
    tier: "L2",
    text: `${row.path}:${start}-${end}\n${numbered(lines.slice(start - 1, end), start)}`,
  });
  return { ref: label, path: row.path, fresh: hashText(now) === row.hash, candidates };
}

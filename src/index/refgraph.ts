import type { Candidate, RecallItem } from "./budget.js";
import type { Db } from "./db.js";
import type { WorkingTree } from "./recall.js";
import { fileSymbols, type SymbolRow } from "./store.js";

/**
 * Callers and callees of a symbol, from the reference graph the index keeps: each file's distinct referenced
 * identifiers (`files.refs`, from the grammar's reference nodes) and its definitions. The graph is by name,
 * not by type: a caller is a definition (or a file's top level) whose lines name the symbol, in a file whose
 * references include it; a callee is a callable definition named in the symbol's lines. Names that several
 * definitions share are reported as such.
 */

export interface GraphEdge {
  /** The caller (or callee) definition; absent for a file's top level. */
  symbol?: Pick<SymbolRow, "id" | "qualname" | "kind" | "path" | "line" | "signature">;
  path: string;
  /** Where the reference is (callers) or where the callee is defined (callees). */
  line: number;
  /** The referencing line, trimmed (callers). */
  text?: string;
  /** Other definitions with the callee's name (callees). */
  alsoDefined?: number;
}

const IDENT = /[A-Za-z_$][\w$]*/g;

/** Distinct identifiers in a text, in order of first appearance. */
export function identifiersIn(text: string): string[] {
  return [...new Set(text.match(IDENT) ?? [])];
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[\w$]/.test(c);
}

/** 1-based lines where `name` appears as a whole identifier, skipping the lines in `skip`. */
export function occurrences(text: string, name: string, skip: ReadonlySet<number> = new Set()): number[] {
  const out: number[] = [];
  if (!name) return out;
  let line = 1;
  let lineStart = 0;
  let last = -1;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
    for (let j = text.indexOf("\n", lineStart); j >= 0 && j < i; j = text.indexOf("\n", lineStart)) {
      line++;
      lineStart = j + 1;
    }
    if (isIdentChar(text[i - 1]) || isIdentChar(text[i + name.length])) continue;
    if (line !== last && !skip.has(line)) out.push(line);
    last = line;
  }
  return out;
}

/** The innermost definition (not a function local) whose lines hold `line`; `syms` in `fileSymbols` order. */
export function enclosing(syms: readonly SymbolRow[], line: number): SymbolRow | undefined {
  let best: SymbolRow | undefined;
  for (const s of syms) {
    if (s.line > line) break;
    if (s.kind === "local" || s.end_line < line) continue;
    if (!best || s.end_line - s.line <= best.end_line - best.line) best = s;
  }
  return best;
}

const MAX_CALLER_FILES = 200;
const MAX_EDGES = 40;

/** A name defined more often than this is too common for callers by name to mean anything (`get`, `String`). */
const MAX_DEFINERS = 25;

export interface Callers {
  edges: GraphEdge[];
  more: number;
  /** Set when the name has too many definitions to list its callers by name. */
  definers?: number;
}

/** Definitions (or top levels) that name `s`, one edge each at its first reference, by path and line. */
export function callersOf(db: Db, tree: WorkingTree, s: SymbolRow): Callers {
  const definers = (
    db
      .prepare(
        "SELECT count(*) AS n FROM symbols WHERE name = ? COLLATE NOCASE AND name = ? AND kind != 'local'",
      )
      .get(s.name, s.name) as { n: number }
  ).n;
  if (definers > MAX_DEFINERS) return { edges: [], more: 0, definers };
  const files = db
    .prepare(
      `SELECT id, path FROM files WHERE instr(' ' || refs || ' ', ' ' || ? || ' ') > 0 ORDER BY path LIMIT ${MAX_CALLER_FILES}`,
    )
    .all(s.name) as Array<{ id: number; path: string }>;
  const edges: GraphEdge[] = [];
  let more = 0;
  for (const f of files) {
    const text = tree.read(f.path);
    if (text === undefined) continue;
    const syms = fileSymbols(db, f.id);
    // A line that defines something of that name is a definition, not a reference.
    const skip = new Set(syms.filter((x) => x.name === s.name).map((x) => x.line));
    const lines = text.split("\n");
    const seen = new Set<string>();
    for (const line of occurrences(text, s.name, skip)) {
      if (IMPORT_LINE.test(lines[line - 1] ?? "")) continue;
      const at = enclosing(syms, line);
      if (at?.id === s.id) continue;
      const key = at?.id ?? `${f.path}:top`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (edges.length >= MAX_EDGES) {
        more++;
        continue;
      }
      const text = (lines[line - 1] ?? "").trim().slice(0, 160);
      edges.push({ ...(at ? { symbol: at } : {}), path: f.path, line, text });
    }
  }
  return { edges, more };
}

/**
 * How `name` is used in `text`: called bare (`name(`, `name<T>(`), called as a member (`.name(`), or named
 * bare at all (`new Name`, `FROM orders`). Decides which definitions of the name a body can be calling.
 */
export function usesOf(text: string, name: string): { call: boolean; member: boolean; bare: boolean } {
  const u = { call: false, member: false, bare: false };
  const re = new RegExp(
    `(\\.\\s*)?(?<![\\w$])${name.replace(/[$]/g, "\\$")}(?![\\w$])(\\s*(?:<[^<>()]*>)?\\s*\\()?`,
    "g",
  );
  for (const m of text.matchAll(re)) {
    if (m[1]) {
      if (m[2]) u.member = true;
    } else {
      u.bare = true;
      if (m[2]) u.call = true;
    }
  }
  return u;
}

/** Whether a use fits a definition: functions are called bare, methods as members, types and tables named. */
function fits(kind: string, u: ReturnType<typeof usesOf>): boolean {
  if (kind === "method" || kind === "constructor") return u.member || u.call;
  if (kind === "class" || kind === "table" || kind === "view") return u.bare;
  return u.call;
}

/** Lines that only import a name (`import … from`, `use`, `#include`) are not references worth listing. */
const IMPORT_LINE =
  /^\s*(?:import\b|from\s+\S+\s+import\b|use\s|using\s|#include\b|export\s*(?:\{|\*)|require\s*\()/;

const CALLABLE = ["function", "method", "constructor", "macro", "class", "procedure", "table", "view"];

/** Callable definitions named in `s`'s lines (and among its file's references), nearest definition first. */
export function calleesOf(db: Db, tree: WorkingTree, s: SymbolRow): GraphEdge[] {
  const text = tree.read(s.path);
  if (text === undefined) return [];
  const body = text
    .split("\n")
    .slice(s.line - 1, s.end_line)
    .join("\n");
  const refs = new Set(
    (
      (db.prepare("SELECT refs FROM files WHERE id = ?").get(s.file_id) as { refs: string } | undefined)
        ?.refs ?? ""
    )
      .split(" ")
      .filter(Boolean),
  );
  const byName = db.prepare(
    `SELECT s.id, s.qualname, s.kind, f.path, s.line, s.signature, s.name, s.file_id, s.depth FROM symbols s JOIN files f ON f.id = s.file_id
     WHERE s.name = ? COLLATE NOCASE AND s.kind IN (${CALLABLE.map(() => "?").join(",")}) ORDER BY f.path, s.line LIMIT 50`,
  );
  const dir = s.path.slice(0, s.path.lastIndexOf("/") + 1);
  const out: GraphEdge[] = [];
  for (const name of identifiersIn(body)) {
    if (out.length >= MAX_EDGES) break;
    if (name === s.name || !refs.has(name)) continue;
    const use = usesOf(body, name);
    // A closure nested in another function is callable only from its own file.
    const defs = (byName.all(name, ...CALLABLE) as Array<SymbolRow>).filter(
      (d) =>
        d.name === name &&
        d.id !== s.id &&
        fits(d.kind, use) &&
        !(d.kind === "function" && d.depth > 0 && d.file_id !== s.file_id),
    );
    if (defs.length === 0) continue;
    const near = (d: SymbolRow) => (d.file_id === s.file_id ? 0 : d.path.startsWith(dir) ? 1 : 2);
    defs.sort((a, b) => near(a) - near(b));
    const d = defs[0] as SymbolRow;
    out.push({
      symbol: d,
      path: d.path,
      line: d.line,
      ...(defs.length > 1 ? { alsoDefined: defs.length - 1 } : {}),
    });
  }
  return out;
}

function edgeName(e: GraphEdge): string {
  return e.symbol ? e.symbol.qualname : `${e.path} (top level)`;
}

function list(names: string[], max = 8): string {
  return names.slice(0, max).join(", ") + (names.length > max ? `, … (+${names.length - max})` : "");
}

/** The recall item for the callers of `s`: L0 a count and names, L1 one line per caller. */
export function callersItem(s: SymbolRow, callers: Callers): RecallItem {
  const ref = `${s.id}@callers`;
  if (callers.definers)
    return {
      ref,
      path: s.path,
      fresh: true,
      candidates: [
        {
          tier: "L0",
          text: `callers of ${s.qualname}: not listed — ${callers.definers} definitions share the name "${s.name}"`,
        },
      ],
    };
  const n = callers.edges.length + callers.more;
  const files = new Set(callers.edges.map((e) => e.path)).size;
  const head = `callers of ${s.qualname} (by name): ${n} in ${files} file(s)`;
  const candidates: Candidate[] = [
    {
      tier: "L0",
      text: n ? `${head} — ${list(callers.edges.map(edgeName))}` : `callers of ${s.qualname}: none found`,
    },
  ];
  if (n)
    candidates.push({
      tier: "L1",
      text: [
        head,
        ...callers.edges.map(
          (e) =>
            `  ${e.symbol ? `${e.symbol.kind} ${e.symbol.qualname}` : "top level"} · ${e.path}:${e.line}: ${e.text ?? ""}`,
        ),
        ...(callers.more ? [`  … and ${callers.more} more`] : []),
      ].join("\n"),
    });
  return { ref, path: s.path, fresh: true, candidates };
}

/** The recall item for the callees of `s`: L0 their names, L1 one line each with where it is defined. */
export function calleesItem(s: SymbolRow, callees: GraphEdge[]): RecallItem {
  const candidates: Candidate[] = [
    {
      tier: "L0",
      text: callees.length
        ? `${s.qualname} calls: ${list(callees.map(edgeName))}`
        : `${s.qualname} calls nothing defined in the index`,
    },
  ];
  if (callees.length)
    candidates.push({
      tier: "L1",
      text: [
        `${s.qualname} calls (by name):`,
        ...callees.map(
          (e) =>
            `  ${e.symbol?.kind} ${edgeName(e)} · ${e.path}:${e.line}${e.alsoDefined ? ` (+${e.alsoDefined} other definitions)` : ""} — ${e.symbol?.signature ?? ""}`,
        ),
      ].join("\n"),
    });
  return { ref: `${s.id}@callees`, path: s.path, fresh: true, candidates };
}

import { countTokens, countTokensMany } from "../core/tokens.js";
import { type Edge, pageRank } from "../search/pagerank.js";
import type { Db } from "./db.js";
import { displaySignature } from "./fts.js";

/** The repository map: files ranked by the reference graph (personalised to a focus), with key symbols. */

export interface MapOptions {
  budget: number;
  /** Paths (files or folders) or symbol names to centre the ranking on. */
  focus?: string[];
  /** Symbols shown per file. */
  perFile?: number;
}
export interface MapFile {
  path: string;
  rank: number;
  symbols: string[];
}
export interface RepoMap {
  text: string;
  tokens: number;
  files: MapFile[];
  totalFiles: number;
}

const MAP_KINDS = new Set([
  "class",
  "interface",
  "struct",
  "enum",
  "union",
  "trait",
  "type",
  "function",
  "method",
  "constructor",
  "constant",
  "module",
  "macro",
  "property",
  "table",
  "view",
  "procedure",
  "trigger",
]);
/** Members worth showing under their type in the map (fields and properties are left to `outline`). */
const MEMBER_KINDS = new Set(["method", "constructor"]);
/** A name defined in more files than this is too generic to be an edge (`String`, `get`). */
const MAX_DEFINERS = 25;

interface Def {
  file: number;
  name: string;
  kind: string;
  signature: string;
  depth: number;
  line: number;
}

export async function buildRepoMap(db: Db, opts: MapOptions): Promise<RepoMap> {
  // Generated files stay out of the map (lookups and search still find their symbols).
  const files = db
    .prepare("SELECT id, path, refs FROM files WHERE generated = 0 ORDER BY path")
    .all() as Array<{
    id: number;
    path: string;
    refs: string;
  }>;
  const index = new Map(files.map((f, i) => [f.id, i]));
  const defs = (
    db
      .prepare("SELECT file_id, name, kind, signature, depth, line FROM symbols WHERE depth <= 1")
      .all() as Array<Omit<Def, "file"> & { file_id: number }>
  )
    .filter((d) => MAP_KINDS.has(d.kind) && index.has(d.file_id))
    .map((d) => ({ ...d, file: index.get(d.file_id) as number }));
  const definers = new Map<string, Set<number>>();
  for (const d of defs) {
    const s = definers.get(d.name) ?? new Set<number>();
    definers.set(d.name, s);
    s.add(d.file);
  }
  const weights = new Map<number, number>();
  const refCount = new Map<string, number>();
  const n = files.length;
  files.forEach((f, a) => {
    for (const r of f.refs ? f.refs.split(" ") : []) {
      const to = definers.get(r);
      if (!to || to.size > MAX_DEFINERS) continue;
      refCount.set(r, (refCount.get(r) ?? 0) + 1);
      for (const b of to) if (b !== a) weights.set(a * n + b, (weights.get(a * n + b) ?? 0) + 1 / to.size);
    }
  });
  const edges: Edge[] = [...weights].map(([k, w]) => ({ from: Math.floor(k / n), to: k % n, weight: w }));
  const pers = new Map<number, number>();
  for (const f of opts.focus ?? []) {
    const p = f.replace(/\/+$/, "");
    files.forEach((x, i) => {
      if (x.path === p || x.path.startsWith(`${p}/`)) pers.set(i, 1);
    });
    for (const i of definers.get(f.slice(f.lastIndexOf(".") + 1)) ?? []) pers.set(i, 1);
  }
  // With a focus, a shorter walk keeps the ranking near it, and the focus files themselves come first.
  const rank = pageRank(n, edges, { personalization: pers, damping: pers.size ? 0.7 : 0.85 });
  const score = (i: number) => (rank[i] ?? 0) + (pers.has(i) ? 1 : 0);
  const order = [...files.keys()].sort(
    (a, b) => score(b) - score(a) || (files[a]?.path ?? "").localeCompare(files[b]?.path ?? ""),
  );
  const byFile = new Map<number, Def[]>();
  for (const d of defs) {
    const list = byFile.get(d.file) ?? [];
    byFile.set(d.file, list);
    list.push(d);
  }
  const perFile = opts.perFile ?? 8;
  const blocks = order.slice(0, 2000).map((i) => {
    // Top-level definitions first (then methods), most referenced first; shown in source order.
    const ds = (byFile.get(i) ?? [])
      .filter((d) => d.depth === 0 || MEMBER_KINDS.has(d.kind))
      .sort(
        (x, y) =>
          x.depth - y.depth || (refCount.get(y.name) ?? 0) - (refCount.get(x.name) ?? 0) || x.line - y.line,
      )
      .slice(0, perFile)
      .sort((x, y) => x.line - y.line);
    const symbols = ds.map(
      (d) => `${"  ".repeat(d.depth + 1)}${displaySignature(d.kind, d.signature, d.name)}`,
    );
    return { i, symbols, text: [files[i]?.path ?? "", ...symbols].join("\n") };
  });
  return fitMap(blocks, files, rank, opts.budget);
}

async function fitMap(
  blocks: Array<{ i: number; symbols: string[]; text: string }>,
  files: Array<{ path: string }>,
  rank: Float64Array,
  budget: number,
): Promise<RepoMap> {
  const counts = await countTokensMany(blocks.map((b) => b.text));
  const out: MapFile[] = [];
  const parts: string[] = [];
  let used = 0;
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k] as (typeof blocks)[number];
    const path = files[b.i]?.path ?? "";
    const sep = parts.length ? 1 : 0;
    if (used + (counts[k] as number) + sep <= budget) {
      parts.push(b.text);
      used += (counts[k] as number) + sep;
      out.push({ path, rank: rank[b.i] ?? 0, symbols: b.symbols.map((s) => s.trim()) });
      continue;
    }
    const pathCost = (await countTokens(path)) + sep;
    if (used + pathCost > budget) break;
    parts.push(path);
    used += pathCost;
    out.push({ path, rank: rank[b.i] ?? 0, symbols: [] });
  }
  let text = parts.join("\n");
  let tokens = text ? await countTokens(text) : 0;
  while (tokens > budget && parts.length) {
    parts.pop();
    out.pop();
    text = parts.join("\n");
    tokens = text ? await countTokens(text) : 0;
  }
  return { text, tokens, files: out, totalFiles: files.length };
}

import { ErrorCodes, UserError } from "../core/errors.js";
import { checkInside } from "../index/read-inside.js";
import {
  fileSymbols,
  findSymbols,
  getFile,
  iterateSymbols,
  listSymbols,
  type Page,
  type SymbolRow,
  searchFiles,
  searchSymbols,
} from "../index/store.js";
import { type IndexTarget, withIndex } from "./index-open.js";

/** `cadre index search | symbol | symbols | outline`: read-only queries with limits and pagination. */

export interface SymbolView {
  id: string;
  name: string;
  qualname: string;
  kind: string;
  path: string;
  line: number;
  endLine: number;
  signature: string;
  doc: string;
  /** The symbol's file says it is generated. */
  generated: boolean;
}

export function viewSymbol(s: SymbolRow): SymbolView {
  return {
    id: s.id,
    name: s.name,
    qualname: s.qualname,
    kind: s.kind,
    path: s.path,
    line: s.line,
    endLine: s.end_line,
    signature: s.signature,
    doc: s.doc,
    generated: s.generated === 1,
  };
}

export async function searchCode(t: IndexTarget, query: string, page: Page, kind?: string) {
  if (!query.trim()) throw new UserError(ErrorCodes.usage, "search needs a query");
  return withIndex(t, (db) => ({
    query,
    symbols: searchSymbols(db, query, page, kind).map((h) => ({
      ...viewSymbol(h),
      score: Number((-h.score).toFixed(4)),
    })),
    files: kind
      ? []
      : searchFiles(db, query, page).map((h) => ({
          path: h.path,
          language: h.language,
          score: Number((-h.score).toFixed(4)),
        })),
  }));
}

export async function getSymbol(t: IndexTarget, ref: string, page: Page) {
  return withIndex(t, (db) => {
    const rows = findSymbols(db, ref, page);
    if (rows.length === 0) {
      const near = searchSymbols(db, ref, { limit: 5, offset: 0 }).map((h) => h.qualname);
      throw new UserError(
        ErrorCodes.notFound,
        `no symbol "${ref}"`,
        near.length ? `did you mean: ${near.join(", ")}?` : undefined,
      );
    }
    return { ref, symbols: rows.map(viewSymbol) };
  });
}

export async function listAllSymbols(t: IndexTarget, opts: Page & { glob?: string; kind?: string }) {
  return withIndex(t, (db) => {
    const r = listSymbols(db, opts);
    return { total: r.total, limit: opts.limit, offset: opts.offset, symbols: r.rows.map(viewSymbol) };
  });
}

/** Where streamed lines go: `write` returns false when the reader is behind; then `drained` waits for it. */
export interface LineSink {
  write(line: string): boolean;
  drained(): Promise<void>;
  /** The reader went away (a closed pipe): stop early. */
  closed(): boolean;
}

/**
 * `cadre index symbols --all`: every symbol as one JSON line, read from SQLite row by row and written with
 * backpressure, so memory stays constant. Returns the number of lines written.
 */
export async function streamSymbols(
  t: IndexTarget,
  opts: { glob?: string; kind?: string },
  sink: LineSink,
): Promise<number> {
  return withIndex(t, async (db) => {
    let n = 0;
    const rows = iterateSymbols(db, opts);
    try {
      for (const row of rows) {
        if (sink.closed()) break;
        n++;
        if (!sink.write(`${JSON.stringify(viewSymbol(row))}\n`)) await sink.drained();
      }
    } finally {
      rows.return?.();
    }
    return n;
  });
}

export async function outlineFile(t: IndexTarget, path: string) {
  const rel = path.replace(/^\.\//, "");
  return withIndex(t, (db) => {
    const f = getFile(db, rel);
    if (!f)
      throw new UserError(
        ErrorCodes.notFound,
        `"${rel}" is not in the index`,
        "paths are relative to the repository root; run `cadre index refresh`",
      );
    // The outline describes the file as indexed: refuse it when the path now leads somewhere cadre does not read.
    const refused = checkInside(t.root, f.path);
    if (refused && refused.refused !== "missing")
      throw new UserError(ErrorCodes.unsafePath, refused.reason, "run `cadre index refresh`");
    return {
      path: f.path,
      language: f.language,
      lines: f.lines,
      parseError: f.error,
      generated: f.generated === 1,
      imports: JSON.parse(f.imports) as string[],
      symbols: fileSymbols(db, f.id).map((s) => ({ ...viewSymbol(s), depth: s.depth })),
    };
  });
}

import { hash } from "node:crypto";
import type { Statement } from "better-sqlite3";
import type { Db } from "./db.js";
import { escapeLike, ftsQuery } from "./fts.js";
import { prepareForStore } from "./prepare.js";
import type { FileExtract, SymbolDef } from "./types.js";

/** Reads and writes of the index tables. All user input is bound as parameters. */

export interface FileRow {
  id: number;
  path: string;
  language: string;
  size: number;
  mtime_ms: number;
  hash: string;
  lines: number;
  error: string | null;
  imports: string;
  refs: string;
  /** 1 when the file says it is generated (`walk.ts` `isGenerated`). */
  generated: number;
}

export interface SymbolRow {
  rowid: number;
  id: string;
  file_id: number;
  path: string;
  name: string;
  qualname: string;
  kind: string;
  line: number;
  end_line: number;
  depth: number;
  signature: string;
  doc: string;
  hash: string;
  /** 1 when the symbol's file is generated. */
  generated: number;
}

/** sha1 (hex) of a text; the one-shot `crypto.hash` costs a third of `createHash` on short inputs. */
export function hashText(s: string): string {
  return hash("sha1", s);
}

/** Stable ids: path + qualified name + kind, and `~n` for the n-th repeat (overloads) in one file. */
export function symbolIds(path: string, symbols: readonly SymbolDef[]): string[] {
  const seen = new Map<string, number>();
  return symbols.map((s) => {
    const base = `${path}#${s.qualname}:${s.kind}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}~${n}`;
  });
}

export interface FileInput {
  path: string;
  language: string;
  size: number;
  mtimeMs: number;
  hash: string;
  text: string;
  extract: FileExtract;
  generated?: boolean;
}

export class Store {
  private readonly q;
  constructor(readonly db: Db) {
    this.q = {
      fileByPath: db.prepare("SELECT * FROM files WHERE path = ?"),
      insertFile: db.prepare(
        "INSERT INTO files(path, language, size, mtime_ms, hash, lines, error, imports, refs, generated) VALUES (?,?,?,?,?,?,?,?,?,?)",
      ),
      touchFile: db.prepare("UPDATE files SET mtime_ms = ?, size = ? WHERE id = ?"),
      deleteFile: db.prepare("DELETE FROM files WHERE id = ?"),
      insertSymbol: db.prepare(
        "INSERT INTO symbols(id, file_id, name, qualname, kind, line, end_line, depth, signature, doc, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
      ),
      symbolRowids: db.prepare("SELECT rowid FROM symbols WHERE file_id = ?"),
      deleteSymbolFts: db.prepare("DELETE FROM symbols_fts WHERE rowid = ?"),
      insertSymbolFts: db.prepare(
        "INSERT INTO symbols_fts(rowid, name, qualname, signature, doc) VALUES (?,?,?,?,?)",
      ),
      deleteFileFts: db.prepare("DELETE FROM files_fts WHERE rowid = ?"),
      insertFileFts: db.prepare("INSERT INTO files_fts(rowid, path, body) VALUES (?,?,?)"),
    };
  }

  allFiles(): Array<Pick<FileRow, "id" | "path" | "size" | "mtime_ms" | "hash">> {
    return this.db.prepare("SELECT id, path, size, mtime_ms, hash FROM files").all() as FileRow[];
  }

  file(path: string): FileRow | undefined {
    return this.q.fileByPath.get(path) as FileRow | undefined;
  }

  touchFile(id: number, mtimeMs: number, size: number): void {
    this.q.touchFile.run(mtimeMs, size, id);
  }

  removeFile(id: number): void {
    for (const r of this.q.symbolRowids.all(id) as Array<{ rowid: number }>)
      this.q.deleteSymbolFts.run(r.rowid);
    this.q.deleteFileFts.run(id);
    this.q.deleteFile.run(id);
  }

  /** Insert a file with its symbols and full text; returns the new file id. */
  addFile(f: FileInput): number {
    const x = f.extract;
    const p = x.prepared ?? prepareForStore(f.text, x);
    const info = this.q.insertFile.run(
      f.path,
      f.language,
      f.size,
      f.mtimeMs,
      f.hash,
      p.lines,
      x.error ?? null,
      JSON.stringify(x.imports),
      p.refsText ?? x.refs.join(" "),
      f.generated ? 1 : 0,
    );
    const fileId = Number(info.lastInsertRowid);
    const ids = symbolIds(f.path, x.symbols);
    x.symbols.forEach((s, i) => {
      const r = this.q.insertSymbol.run(
        ids[i],
        fileId,
        s.name,
        s.qualname,
        s.kind,
        s.line,
        s.endLine,
        s.depth,
        s.signature,
        s.doc,
        p.symbolHashes[i],
      );
      const fts = p.symbolFts[i] as [string, string, string];
      this.q.insertSymbolFts.run(r.lastInsertRowid, fts[0], fts[1], fts[2], s.doc);
    });
    const body = p.bodySuffix ? `${f.text}\n${p.bodySuffix}` : f.text;
    this.q.insertFileFts.run(fileId, f.path.replace(/[/._-]/g, " "), body);
    return fileId;
  }
}

/** Prepared statements, cached per connection (preparing costs more than most lookups). */
const stmts = new WeakMap<Db, Map<string, Statement>>();
function stmt(db: Db, sql: string): Statement {
  const m = stmts.get(db) ?? new Map<string, Statement>();
  stmts.set(db, m);
  const st = m.get(sql) ?? db.prepare(sql);
  m.set(sql, st);
  return st;
}

const SYMBOL_COLS =
  "s.rowid, s.id, s.file_id, f.path, s.name, s.qualname, s.kind, s.line, s.end_line, s.depth, s.signature, s.doc, s.hash, f.generated";

export interface Page {
  limit: number;
  offset: number;
}

/**
 * Find symbols by id, exact name, qualified name or qualified suffix (`Class.method`); function locals last,
 * and definitions in generated files after hand-written ones (short of an exact qualified match).
 */
export function findSymbols(db: Db, ref: string, page: Page = { limit: 50, offset: 0 }): SymbolRow[] {
  const byId = stmt(
    db,
    `SELECT ${SYMBOL_COLS} FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.id = ?`,
  ).get(ref);
  if (byId) return [byId as SymbolRow];
  const last = ref.slice(ref.lastIndexOf(".") + 1);
  // Two indexed lookups (bare name, full qualified name) unioned; a dotted ref must also match as a suffix.
  return stmt(
    db,
    `SELECT ${SYMBOL_COLS} FROM symbols s JOIN files f ON f.id = s.file_id
     WHERE s.rowid IN (SELECT rowid FROM symbols WHERE name = @last COLLATE NOCASE
                       UNION SELECT rowid FROM symbols WHERE qualname = @ref COLLATE NOCASE)
       AND (instr(@ref, '.') = 0 OR s.qualname = @ref COLLATE NOCASE OR s.qualname LIKE @suffix ESCAPE '\\')
     ORDER BY (s.kind = 'local'), (s.qualname = @ref) DESC, f.generated, (s.name = @last) DESC, length(s.qualname), f.path, s.line
     LIMIT @limit OFFSET @offset`,
  ).all({ last, ref, suffix: `%.${escapeLike(ref)}`, limit: page.limit, offset: page.offset }) as SymbolRow[];
}

export interface SymbolHit extends SymbolRow {
  score: number;
}

/** Full-text search over symbol names, signatures and doc comments, best first (function locals after the rest). */
export function searchSymbols(db: Db, query: string, page: Page, kind?: string): SymbolHit[] {
  const match = ftsQuery(query);
  if (!match) return [];
  return stmt(
    db,
    `SELECT ${SYMBOL_COLS}, bm25(symbols_fts, 10.0, 4.0, 2.0, 1.0) AS score
       FROM symbols_fts JOIN symbols s ON s.rowid = symbols_fts.rowid JOIN files f ON f.id = s.file_id
       WHERE symbols_fts MATCH ? AND (? IS NULL OR s.kind = ?)
       ORDER BY (s.kind = 'local'), score LIMIT ? OFFSET ?`,
  ).all(match, kind ?? null, kind ?? null, page.limit, page.offset) as SymbolHit[];
}

export interface FileHit {
  id: number;
  path: string;
  language: string;
  score: number;
}

export function searchFiles(db: Db, query: string, page: Page): FileHit[] {
  const match = ftsQuery(query, { prefix: false });
  if (!match) return [];
  return stmt(
    db,
    `SELECT f.id, f.path, f.language, bm25(files_fts, 4.0, 1.0) AS score
       FROM files_fts JOIN files f ON f.id = files_fts.rowid
       WHERE files_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?`,
  ).all(match, page.limit, page.offset) as FileHit[];
}

/** Every definition, optionally under a path glob (SQLite GLOB, bound as a parameter). */
export function listSymbols(
  db: Db,
  opts: { glob?: string; kind?: string } & Page,
): { rows: SymbolRow[]; total: number } {
  const where = "(@glob IS NULL OR f.path GLOB @glob) AND (@kind IS NULL OR s.kind = @kind)";
  const args = { glob: opts.glob ?? null, kind: opts.kind ?? null };
  const total = (
    db
      .prepare(`SELECT count(*) AS n FROM symbols s JOIN files f ON f.id = s.file_id WHERE ${where}`)
      .get(args) as {
      n: number;
    }
  ).n;
  const rows = stmt(
    db,
    `SELECT ${SYMBOL_COLS} FROM symbols s JOIN files f ON f.id = s.file_id WHERE ${where} ORDER BY f.path, s.line LIMIT @limit OFFSET @offset`,
  ).all({ ...args, limit: opts.limit, offset: opts.offset }) as SymbolRow[];
  return { rows, total };
}

/**
 * Every definition (optionally under a glob, of a kind) in path and line order, one row at a time: the rows
 * are read from the statement as the caller iterates, so memory stays constant however large the index.
 */
export function iterateSymbols(db: Db, opts: { glob?: string; kind?: string }): IterableIterator<SymbolRow> {
  return db
    .prepare(
      `SELECT ${SYMBOL_COLS} FROM symbols s JOIN files f ON f.id = s.file_id
       WHERE (@glob IS NULL OR f.path GLOB @glob) AND (@kind IS NULL OR s.kind = @kind) ORDER BY f.path, s.line`,
    )
    .iterate({ glob: opts.glob ?? null, kind: opts.kind ?? null }) as IterableIterator<SymbolRow>;
}

export function fileSymbols(db: Db, fileId: number): SymbolRow[] {
  return stmt(
    db,
    `SELECT ${SYMBOL_COLS} FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.file_id = ? ORDER BY s.line, s.depth`,
  ).all(fileId) as SymbolRow[];
}

export function getFile(db: Db, path: string): FileRow | undefined {
  return stmt(db, "SELECT * FROM files WHERE path = ?").get(path) as FileRow | undefined;
}

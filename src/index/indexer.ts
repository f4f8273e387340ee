import { relative, resolve } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import {
  createSecondaryIndexes,
  type Db,
  dropSecondaryIndexes,
  getMeta,
  openDb,
  removeDb,
  setMeta,
} from "./db.js";
import { openParsePool, type ParsePool } from "./parse-pool.js";
import { readInside } from "./read-inside.js";
import { hashText, Store } from "./store.js";
import type { FileExtract } from "./types.js";
import { isGenerated, skipReason, toPosix, type WalkCache, type WalkEntry, walkRepoCached } from "./walk.js";

/** Build and refresh: walk, skip unchanged files (mtime+size, then hash), parse changed ones, store. */

export interface IndexOptions {
  root: string;
  dbPath: string;
  /** Re-index every file (build); otherwise only changed ones (refresh). */
  full?: boolean;
  maxFileBytes?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface IndexStats {
  files: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  skipped: { binary: number };
  /** Files in the index that say they are generated (indexed, flagged; kept out of the map and of L2). */
  generated: number;
  parseErrors: number;
  symbols: number;
  /** Why the database was recreated (corrupt, too new), if it was. */
  rebuilt?: string;
}

const WALK_CACHE_KEY = "walk";
/**
 * What extraction produces. Bump it when the extractors or what is stored per file change (a new language,
 * generated files indexed): an index built by another version is rebuilt by its next refresh, since unchanged
 * files would otherwise keep what the old extractors made of them.
 */
export const EXTRACT_VERSION = "3";
const EXTRACT_VERSION_KEY = "extract_version";

function readWalkCache(db: Db): WalkCache | undefined {
  const raw = getMeta(db, WALK_CACHE_KEY);
  try {
    return raw ? (JSON.parse(raw) as WalkCache) : undefined;
  } catch {
    return undefined;
  }
}

function excludeFor(root: string, dbPath: string): string[] {
  const rel = toPosix(relative(root, resolve(dbPath, "..")));
  return rel && !rel.startsWith("..") ? [rel] : [];
}

function clearAll(db: Db): void {
  db.exec(
    "DELETE FROM symbols; DELETE FROM files; INSERT INTO symbols_fts(symbols_fts) VALUES('delete-all'); INSERT INTO files_fts(files_fts) VALUES('delete-all');",
  );
}

/** Drop summaries whose symbol or file is gone or whose source changed; unchanged ones are kept. */
function pruneSummaries(db: Db): void {
  db.exec(`DELETE FROM summaries WHERE NOT EXISTS (SELECT 1 FROM symbols s WHERE s.id = summaries.target AND s.hash = summaries.source_hash)
    AND NOT EXISTS (SELECT 1 FROM files f WHERE f.path = summaries.target AND f.hash = summaries.source_hash)`);
}

/** Files read and waiting for their parse at once (bounds memory). */
const MAX_IN_FLIGHT = 16;

export async function indexRepo(opts: IndexOptions): Promise<IndexStats> {
  try {
    return await indexOnce(opts);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "SQLITE_BUSY")
      throw new UserError(
        ErrorCodes.io,
        "the code index is being updated by another cadre process",
        "wait for it to finish (e.g. a long `cadre index build`), then run the command again",
      );
    // Damage found mid-build (the open-time probe is cheap, not exhaustive): start again from scratch.
    if (code !== "SQLITE_CORRUPT") throw e;
    removeDb(opts.dbPath);
    return { ...(await indexOnce({ ...opts, full: true })), rebuilt: (e as Error).message };
  }
}

async function indexOnce(given: IndexOptions): Promise<IndexStats> {
  const { db, rebuilt } = openDb(given.dbPath);
  try {
    const opts = getMeta(db, EXTRACT_VERSION_KEY) === EXTRACT_VERSION ? given : { ...given, full: true };
    // A refresh reuses the directory listings of the last walk where directories are unchanged.
    const walk = walkRepoCached(
      opts.root,
      { maxFileBytes: opts.maxFileBytes, exclude: excludeFor(opts.root, opts.dbPath) },
      opts.full ? undefined : readWalkCache(db),
    );
    const entries = walk.entries;
    const stats: IndexStats = {
      files: 0,
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 0,
      skipped: { binary: 0 },
      generated: 0,
      parseErrors: 0,
      symbols: 0,
      ...(rebuilt ? { rebuilt } : {}),
    };
    // One write transaction for the whole run: concurrent refreshes wait for it (serialised).
    db.exec("BEGIN IMMEDIATE");
    let pool: ParsePool | undefined;
    try {
      const store = new Store(db);
      const existing = new Map(store.allFiles().map((f) => [f.path, f]));
      // Only files whose mtime or size changed need reading; a no-op refresh parses nothing, and a small
      // one parses in-process (no worker start-up, only the grammars it needs).
      const stale = opts.full ? entries : entries.filter((e) => isStale(existing.get(e.path), e));
      pool = openParsePool({ files: stale.length, bytes: stale.reduce((n, e) => n + e.size, 0) });
      await applyEntries(store, existing, entries, opts, stats, pool);
      if (walk.cacheChanged) setMeta(db, WALK_CACHE_KEY, JSON.stringify(walk.cache));
      db.exec("COMMIT");
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw e;
    } finally {
      await pool?.close();
    }
    stats.symbols = (db.prepare("SELECT count(*) AS n FROM symbols").get() as { n: number }).n;
    stats.files = (db.prepare("SELECT count(*) AS n FROM files").get() as { n: number }).n;
    stats.generated = (
      db.prepare("SELECT count(*) AS n FROM files WHERE generated = 1").get() as { n: number }
    ).n;
    return stats;
  } finally {
    db.close();
  }
}

type KnownFile = ReturnType<Store["allFiles"]>[number];

function isStale(row: KnownFile | undefined, e: WalkEntry): boolean {
  return !row || row.size !== e.size || row.mtime_ms !== e.mtimeMs;
}

async function applyEntries(
  store: Store,
  known: Map<string, KnownFile>,
  entries: WalkEntry[],
  opts: IndexOptions,
  stats: IndexStats,
  pool: ParsePool,
): Promise<void> {
  const db = store.db;
  let existing = known;
  if (opts.full) {
    clearAll(db);
    existing = new Map();
    // Built once after the bulk insert (see db.ts); the transaction rolls the drop back on failure.
    dropSecondaryIndexes(db);
  }
  const seen = new Set<string>();
  const inflight = new Set<Promise<void>>();
  let done = 0;
  for (const e of entries) {
    if (++done % 50 === 0) opts.onProgress?.(done, entries.length);
    const row = existing.get(e.path);
    if (!isStale(row, e)) {
      seen.add(e.path);
      stats.unchanged++;
      continue;
    }
    // Resolved and contained at read time: a file swapped for a link out of the repository since the walk
    // is not read (and drops out of the index).
    const read = readInside(opts.root, e.path);
    if (!("text" in read)) continue;
    const text = read.text;
    const skip = skipReason(text);
    if (skip) {
      stats.skipped[skip]++;
      continue;
    }
    seen.add(e.path);
    const hash = hashText(text);
    if (row && row.hash === hash) {
      store.touchFile(row.id, e.mtimeMs, e.size);
      stats.unchanged++;
      continue;
    }
    if (row) store.removeFile(row.id);
    if (row) stats.updated++;
    else stats.added++;
    const put = (extract: FileExtract) => {
      if (extract.error) stats.parseErrors++;
      store.addFile({
        path: e.path,
        language: e.language,
        size: e.size,
        mtimeMs: e.mtimeMs,
        hash,
        text,
        extract,
        generated: isGenerated(text),
      });
    };
    if (pool.saturated(text.length)) {
      // The workers have enough queued: parse this one here, then let their answers in (they are stored
      // as they arrive; inserts stay on this thread).
      put(await pool.parseHere(e.language, text));
      await new Promise<void>((r) => setImmediate(r));
      continue;
    }
    const job = pool.parse(e.language, text).then(put);
    inflight.add(job);
    void job.finally(() => inflight.delete(job));
    if (inflight.size >= MAX_IN_FLIGHT) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  // Free the parsers' memory before the index sort and the commit.
  await pool.close();
  if (opts.full) createSecondaryIndexes(db);
  for (const [path, row] of existing) {
    if (seen.has(path)) continue;
    store.removeFile(row.id);
    stats.removed++;
  }
  pruneSummaries(db);
  setMeta(db, "root", opts.root);
  setMeta(db, EXTRACT_VERSION_KEY, EXTRACT_VERSION);
  setMeta(db, "indexed_at", new Date().toISOString());
  opts.onProgress?.(entries.length, entries.length);
}

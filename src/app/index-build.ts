import { statSync, watch } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { countTokensMany } from "../core/tokens.js";
import { dbExists, getMeta, SCHEMA_VERSION } from "../index/db.js";
import { type IndexStats, indexRepo } from "../index/indexer.js";
import { type FileRefresh, refreshFiles } from "../index/refresh-files.js";
import { type FileRow, fileSymbols } from "../index/store.js";
import { fileSummaryRows, type SummaryRow } from "../index/summaries.js";
import { type IndexTarget, withIndex } from "./index-open.js";

/** `cadre index build | refresh | stats | summarize`. */

export interface BuildResult extends IndexStats {
  dbPath: string;
  ms: number;
}

export async function buildIndex(
  t: IndexTarget,
  opts: { full: boolean; maxFileBytes?: number; onProgress?: (done: number, total: number) => void },
): Promise<BuildResult> {
  const start = performance.now();
  const stats = await indexRepo({ root: t.root, dbPath: t.dbPath, ...opts });
  return { ...stats, dbPath: t.dbPath, ms: Math.round(performance.now() - start) };
}

/** One refresh of named files (`cadre index refresh <path…>`, `cadre index watch`), or a walk of the tree. */
export type WatchRefresh =
  | ({ scope: "walk" } & BuildResult)
  | {
      scope: "files";
      dbPath: string;
      paths: string[];
      added: 0;
      updated: number;
      removed: number;
      ms: number;
    };

/**
 * `cadre index refresh <path…>`: re-index these files in place (one `stat` each when unchanged), without a
 * walk of the tree. A path the index does not hold (a new file, a folder, a path outside the repository) cannot be
 * judged without the walk's ignore rules, and a missing index has nothing to refresh: then the whole refresh
 * runs instead, and says so (`scope: "walk"`).
 */
export async function refreshPaths(t: IndexTarget, paths: readonly string[]): Promise<WatchRefresh> {
  // No index yet: there is nothing to refresh in place, so build it (the walk), rather than report "unchanged".
  if (!dbExists(t.dbPath)) return { scope: "walk", ...(await buildIndex(t, { full: false })) };
  const start = performance.now();
  const rel = paths.map((p) => relative(t.root, resolve(t.root, p)).split(sep).join("/"));
  const r = await refreshFiles({ root: t.root, dbPath: t.dbPath, paths: rel });
  if (r.unknown.length || r.refused.length)
    return { scope: "walk", ...(await buildIndex(t, { full: false })) };
  const ms = Math.round(performance.now() - start);
  return {
    scope: "files",
    dbPath: t.dbPath,
    paths: [...r.updated, ...r.removed],
    added: 0,
    ...counts(r),
    ms,
  };
}

/**
 * `cadre index watch`: keep the index fresh until the signal aborts. A changed file the index holds is
 * re-indexed on its own within `fileDebounceMs` (default 10 ms: an editor's save is several events); a path the
 * index does not hold (a new file, a folder, a rename), or an event without a name, brings a walk of the
 * whole tree after `debounceMs` (default 300 ms), which also applies the ignore rules. Changes under the
 * database's folder and `.git` are ignored, so the index's own writes do not trigger refreshes.
 */
export async function watchIndex(
  t: IndexTarget,
  opts: {
    debounceMs?: number;
    fileDebounceMs?: number;
    signal?: AbortSignal;
    onRefresh: (r: WatchRefresh | Error) => void;
  },
): Promise<void> {
  const dbDir = resolve(t.dbPath, "..");
  const pending = new Set<string>();
  let walkTimer: NodeJS.Timeout | undefined;
  let fileTimer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  // A job that changed nothing (a save with the same text, a path the walk will look at) reports nothing.
  const queue = (job: () => Promise<WatchRefresh | undefined>) => {
    running = running.then(() => job().then((r) => r && opts.onRefresh(r), opts.onRefresh));
  };
  const walk = async (): Promise<WatchRefresh> => ({
    scope: "walk",
    ...(await buildIndex(t, { full: false })),
  });
  const scheduleWalk = () => {
    clearTimeout(walkTimer);
    walkTimer = setTimeout(() => queue(walk), opts.debounceMs ?? 300);
  };
  const files = async (): Promise<WatchRefresh | undefined> => {
    const paths = [...pending];
    pending.clear();
    const start = performance.now();
    const r = await refreshFiles({ root: t.root, dbPath: t.dbPath, paths }).catch((e) => {
      // Another process is writing the index: the walk after it catches these files up.
      if ((e as { code?: string }).code !== "SQLITE_BUSY") throw e;
      return undefined;
    });
    if (!r) {
      scheduleWalk();
      return undefined;
    }
    if (r.unknown.length || r.refused.length) scheduleWalk();
    const ms = Math.round(performance.now() - start);
    if (!r.updated.length && !r.removed.length) return undefined;
    return {
      scope: "files",
      dbPath: t.dbPath,
      paths: [...r.updated, ...r.removed],
      added: 0,
      ...counts(r),
      ms,
    };
  };
  const watcher = watch(t.root, { recursive: true, signal: opts.signal }, (_event, file) => {
    if (!file) return scheduleWalk();
    const abs = resolve(t.root, file.toString());
    if (abs === dbDir || abs.startsWith(`${dbDir}${sep}`) || abs.split(sep).includes(".git")) return;
    pending.add(relative(t.root, abs).split(sep).join("/"));
    clearTimeout(fileTimer);
    fileTimer = setTimeout(() => queue(files), opts.fileDebounceMs ?? 10);
  });
  // Watch first (recursive watches are set up asynchronously), then bring the index up to date.
  opts.onRefresh(await walk());
  await new Promise<void>((done) => {
    watcher.on("close", () => done());
    opts.signal?.addEventListener("abort", () => done());
  });
  clearTimeout(walkTimer);
  clearTimeout(fileTimer);
  await running;
}

function counts(r: FileRefresh): { updated: number; removed: number } {
  return { updated: r.updated.length, removed: r.removed.length };
}

export interface IndexStatsResult {
  dbPath: string;
  schemaVersion: number;
  indexedAt: string | null;
  files: number;
  symbols: number;
  summaries: number;
  parseErrors: number;
  /** Files that say they are generated (indexed, kept out of the map and of L2 by default). */
  generated: number;
  dbBytes: number;
  languages: Array<{ language: string; files: number; symbols: number }>;
  kinds: Array<{ kind: string; symbols: number }>;
}

export async function indexStats(t: IndexTarget): Promise<IndexStatsResult> {
  return withIndex(t, (db) => {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    let dbBytes = 0;
    for (const p of [t.dbPath, `${t.dbPath}-wal`]) {
      try {
        dbBytes += statSync(p).size;
      } catch {}
    }
    return {
      dbPath: t.dbPath,
      schemaVersion: SCHEMA_VERSION,
      indexedAt: getMeta(db, "indexed_at") ?? null,
      files: one("SELECT count(*) AS n FROM files"),
      symbols: one("SELECT count(*) AS n FROM symbols"),
      summaries: one("SELECT count(*) AS n FROM summaries"),
      parseErrors: one("SELECT count(*) AS n FROM files WHERE error IS NOT NULL"),
      generated: one("SELECT count(*) AS n FROM files WHERE generated = 1"),
      dbBytes,
      languages: db
        .prepare(
          `SELECT f.language, count(DISTINCT f.id) AS files, count(s.rowid) AS symbols
           FROM files f LEFT JOIN symbols s ON s.file_id = f.id GROUP BY f.language ORDER BY files DESC`,
        )
        .all() as IndexStatsResult["languages"],
      kinds: db
        .prepare("SELECT kind, count(*) AS symbols FROM symbols GROUP BY kind ORDER BY symbols DESC")
        .all() as IndexStatsResult["kinds"],
    };
  });
}

export interface SummarizeResult {
  written: number;
  kept: number;
  tokens: number;
  /** Files summarised (or found up to date) before the run ended. */
  files: number;
  total: number;
  /** The signal stopped the run between two files; what was written stays. */
  interrupted: boolean;
}

/**
 * Store L0 and L1 summaries for files and symbols that lack one or whose source changed. Summaries of
 * unchanged symbols survive refreshes (they are keyed by stable id and source hash). One transaction per
 * file, and a turn of the event loop between files, so an interrupt (or `signal`) stops between two files
 * with every finished file's summaries kept.
 */
export async function summarizeIndex(
  t: IndexTarget,
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<SummarizeResult> {
  return withIndex(t, async (db) => {
    const have = new Set(
      (
        db
          .prepare("SELECT target || ' ' || source_hash AS k FROM summaries WHERE tier = 'L1'")
          .all() as Array<{ k: string }>
      ).map((r) => r.k),
    );
    const files = db.prepare("SELECT * FROM files ORDER BY path").all() as FileRow[];
    const put = db.prepare(
      "INSERT INTO summaries(target, tier, source_hash, text, tokens) VALUES (?,?,?,?,?) ON CONFLICT(target, tier) DO UPDATE SET source_hash = excluded.source_hash, text = excluded.text, tokens = excluded.tokens",
    );
    const write = db.transaction((rows: SummaryRow[], tokens: number[]) => {
      rows.forEach((r, i) => {
        put.run(...r, tokens[i]);
      });
    });
    const r: SummarizeResult = {
      written: 0,
      kept: 0,
      tokens: 0,
      files: 0,
      total: files.length,
      interrupted: false,
    };
    let shown = performance.now();
    for (const f of files) {
      if (opts.signal?.aborted) {
        r.interrupted = true;
        break;
      }
      const { rows, kept } = fileSummaryRows(f, fileSymbols(db, f.id), have);
      r.kept += kept;
      if (rows.length) {
        const tokens = await countTokensMany(rows.map((x) => x[3]));
        write.immediate(rows, tokens);
        r.written += rows.length;
        for (const n of tokens) r.tokens += n;
      }
      r.files++;
      if (opts.onProgress && (r.files % 50 === 0 || performance.now() - shown > 250)) {
        shown = performance.now();
        opts.onProgress(r.files, files.length);
      }
      // Let signals in between two files (a handler may stop the process here: every transaction is done).
      await new Promise<void>((done) => setImmediate(done));
    }
    if (!r.interrupted) opts.onProgress?.(files.length, files.length);
    return r;
  });
}

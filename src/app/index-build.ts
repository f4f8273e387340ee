import { statSync, watch } from "node:fs";
import { resolve, sep } from "node:path";
import { countTokensMany } from "../core/tokens.js";
import { getMeta, SCHEMA_VERSION } from "../index/db.js";
import { type IndexStats, indexRepo } from "../index/indexer.js";
import { fileItem, symbolItem } from "../index/recall.js";
import type { FileRow, SymbolRow } from "../index/store.js";
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

/**
 * `cadre index watch`: refresh after files change (debounced), until the signal aborts. Changes under the
 * database's folder are ignored, so the index's own writes do not trigger refreshes.
 */
export async function watchIndex(
  t: IndexTarget,
  opts: { debounceMs?: number; signal?: AbortSignal; onRefresh: (r: BuildResult | Error) => void },
): Promise<void> {
  const dbDir = resolve(t.dbPath, "..");
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => buildIndex(t, { full: false }).then(opts.onRefresh, opts.onRefresh));
    }, opts.debounceMs ?? 300);
  };
  const watcher = watch(t.root, { recursive: true, signal: opts.signal }, (_event, file) => {
    if (!file) return schedule();
    const abs = resolve(t.root, file.toString());
    if (abs === dbDir || abs.startsWith(`${dbDir}${sep}`) || abs.split(sep).includes(".git")) return;
    schedule();
  });
  // Watch first (recursive watches are set up asynchronously), then bring the index up to date.
  opts.onRefresh(await buildIndex(t, { full: false }));
  await new Promise<void>((done) => {
    watcher.on("close", () => done());
    opts.signal?.addEventListener("abort", () => done());
  });
  clearTimeout(timer);
  await running;
}

export interface IndexStatsResult {
  dbPath: string;
  schemaVersion: number;
  indexedAt: string | null;
  files: number;
  symbols: number;
  summaries: number;
  parseErrors: number;
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

/**
 * Store L0 and L1 summaries for files and symbols that lack one or whose source changed. Summaries of
 * unchanged symbols survive refreshes (they are keyed by stable id and source hash).
 */
export async function summarizeIndex(
  t: IndexTarget,
): Promise<{ written: number; kept: number; tokens: number }> {
  return withIndex(t, async (db) => {
    const have = new Set(
      (
        db
          .prepare("SELECT target || ' ' || source_hash AS k FROM summaries WHERE tier = 'L1'")
          .all() as Array<{ k: string }>
      ).map((r) => r.k),
    );
    const files = db.prepare("SELECT * FROM files").all() as FileRow[];
    const rows: Array<[string, string, string, string]> = [];
    let kept = 0;
    for (const f of files) {
      const syms = db
        .prepare(
          "SELECT s.*, f.path FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.file_id = ? AND s.kind NOT IN ('key','heading')",
        )
        .all(f.id) as SymbolRow[];
      const todo = syms.filter((s) => !have.has(`${s.id} ${s.hash}`));
      kept += syms.length - todo.length + (have.has(`${f.path} ${f.hash}`) ? 1 : 0);
      if (!have.has(`${f.path} ${f.hash}`)) {
        const c = fileItem(db, t.root, f).candidates;
        rows.push(
          [f.path, "L0", f.hash, c[0]?.text ?? ""],
          [f.path, "L1", f.hash, c[c.length > 2 ? c.length - 2 : 0]?.text ?? ""],
        );
      }
      for (const s of todo) {
        const c = symbolItem(db, t.root, s).candidates;
        rows.push([s.id, "L0", s.hash, c[0]?.text ?? ""], [s.id, "L1", s.hash, c[1]?.text ?? ""]);
      }
    }
    const tokens = await countTokensMany(rows.map((r) => r[3]));
    const put = db.prepare(
      "INSERT INTO summaries(target, tier, source_hash, text, tokens) VALUES (?,?,?,?,?) ON CONFLICT(target, tier) DO UPDATE SET source_hash = excluded.source_hash, text = excluded.text, tokens = excluded.tokens",
    );
    db.transaction(() => {
      rows.forEach((r, i) => {
        put.run(...r, tokens[i]);
      });
    }).immediate();
    return { written: rows.length, kept, tokens: tokens.reduce((a, b) => a + b, 0) };
  });
}

import { statSync } from "node:fs";
import { join } from "node:path";
import { openUsableDb } from "./db.js";
import type { Language } from "./languages.js";
import { extractFile, loadGrammars } from "./parse.js";
import { tierFor } from "./parse-pool.js";
import { readInside } from "./read-inside.js";
import { hashText, Store } from "./store.js";
import { isGenerated, skipReason } from "./walk.js";

/**
 * Refresh a few indexed files in place, in-process: the files a query is about to answer from. A file whose
 * size and mtime match the index costs one `stat` and takes no lock; a changed one is re-read, re-hashed and,
 * when its text changed, re-parsed and stored again in one short write transaction. A file gone from the
 * working tree (or now binary) leaves the index. Files not in the
 * index are left to the walk of `cadre index refresh`, which applies the ignore rules.
 */

export interface FileRefresh {
  /** Re-parsed and stored again (their text changed). */
  updated: string[];
  /** Dropped from the index. */
  removed: string[];
  /** Only their size or mtime changed: the stored stat was brought up to date. */
  touched: string[];
  /** Not read (a link out of the repository, not a regular file, too large); left as indexed. */
  refused: string[];
  /**
   * Not in the index (a new file, a folder, an ignored path): only a walk can tell whether it belongs. Every
   * path, when the index cannot be opened.
   */
  unknown: string[];
}

export interface RefreshFilesOptions {
  root: string;
  dbPath: string;
  paths: readonly string[];
  /** How long to wait for another writer's lock before giving up with SQLITE_BUSY (default 2 s). */
  busyMs?: number;
}

export async function refreshFiles(o: RefreshFilesOptions): Promise<FileRefresh> {
  const out: FileRefresh = { updated: [], removed: [], touched: [], refused: [], unknown: [] };
  const db = openUsableDb(o.dbPath);
  // An index it cannot open (corrupt, not a database) holds none of them: the caller's walk rebuilds it, or
  // reports why it cannot.
  if (!db) return { ...out, unknown: [...new Set(o.paths)] };
  try {
    const store = new Store(db);
    const stale: Array<{ path: string; id: number; language: string; hash: string }> = [];
    for (const path of new Set(o.paths)) {
      const row = store.file(path);
      if (!row) {
        out.unknown.push(path);
        continue;
      }
      const st = statSync(join(o.root, path), { throwIfNoEntry: false });
      if (st?.isFile() && st.size === row.size && st.mtimeMs === row.mtime_ms) continue;
      stale.push(row);
    }
    if (stale.length === 0) return out;
    const texts = stale.map((r) => readInside(o.root, r.path));
    tierFor(texts.reduce((n, t) => n + ("text" in t ? Buffer.byteLength(t.text) : 0), 0));
    await loadGrammars(stale.map((r) => r.language as Language));
    db.pragma(`busy_timeout = ${o.busyMs ?? 2000}`);
    db.transaction(() => {
      stale.forEach((row, i) => {
        apply(store, o.root, row, texts[i] as ReturnType<typeof readInside>, out);
      });
    }).immediate();
    return out;
  } finally {
    db.close();
  }
}

function apply(
  store: Store,
  root: string,
  row: { path: string; id: number; language: string; hash: string },
  read: ReturnType<typeof readInside>,
  out: FileRefresh,
): void {
  // Read again under the lock: another process may have refreshed the file meanwhile.
  const now = store.file(row.path);
  if (!now) return;
  const st = statSync(join(root, row.path), { throwIfNoEntry: false });
  // A path that now leads outside the repository (or to a folder, or a huge file) is not read: it stays as
  // indexed, and recall and outlines refuse it and say why, until a whole refresh drops it.
  if (!("text" in read) && read.refused !== "missing") {
    out.refused.push(row.path);
    return;
  }
  if (!("text" in read) || !st?.isFile() || skipReason(read.text)) {
    store.removeFile(now.id);
    out.removed.push(row.path);
    return;
  }
  const hash = hashText(read.text);
  if (hash === now.hash) {
    store.touchFile(now.id, st.mtimeMs, st.size);
    out.touched.push(row.path);
    return;
  }
  const language = now.language as Language;
  store.removeFile(now.id);
  store.addFile({
    path: row.path,
    language,
    size: st.size,
    mtimeMs: st.mtimeMs,
    hash,
    text: read.text,
    extract: extractFile(language, read.text),
    generated: isGenerated(read.text),
  });
  out.updated.push(row.path);
}

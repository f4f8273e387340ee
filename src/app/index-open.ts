import { resolve } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { type Db, dbExists, openDb } from "../index/db.js";
import { indexRepo } from "../index/indexer.js";

/** Where the index lives and how a use case opens it. */

export interface IndexTarget {
  root: string;
  dbPath: string;
}

export interface IndexTargetOptions {
  cwd: string;
  db?: string;
  env?: NodeJS.ProcessEnv;
}

export function resolveIndexTarget(opts: IndexTargetOptions): IndexTarget {
  const root = resolve(opts.cwd);
  const db = opts.db ?? opts.env?.CADRE_INDEX_DB;
  return { root, dbPath: db ? resolve(root, db) : resolve(root, ".cadre", "index.db") };
}

/**
 * Open the index for reading. A missing index is built first when `autoBuild` is set (recall, map, MCP);
 * otherwise the user is told to build it. `onNote` hears about rebuilt databases.
 */
export async function withIndex<T>(
  t: IndexTarget,
  fn: (db: Db) => T | Promise<T>,
  opts: { autoBuild?: boolean; onNote?: (msg: string) => void } = {},
): Promise<T> {
  if (!dbExists(t.dbPath)) {
    if (!opts.autoBuild)
      throw new UserError(
        ErrorCodes.notFound,
        `no code index at ${t.dbPath}`,
        "run `cadre index build` first",
      );
    await indexRepo({ root: t.root, dbPath: t.dbPath, full: true });
  }
  const { db, rebuilt } = openDb(t.dbPath);
  try {
    if (rebuilt) {
      opts.onNote?.(`the index database was unusable (${rebuilt}); it was recreated — rebuilding it now`);
      db.close();
      await indexRepo({ root: t.root, dbPath: t.dbPath, full: true });
      return await withIndex(t, fn, opts);
    }
    return await fn(db);
  } finally {
    if (db.open) db.close();
  }
}

export function parsePage(limit: unknown, offset: unknown, defLimit = 20): { limit: number; offset: number } {
  const l = limit === undefined ? defLimit : Number(limit);
  const o = offset === undefined ? 0 : Number(offset);
  if (!Number.isInteger(l) || l < 1 || l > 10_000)
    throw new UserError(ErrorCodes.usage, "--limit needs a whole number from 1 to 10000");
  if (!Number.isInteger(o) || o < 0)
    throw new UserError(ErrorCodes.usage, "--offset needs a whole number ≥ 0");
  return { limit: l, offset: o };
}

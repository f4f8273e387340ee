import { existsSync, lstatSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { ErrorCodes, UserError } from "../core/errors.js";

/** Opening the index database: WAL, a versioned schema with migrations, and rebuild on corruption. */

export type Db = BetterSqlite3.Database;

export const SCHEMA_VERSION = 2;

const SCHEMA_V1 = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  language TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  hash TEXT NOT NULL,
  lines INTEGER NOT NULL,
  error TEXT,
  imports TEXT NOT NULL DEFAULT '[]',
  refs TEXT NOT NULL DEFAULT ''
);
CREATE TABLE symbols(
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  qualname TEXT NOT NULL,
  kind TEXT NOT NULL,
  line INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  depth INTEGER NOT NULL,
  signature TEXT NOT NULL,
  doc TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX symbols_name ON symbols(name COLLATE NOCASE);
CREATE INDEX symbols_qualname ON symbols(qualname COLLATE NOCASE);
CREATE INDEX symbols_file ON symbols(file_id, line);
CREATE TABLE summaries(
  target TEXT NOT NULL,
  tier TEXT NOT NULL,
  source_hash TEXT NOT NULL,
  text TEXT NOT NULL,
  tokens INTEGER NOT NULL,
  PRIMARY KEY(target, tier)
);
CREATE VIRTUAL TABLE symbols_fts USING fts5(name, qualname, signature, doc, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE files_fts USING fts5(path, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
`;

/**
 * Secondary indexes on `symbols` (they are part of the schema). A full build drops them and creates them
 * once after the bulk insert, inside its transaction: one sort each instead of a B-tree insert per row.
 */
const SECONDARY_INDEXES: Record<string, string> = {
  symbols_name: "symbols(name COLLATE NOCASE)",
  symbols_qualname: "symbols(qualname COLLATE NOCASE)",
  symbols_file: "symbols(file_id, line)",
};

export function dropSecondaryIndexes(db: Db): void {
  for (const name of Object.keys(SECONDARY_INDEXES)) db.exec(`DROP INDEX IF EXISTS ${name}`);
}

export function createSecondaryIndexes(db: Db): void {
  for (const [name, on] of Object.entries(SECONDARY_INDEXES))
    db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`);
}

/** Migrations from version i to i+1 (index 0 creates version 1). Add new entries; never edit old ones. */
const MIGRATIONS: Array<(db: Db) => void> = [
  (db) => db.exec(SCHEMA_V1),
  // v2: generated files are indexed, flagged (they were skipped). The extraction version in `meta` changes
  // with it, so the next refresh re-reads every file (see indexer.ts `EXTRACT_VERSION`).
  (db) => db.exec("ALTER TABLE files ADD COLUMN generated INTEGER NOT NULL DEFAULT 0"),
];

export interface OpenResult {
  db: Db;
  /** Why the database was recreated, if it was. */
  rebuilt?: string;
}

function loadDriver(): typeof BetterSqlite3 {
  const require = createRequire(import.meta.url);
  return require("better-sqlite3") as typeof BetterSqlite3;
}

export function removeDb(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
}

function schemaVersion(db: Db): number {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION)
    throw new SchemaError(`schema version ${version} is newer than this cadre (${SCHEMA_VERSION})`);
  return version;
}

/** Migrate under the write lock; an up-to-date database (the common case) takes no lock at all. */
function migrate(db: Db): void {
  if (schemaVersion(db) === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Read again under the lock: another process may have migrated meanwhile.
    for (let v = schemaVersion(db); v < SCHEMA_VERSION; v++) MIGRATIONS[v]?.(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

class SchemaError extends Error {}

function tryOpen(path: string, readonly: boolean): Db {
  const Driver = loadDriver();
  const db = new Driver(path, { readonly, fileMustExist: readonly, timeout: 60_000 });
  try {
    if (!readonly) db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    // 16 MiB page cache: during a full build only the id and path indexes take random inserts (the other
    // indexes are built after the bulk insert); the parsers need the memory more.
    db.pragma("cache_size = -16384");
    db.pragma("foreign_keys = ON");
    // A cheap probe (a full integrity check costs seconds on large indexes): garbage fails here with
    // "file is not a database"; damage deeper in the file surfaces as SQLITE_CORRUPT during a build,
    // which `indexRepo` answers by rebuilding.
    db.pragma("schema_version", { simple: true });
    if (!readonly) migrate(db);
    else if ((db.pragma("user_version", { simple: true }) as number) !== SCHEMA_VERSION)
      throw new SchemaError("schema version differs");
    db.prepare("SELECT count(*) FROM meta").get();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Open (creating or migrating) the database; an unreadable, corrupt or too-new one is rebuilt empty. */
export function openDb(path: string): OpenResult {
  mkdirSync(dirname(path), { recursive: true });
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st && !st.isFile() && !st.isSymbolicLink())
    throw new UserError(
      ErrorCodes.io,
      `${path} is ${st.isDirectory() ? "a folder" : "not a regular file"}, not an index database`,
      "point --db (or CADRE_INDEX_DB) at a file; by default the index is .cadre/index.db",
    );
  try {
    return { db: tryOpen(path, false) };
  } catch (e) {
    const reason = (e as Error).message;
    const corrupt =
      e instanceof SchemaError || /not a database|malformed|corrupt|file is encrypted/i.test(reason);
    if (!corrupt) throw e;
    removeDb(path);
    return { db: tryOpen(path, false), rebuilt: reason };
  }
}

/**
 * Open an existing, usable database (migrating it), or return undefined — never recreating it: for callers
 * that only touch up an index (`refresh-files.ts`) and leave a rebuild, with its note, to `openDb`'s callers.
 */
export function openUsableDb(path: string): Db | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return tryOpen(path, false);
  } catch (e) {
    if ((e as { code?: string }).code === "SQLITE_BUSY") throw e;
    return undefined;
  }
}

export function dbExists(path: string): boolean {
  return existsSync(path);
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run(key, value);
}

import { link, lstat, mkdir, readdir, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { CADRE_GITIGNORE, LEGACY_CADRE_GITIGNORE } from "../core/cadre-dir.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import { sha256 } from "../core/hash.js";
import type { Content } from "../hosts/output.js";
import { atomicWrite, readNoFollow, type WriteOptions } from "./fs.js";

/** cadre's own state folder (`.cadre/` in a project, the XDG state folder for `--global`). */
export interface StateDir {
  dir: string;
}

/** The files cadre keeps directly in its state folder: each must be a regular file when it exists. */
const STATE_FILES = ["journal.json", "lock", "lock.break", "bases.json", "fingerprint.json", ".gitignore"];

function notReal(abs: string, what: string): UserError {
  return new UserError(
    ErrorCodes.unsafePath,
    `${abs} is ${what}; cadre keeps its state only in real folders and files it made`,
    `remove ${abs} (cadre recreates it) and run the command again`,
  );
}

async function kind(abs: string): Promise<"absent" | "file" | "dir" | "link" | "other"> {
  const st = await lstat(abs).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
  if (!st) return "absent";
  return st.isSymbolicLink() ? "link" : st.isFile() ? "file" : st.isDirectory() ? "dir" : "other";
}

/** A real folder (never a symlink), created when absent; anything else is a user error naming it. */
async function realDir(abs: string, parents: boolean): Promise<void> {
  const k = await kind(abs);
  if (k === "dir") return;
  if (k === "absent") {
    await mkdir(abs, { recursive: parents });
    if ((await kind(abs)) === "dir") return;
  }
  throw notReal(abs, k === "link" ? "a symlink" : "not a folder");
}

/**
 * Make sure the state folder and its cache are real folders (checked with lstat, created when absent) and
 * that none of cadre's state files is a symlink or a folder, before anything is written or deleted there.
 */
export async function ensureStateDir(state: StateDir): Promise<void> {
  await realDir(state.dir, true);
  await realDir(join(state.dir, "cache"), false);
  await Promise.all(
    STATE_FILES.map(async (f) => {
      const k = await kind(join(state.dir, f));
      if (k !== "absent" && k !== "file")
        throw notReal(join(state.dir, f), k === "link" ? "a symlink" : "not a file");
    }),
  );
  const ignore = join(state.dir, ".gitignore");
  const had = await readNoFollow(ignore).catch(() => null);
  if (had && Buffer.from(had).toString("utf8") === LEGACY_CADRE_GITIGNORE)
    await atomicWrite(ignore, CADRE_GITIGNORE);
  else await writeFile(ignore, CADRE_GITIGNORE, { flag: "wx" }).catch(() => undefined);
}

/** Content-addressed cache: the journal's before copies. */
export async function putBlob(state: StateDir, content: Content, opts: WriteOptions = {}): Promise<string> {
  const h = sha256(content);
  const p = join(state.dir, "cache", h);
  // Only a regular file of that name counts (a rename replaces anything else, never writes through it).
  if ((await kind(p)) !== "file") await atomicWrite(p, content, opts);
  return h;
}

export async function getBlob(state: StateDir, hash: string): Promise<Uint8Array | undefined> {
  if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
  const b = await readNoFollow(join(state.dir, "cache", hash)).catch(() => null);
  return b && sha256(b) === hash ? b : undefined;
}

export const BASES = "bases.json";

/**
 * Merge bases: the text cadre last rendered for each file, by sha256, kept in one file (one write per
 * sync instead of one per file). Only entries still named by the lock are kept. The applier writes it after
 * the files and journals its old bytes, so a rolled-back run leaves the previous bases in place.
 */
export async function putBases(
  state: StateDir,
  texts: readonly string[],
  keep: ReadonlySet<string>,
  opts: WriteOptions = {},
): Promise<void> {
  const current = await readBases(state);
  const next: Record<string, string> = {};
  for (const [h, t] of Object.entries(current)) if (keep.has(h)) next[h] = t;
  for (const t of texts) {
    const h = sha256(t);
    if (keep.has(h)) next[h] = t;
  }
  await atomicWrite(join(state.dir, BASES), JSON.stringify(next), opts);
}

async function readBases(state: StateDir): Promise<Record<string, string>> {
  try {
    const raw = await readNoFollow(join(state.dir, BASES));
    const v = raw ? (JSON.parse(new TextDecoder().decode(raw)) as unknown) : {};
    return v && typeof v === "object" ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Merge bases for the given hashes (missing ones are left out: the planner then reports a conflict). */
export async function getBases(state: StateDir, hashes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (hashes.length === 0) return out;
  const all = await readBases(state);
  for (const h of hashes) if (typeof all[h] === "string") out.set(h, all[h] as string);
  return out;
}

/**
 * Remove temporaries a killed run left in the state folder and its cache (`.<random>.cadre-tmp`, possibly
 * empty: state files and blobs are written through them). Call only while holding the process lock: no other
 * run writes there then. Only regular files and links are removed (a link itself, never its target).
 */
export async function sweepTemporaries(state: StateDir): Promise<void> {
  for (const dir of [state.dir, join(state.dir, "cache")]) {
    if ((await kind(dir)) !== "dir") continue;
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".cadre-tmp"));
    for (const n of names) {
      const k = await kind(join(dir, n));
      if (k === "file" || k === "link") await unlink(join(dir, n)).catch(() => undefined);
    }
  }
}

/** Remove cache entries nothing refers to any more (the cache must still be a real folder). */
export async function collectBlobs(state: StateDir, keep: ReadonlySet<string>): Promise<void> {
  const cache = join(state.dir, "cache");
  if ((await kind(cache)) !== "dir") return;
  const names = await readdir(cache).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => !keep.has(n)).map((n) => unlink(join(cache, n)).catch(() => undefined)),
  );
}

/**
 * Create `p` holding `text`, atomically: the content goes to a temporary file first, which is then hard-linked
 * to the name (fails when the name exists). So the name never holds an empty or partial file.
 */
async function createWith(p: string, text: string): Promise<boolean> {
  const tmp = join(dirname(p), `.${basename(p)}.${process.pid}.${Math.random().toString(36).slice(2)}`);
  await writeFile(tmp, text, { flag: "wx" });
  try {
    await link(tmp, p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** The pid a lock file names: a number, "gone" when the file vanished, or undefined when it names none. */
async function holder(p: string): Promise<number | "gone" | undefined> {
  const raw = await readNoFollow(p).catch(() => null);
  if (!raw) return "gone";
  const text = new TextDecoder().decode(raw);
  const m = /^(\d+)\n$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An inter-process lock: `.cadre/lock`, created atomically with the owner's pid in it. A lock is taken over
 * only when the process it names is gone, and only under a second short lock (`lock.break`), so two runs
 * that both find the same stale lock cannot both take it. A live one (or one that names no pid) is a user
 * error.
 */
export async function acquireProcessLock(state: StateDir): Promise<() => Promise<void>> {
  const p = join(state.dir, "lock");
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await createWith(p, mine)) {
      return async () => {
        if ((await holder(p)) === process.pid) await unlink(p).catch(() => undefined);
      };
    }
    const pid = await holder(p);
    if (pid === "gone") continue;
    // Our own pid in a lock is a killed run's whose pid came round again (containers reuse small pids).
    if (pid === undefined || (pid !== process.pid && alive(pid))) {
      throw new UserError(
        ErrorCodes.io,
        pid === undefined
          ? `${p} exists but names no process: another cadre run may be starting`
          : `another cadre run (pid ${pid}) is working on this project`,
        `wait for it to finish, or delete ${p} if no cadre run is active`,
      );
    }
    if (!(await breakStale(p, pid))) await sleep(5 + attempt * 5);
  }
  throw new UserError(ErrorCodes.io, `could not take the lock ${p}`, "try again");
}

/** Remove the lock `p` if it still names the dead `pid`, under the breaker lock. False when another run breaks it. */
async function breakStale(p: string, pid: number): Promise<boolean> {
  const b = `${p}.break`;
  if (!(await createWith(b, `${process.pid}\n`))) {
    const bp = await holder(b);
    // A breaker left by a run killed while breaking: nobody else can clear it.
    if (typeof bp === "number" && (bp === process.pid || !alive(bp))) await unlink(b).catch(() => undefined);
    return false;
  }
  try {
    if ((await holder(p)) === pid) await unlink(p);
    return true;
  } finally {
    await unlink(b).catch(() => undefined);
  }
}

/** Remove everything in the state folder but the process lock (uninstall, still holding it). */
export async function clearStateDir(state: StateDir): Promise<void> {
  const names = await readdir(state.dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n !== "lock")
      .map((n) => rm(join(state.dir, n), { recursive: true, force: true }).catch(() => undefined)),
  );
}

/** Remove the state folder once empty (after the lock is released); another run may already own it again. */
export async function dropStateDir(state: StateDir): Promise<void> {
  await rmdir(state.dir).catch(() => undefined);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

import { mkdir, readlink, rmdir, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { sha256 } from "../core/hash.js";
import { isSafeRelativePath } from "../core/names.js";
import type { Content } from "../hosts/output.js";
import type { Lock, Plan } from "../plan/types.js";
import { PROPOSAL_SUFFIX } from "../plan/types.js";
import { isProjectOutput } from "../render/project-files.js";
import {
  atomicWrite,
  linkFile,
  PathGuard,
  readMaybe,
  readNoFollow,
  removeFile,
  syncDir,
  tmpFor,
  type WriteOptions,
} from "./fs.js";
import { serializeLock } from "./lock.js";
import { BASES, collectBlobs, getBlob, putBases, putBlob, type StateDir } from "./state.js";

export interface ApplyTarget {
  /** The scope root every planned path is relative to. */
  root: string;
  state: StateDir;
  /** Absolute path of cadre.lock. */
  lockPath: string;
  /** Refuse every symlinked folder on the way (a project); false follows links that stay inside (home). */
  strict?: boolean;
}

export interface ApplyOptions {
  /**
   * Shared files that are symlinks to a file inside the root (a user's `CLAUDE.md -> AGENTS.md`): planned
   * path → the root-relative path of the real file, which is edited instead, so the link stays a link.
   */
  through?: ReadonlyMap<string, string>;
}

interface JournalEntry {
  path: string;
  /** Blob hash of the content before, or null when the file did not exist. */
  before: string | null;
  after: string | null;
  /** The path was a symlink to this target before. */
  link?: string;
  /** The file was executable before. */
  exec?: boolean;
}

interface Journal {
  version: 1;
  lockBefore: string | null;
  /** `.cadre/bases.json` before (null: absent); undefined when this run does not change it. */
  basesBefore?: string | null;
  /** Folders this run creates (root-relative), removed again by a rollback when empty. */
  dirs?: string[];
  entries: JournalEntry[];
}

const JOURNAL = "journal.json";

/**
 * Hook for crash tests: called after every step that changes the disk, with the number of steps done (a
 * temporary file created, filled, renamed; a file deleted; the journal, bases and lock written).
 */
export type CrashPoint = (steps: number) => void;

interface Job {
  path: string;
  abs: string;
  content: Content | null;
  link?: string;
  executable?: boolean;
}

/** Folders cadre created, from the old lock; a lock from before cadre recorded them: its files' folders. */
function createdDirs(prev: Lock | undefined): string[] {
  if (!prev) return [];
  if (prev.dirs) return prev.dirs.filter((d) => typeof d === "string" && isSafeRelativePath(d));
  const out = new Set<string>();
  for (const p of Object.keys(prev.files))
    for (let d = p.split("/").slice(0, -1); d.length > 0; d = d.slice(0, -1)) out.add(d.join("/"));
  return [...out];
}

function parseOld(raw: Uint8Array | null): Lock | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(raw)) as Lock;
  } catch {
    return undefined;
  }
}

/**
 * Execute a plan. Every file write is atomic (a temporary file, then rename, for new files too), and the whole
 * run goes through a journal: before any byte of a target changes, the old contents go to the cache and the
 * journal lists every path, the folders it will create, and the old lock and merge bases. The merge bases and
 * the lock are written after the files. A run killed at any point is rolled back by `recoverJournal` on the
 * next run. Returns the paths touched.
 */
export async function applyPlan(
  plan: Plan,
  t: ApplyTarget,
  crash?: CrashPoint,
  opts: ApplyOptions = {},
): Promise<string[]> {
  let steps = 0;
  const step = crash ? () => crash(++steps) : undefined;
  const writes = plan.actions.filter((a) => a.write !== undefined);
  const proposals = plan.actions.filter((a) => a.proposal !== undefined);
  const lockBefore = await readNoFollow(t.lockPath);
  const prevDirs = createdDirs(parseOld(lockBefore));
  plan.lock.dirs = [...prevDirs].sort();
  if (
    writes.length === 0 &&
    proposals.length === 0 &&
    lockBefore &&
    new TextDecoder().decode(lockBefore) === serializeLock(plan.lock)
  )
    return [];
  const guard = new PathGuard(t.root, t.strict ?? true);
  const jobs: Job[] = [
    ...writes.map((a) => ({
      path: (a.write !== null && opts.through?.get(a.path)) || a.path,
      content: a.write ?? null,
      link: a.link,
      executable: a.executable,
    })),
    ...proposals.map((a) => ({ path: a.path + PROPOSAL_SUFFIX, content: a.proposal as string })),
  ].map((j) => ({ ...j, abs: "" }));
  const entries: JournalEntry[] = [];
  const newDirs = new Set<string>();
  await mapLimit(jobs, 32, async (j) => {
    const found = await guard.require(j.path);
    j.abs = found.abs;
    for (const d of found.missing) newDirs.add(rel(t.root, d));
    // A symlink is journaled by its target (never read through); a file by its content and exec bit.
    const link = found.kind === "link" ? await readlink(found.abs) : undefined;
    const cur = found.kind === "file" ? await readMaybe(found.abs) : null;
    const exec = cur !== null && ((await stat(found.abs)).mode & 0o100) !== 0;
    // The old content goes to the cache (to roll back); the new one is only identified by its hash.
    entries.push({
      path: j.path,
      before: cur ? await putBlob(t.state, cur, { sync: true }) : null,
      after: j.content !== null ? sha256(j.content) : null,
      ...(link !== undefined ? { link } : {}),
      ...(cur !== null ? { exec } : {}),
    });
  });
  entries.sort((x, y) => (x.path < y.path ? -1 : 1));
  const owned = new Set(Object.values(plan.lock.files).map((e) => e.sha256));
  const texts = [...new Set(plan.actions.flatMap((a) => a.bases ?? []))];
  const basesRaw = await readNoFollow(join(t.state.dir, BASES));
  const journal: Journal = {
    version: 1,
    lockBefore: lockBefore ? await putBlob(t.state, lockBefore, { sync: true }) : null,
    basesBefore: basesRaw ? await putBlob(t.state, basesRaw, { sync: true }) : null,
    dirs: [...newDirs].sort(),
    entries,
  };
  const journalPath = join(t.state.dir, JOURNAL);
  await atomicWrite(journalPath, JSON.stringify(journal), { sync: true, fixedTmp: true, step });
  await makeDirs(t.root, journal.dirs ?? []);
  const removable = new Set([...prevDirs, ...newDirs].map((d) => join(t.root, d)));
  const removed = new Set<string>();
  const dirs = new Set<string>();
  const copied: string[] = [];
  const w: WriteOptions = { sync: true, syncDir: false, fixedTmp: true, step };
  await mapLimit(jobs, crash ? 1 : 128, async ({ abs, content, link, executable, path }) => {
    if (content !== null && link) {
      // --link: a symlink to the pack's file; where symlinks are not allowed, a copy (and the lock says so).
      const ok = await linkFile(abs, link).then(
        () => true,
        () => false,
      );
      if (ok) step?.();
      else {
        copied.push(path);
        await atomicWrite(abs, content, w);
      }
    } else if (content === null) {
      for (const d of await removeFile(abs, t.root, (d) => removable.has(d))) removed.add(d);
      step?.();
    } else await atomicWrite(abs, content, { ...w, executable });
    dirs.add(dirname(abs));
  });
  await mapLimit([...dirs], 32, syncDir);
  for (const p of copied) delete plan.lock.files[p]?.link;
  const kept = await Promise.all(
    [...removable].filter((d) => !removed.has(d)).map(async (d) => ((await isDir(d)) ? rel(t.root, d) : "")),
  );
  plan.lock.dirs = kept.filter(Boolean).sort();
  await putBases(t.state, texts, owned, { sync: true, fixedTmp: true, step });
  await atomicWrite(t.lockPath, serializeLock(plan.lock), { sync: true, fixedTmp: true, step });
  await removeFile(journalPath, t.state.dir, () => false);
  step?.();
  await collectBlobs(t.state, new Set());
  return writes.map((a) => a.path);
}

/**
 * Create the journaled new folders before the files, parents first, each with one `mkdir` (the writes would
 * otherwise each fail to open, then create the folder chain, hundreds of times over for one new folder). A
 * folder that cannot be made here is left to the write, which reports it.
 */
async function makeDirs(root: string, dirs: readonly string[]): Promise<void> {
  const byDepth = new Map<number, string[]>();
  for (const d of dirs) {
    const depth = d.split("/").length;
    const list = byDepth.get(depth) ?? [];
    list.push(join(root, d));
    byDepth.set(depth, list);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b))
    await mapLimit(byDepth.get(depth) ?? [], 32, (d) => mkdir(d).catch(() => undefined));
}

function rel(root: string, abs: string): string {
  return relative(root, abs).split(sep).join("/");
}

async function isDir(abs: string): Promise<boolean> {
  return (await stat(abs).catch(() => undefined))?.isDirectory() ?? false;
}

/** Run `fn` over `items` with at most `limit` in flight; results in input order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (x: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function readJournal(raw: Uint8Array, where: string): Journal | undefined {
  let j: Journal;
  try {
    j = JSON.parse(new TextDecoder().decode(raw)) as Journal;
  } catch {
    return undefined;
  }
  if (!j || !Array.isArray(j.entries)) return undefined;
  for (const e of j.entries) {
    // A journal only ever names host files and the project outputs (.cadre/schemas, .cadre/templates): one
    // that names git's or cadre's own state files was not written by cadre.
    const segs = typeof e?.path === "string" ? e.path.split("/") : [".git"];
    if (segs.includes(".git") || (segs[0] === ".cadre" && !isProjectOutput(e.path)))
      throw new UserError(
        ErrorCodes.unsafePath,
        `${where} names ${String(e?.path)}, which cadre never writes; refusing to roll it back`,
        `delete ${where} if no cadre run was interrupted`,
      );
  }
  return j;
}

/**
 * Roll back an interrupted run: restore every journaled file (content, link, exec bit), remove the files it
 * created and any temporary file it left, then the folders it created, and restore the old merge bases and
 * lock. Safe to run again when it is itself interrupted. Returns whether there was anything to roll back.
 */
export async function recoverJournal(t: ApplyTarget): Promise<boolean> {
  const journalPath = join(t.state.dir, JOURNAL);
  // A run killed while writing the journal changed nothing else; its temporary goes.
  await removeFile(tmpFor(journalPath), t.state.dir, () => false);
  const raw = await readNoFollow(journalPath);
  if (!raw) return false;
  const journal = readJournal(raw, journalPath);
  if (!journal) {
    await removeFile(journalPath, t.state.dir, () => false);
    return false;
  }
  const guard = new PathGuard(t.root, t.strict ?? true);
  const created = new Set((journal.dirs ?? []).map((d) => join(t.root, d)));
  // Every path is checked before anything changes; the entries are distinct files, restored in parallel.
  const paths = await mapLimit(journal.entries, 32, (e) => guard.contained(e.path));
  await mapLimit(journal.entries, 32, async (e, i) => {
    const abs = paths[i] as string;
    await removeFile(tmpFor(abs), t.root, () => false);
    const cur = await readMaybe(abs);
    const curHash = cur ? sha256(cur) : null;
    if (e.link !== undefined) {
      const now = await readlink(abs).catch(() => undefined);
      if (now !== e.link && (curHash === e.after || cur === null)) await linkFile(abs, e.link);
      return;
    }
    // Neither the old nor the new content: changed since by someone else, left alone. An empty new file is
    // what a run of an older cadre left when killed mid-write.
    const torn = e.before === null && cur !== null && cur.length === 0;
    if (curHash !== e.before && curHash !== e.after && !torn) return;
    if (e.before === null) await removeFile(abs, t.root, (d) => created.has(d));
    else {
      const blob = await getBlob(t.state, e.before);
      // A script keeps its exec bit through the rollback.
      const executable =
        e.exec ?? (cur !== null && (((await stat(abs).catch(() => undefined))?.mode ?? 0) & 0o100) !== 0);
      if (blob) await atomicWrite(abs, blob, { executable, fixedTmp: true });
    }
  });
  for (const d of [...created].sort((a, b) => b.length - a.length)) await rmdir(d).catch(() => undefined);
  const basesPath = join(t.state.dir, BASES);
  await removeFile(tmpFor(basesPath), t.state.dir, () => false);
  if (journal.basesBefore) {
    const blob = await getBlob(t.state, journal.basesBefore);
    if (blob) await atomicWrite(basesPath, blob, { fixedTmp: true });
  } else if (journal.basesBefore === null) await removeFile(basesPath, t.state.dir, () => false);
  await removeFile(tmpFor(t.lockPath), t.root, () => false);
  if (journal.lockBefore) {
    const blob = await getBlob(t.state, journal.lockBefore);
    if (blob) await atomicWrite(t.lockPath, blob, { fixedTmp: true });
  } else await removeFile(t.lockPath, t.root, () => false);
  await removeFile(journalPath, t.state.dir, () => false);
  return true;
}

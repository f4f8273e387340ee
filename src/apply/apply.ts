import { stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { sha256 } from "../core/hash.js";
import type { Plan } from "../plan/types.js";
import { PROPOSAL_SUFFIX } from "../plan/types.js";
import { atomicWrite, containedPath, createFile, linkFile, readMaybe, removeFile, syncDir } from "./fs.js";
import { serializeLock } from "./lock.js";
import { collectBlobs, getBlob, putBases, putBlob, type StateDir } from "./state.js";

export interface ApplyTarget {
  /** The scope root every planned path is relative to. */
  root: string;
  state: StateDir;
  /** Absolute path of cadre.lock. */
  lockPath: string;
}

interface JournalEntry {
  path: string;
  /** Blob hash of the content before, or null when the file did not exist. */
  before: string | null;
  after: string | null;
}

interface Journal {
  version: 1;
  lockBefore: string | null;
  entries: JournalEntry[];
}

const JOURNAL = "journal.json";

/** Hook for crash tests: called after each write with the number of writes done. */
export type CrashPoint = (writes: number) => void;

/**
 * Execute a plan. Every file write is atomic, and the whole run goes through a journal: before any
 * write, the old and new contents go to the cache and the journal lists them. A run killed at any
 * point is rolled back by `recoverJournal` on the next run. Returns the paths touched.
 */
export async function applyPlan(plan: Plan, t: ApplyTarget, crash?: CrashPoint): Promise<string[]> {
  const writes = plan.actions.filter((a) => a.write !== undefined);
  const proposals = plan.actions.filter((a) => a.proposal !== undefined);
  const lockText = serializeLock(plan.lock);
  const lockBefore = await readMaybe(t.lockPath);
  if (
    writes.length === 0 &&
    proposals.length === 0 &&
    lockBefore &&
    new TextDecoder().decode(lockBefore) === lockText
  )
    return [];
  const journal: Journal = {
    version: 1,
    lockBefore: lockBefore ? await putBlob(t.state, lockBefore, true) : null,
    entries: [],
  };
  const targets = await mapLimit(writes, 32, async (a) => {
    const abs = await containedPath(t.root, a.path);
    const cur = await readMaybe(abs);
    // The old content goes to the cache (to roll back); the new one is only identified by its hash.
    journal.entries.push({
      path: a.path,
      before: cur ? await putBlob(t.state, cur, true) : null,
      after: a.write ? sha256(a.write) : null,
    });
    return {
      abs,
      content: a.write ?? null,
      exists: cur !== null,
      link: a.link,
      executable: a.executable,
      path: a.path,
    };
  });
  journal.entries.sort((x, y) => (x.path < y.path ? -1 : 1));
  const owned = new Set(Object.values(plan.lock.files).map((e) => e.sha256));
  await putBases(t.state, [...new Set(plan.actions.flatMap((a) => a.bases ?? []))], owned);
  const journalPath = join(t.state.dir, JOURNAL);
  if (targets.length > 0) await atomicWrite(journalPath, JSON.stringify(journal), { sync: true });
  let n = 0;
  const dirs = new Set<string>();
  const copied: string[] = [];
  await mapLimit(targets, crash ? 1 : 128, async ({ abs, content, exists, link, executable, path }) => {
    if (content !== null && link) {
      // --link: a symlink to the pack's file; where symlinks are not allowed, a copy (and the lock says so).
      const ok = await linkFile(abs, link).then(
        () => true,
        () => false,
      );
      if (!ok) {
        copied.push(path);
        await atomicWrite(abs, content, { sync: true, syncDir: false });
      }
    } else if (content === null) await removeFile(abs, t.root);
    else if (exists) await atomicWrite(abs, content, { sync: true, syncDir: false, executable });
    else await createFile(abs, content, { sync: true, executable });
    dirs.add(dirname(abs));
    crash?.(++n);
  });
  await mapLimit([...dirs], 32, syncDir);
  for (const a of proposals)
    await atomicWrite(await containedPath(t.root, a.path + PROPOSAL_SUFFIX), a.proposal as string);
  for (const p of copied) delete plan.lock.files[p]?.link;
  await atomicWrite(t.lockPath, copied.length ? serializeLock(plan.lock) : lockText, { sync: true });
  await removeFile(journalPath, t.state.dir).catch(() => undefined);
  if (writes.length > 0) await collectBlobs(t.state, new Set());
  return writes.map((a) => a.path);
}

/** Run `fn` over `items` with at most `limit` in flight; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Roll back an interrupted run: restore every journaled file and the old lock. Returns whether it did. */
export async function recoverJournal(t: ApplyTarget): Promise<boolean> {
  const journalPath = join(t.state.dir, JOURNAL);
  const raw = await readMaybe(journalPath);
  if (!raw) return false;
  let journal: Journal;
  try {
    journal = JSON.parse(new TextDecoder().decode(raw)) as Journal;
  } catch {
    await removeFile(journalPath, t.state.dir);
    return false;
  }
  for (const e of [...journal.entries].reverse()) {
    const abs = await containedPath(t.root, e.path);
    const cur = await readMaybe(abs);
    const curHash = cur ? sha256(cur) : null;
    if (curHash !== e.before && curHash !== e.after) continue;
    if (e.before === null) await removeFile(abs, t.root);
    else {
      const blob = await getBlob(t.state, e.before);
      // A script keeps its exec bit through the rollback (the journal records content only).
      const executable = cur !== null && ((await stat(abs).catch(() => undefined))?.mode ?? 0) & 0o100;
      if (blob) await atomicWrite(abs, blob, { executable: !!executable });
    }
  }
  if (journal.lockBefore) {
    const blob = await getBlob(t.state, journal.lockBefore);
    if (blob) await atomicWrite(t.lockPath, blob);
  } else await removeFile(t.lockPath, t.root).catch(() => undefined);
  await removeFile(journalPath, t.state.dir);
  return true;
}

import { join } from "node:path";
import { sha256 } from "../core/hash.js";
import type { Plan } from "../plan/types.js";
import { PROPOSAL_SUFFIX } from "../plan/types.js";
import { atomicWrite, containedPath, readMaybe, removeFile } from "./fs.js";
import { serializeLock } from "./lock.js";
import { collectBlobs, getBlob, putBlob, type StateDir } from "./state.js";

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
  const lockBefore = await readMaybe(t.lockPath);
  const journal: Journal = {
    version: 1,
    lockBefore: lockBefore ? await putBlob(t.state, lockBefore) : null,
    entries: [],
  };
  const targets: Array<{ abs: string; content: Uint8Array | string | null }> = [];
  for (const a of writes) {
    const abs = await containedPath(t.root, a.path);
    const cur = await readMaybe(abs);
    journal.entries.push({
      path: a.path,
      before: cur ? await putBlob(t.state, cur) : null,
      after: a.write ? await putBlob(t.state, a.write) : null,
    });
    targets.push({ abs, content: a.write ?? null });
  }
  const keep = new Set<string>();
  for (const a of plan.actions) for (const b of a.bases ?? []) keep.add(await putBlob(t.state, b));
  const journalPath = join(t.state.dir, JOURNAL);
  if (targets.length > 0) await atomicWrite(journalPath, JSON.stringify(journal));
  let n = 0;
  for (const { abs, content } of targets) {
    if (content === null) await removeFile(abs, t.root);
    else await atomicWrite(abs, content);
    crash?.(++n);
  }
  for (const a of plan.actions) {
    if (a.proposal !== undefined)
      await atomicWrite(await containedPath(t.root, a.path + PROPOSAL_SUFFIX), a.proposal);
  }
  await atomicWrite(t.lockPath, serializeLock(plan.lock));
  await removeFile(journalPath, t.state.dir).catch(() => undefined);
  for (const e of Object.values(plan.lock.files)) keep.add(e.sha256);
  await collectBlobs(t.state, keep);
  return writes.map((a) => a.path);
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
      if (blob) await atomicWrite(abs, blob);
    }
  }
  if (journal.lockBefore) {
    const blob = await getBlob(t.state, journal.lockBefore);
    if (blob) await atomicWrite(t.lockPath, blob);
  } else await removeFile(t.lockPath, t.root).catch(() => undefined);
  await removeFile(journalPath, t.state.dir);
  return true;
}

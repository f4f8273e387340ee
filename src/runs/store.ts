/**
 * A run's files under `.cadre/runs/<id>/`: the active-run pointer, `status.json` (written atomically),
 * `workflow.json` and the append-only `events.ndjson`. Lean (node:fs only, no zod, no library), because
 * the hook runtime appends events on every tool call.
 *
 * Appends are serialised by a lock file (`events.lock`, created with O_EXCL, holding the owner's pid): the
 * seq is read and the line written under the lock, in one write, so concurrent processes never interleave
 * or lose lines. A lock whose owner is dead (kill -9) is broken by the next writer. A writer killed in the
 * middle of its write leaves at worst a torn last line: readers skip it and report it, the next append
 * cuts it off under the lock, and `repairEvents` drops it.
 *
 * Every folder on the way is checked with `lstat` to be a real folder inside the project, and files are
 * opened with O_NOFOLLOW: cadre never reads or writes through a link it did not make.
 */
import { constants } from "node:fs";
import {
  type FileHandle,
  link,
  lstat,
  mkdir,
  open,
  readFile,
  rename,
  rm,
  unlink,
  writeFile,
} from "node:fs/promises";
import { posix } from "node:path";
import { CADRE_GITIGNORE } from "../core/cadre-dir.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import {
  eventProblem,
  type NewRunEvent,
  RUN_FILES,
  RUN_ID_PATTERN,
  type RunEvent,
  type RunStatus,
  statusProblem,
  type Workflow,
  workflowProblem,
} from "../model/run.js";
import { NO_RUN, USAGE_LOG } from "../model/usage.js";

const slash = (p: string) => p.replace(/\\/g, "/");
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const LOCK_FILE = "events.lock";
/** How long a writer waits for the lock before giving up with an error naming the lock file. */
export const LOCK_TIMEOUT_MS = 15_000;
/** A lock older than this is taken as stale even when its owner's pid looks alive (pid reuse). */
const LOCK_STALE_MS = 30_000;
/** An empty lock older than this is broken (see tryLock: a lock is never empty but on hosts without hard links). */
const EMPTY_LOCK_MS = 2_000;

/** A line of `events.ndjson` a reader skipped: its 1-based number and why. */
export interface SkippedLine {
  line: number;
  reason: string;
  /** The last line, without its newline: a writer was killed in the middle of it. */
  torn: boolean;
}

export interface EventsRead {
  events: RunEvent[];
  skipped: SkippedLine[];
}

export function checkRunId(id: string): void {
  if (!RUN_ID_PATTERN.test(id))
    throw new UserError(
      ErrorCodes.usage,
      `'${id}' is not a run id (lowercase a-z, 0-9 and '-', at most 64 characters)`,
      "`cadre run list` shows the runs",
    );
}

/**
 * `root/rel` as a real folder: each level is checked with `lstat` (created when missing and `create`); a
 * link or a file on the way is an error that names it. Undefined when missing and not created.
 */
export async function runFolder(root: string, rel: string, create: boolean): Promise<string | undefined> {
  let dir = slash(root);
  for (const part of rel.split("/").filter(Boolean)) {
    dir = posix.join(dir, part);
    let st = await lstat(dir).catch(() => undefined);
    if (!st) {
      if (!create) return undefined;
      await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "EEXIST") throw e;
      });
      st = await lstat(dir);
    }
    if (st.isSymbolicLink() || !st.isDirectory())
      throw new UserError(
        ErrorCodes.unsafePath,
        `${posix.relative(slash(root), dir)} is ${st.isSymbolicLink() ? "a symbolic link" : "not a folder"}; cadre keeps run state only in real folders inside the project`,
        "remove or rename it",
      );
  }
  return dir;
}

/** The run's folder, which must exist. */
export async function runDir(root: string, id: string): Promise<string> {
  checkRunId(id);
  const dir = await runFolder(root, `${RUN_FILES.root}/${id}`, false);
  if (!dir)
    throw new UserError(
      ErrorCodes.notFound,
      `no run '${id}' in ${RUN_FILES.root}/`,
      "`cadre run list` shows the runs",
    );
  return dir;
}

/** A file's text, never through a link; undefined when it does not exist. */
async function readNoFollow(abs: string): Promise<string | undefined> {
  let fh: FileHandle;
  try {
    fh = await open(abs, constants.O_RDONLY | NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ELOOP")
      throw new UserError(ErrorCodes.unsafePath, `${abs} is a symbolic link; cadre does not read through it`);
    throw e;
  }
  try {
    if (!(await fh.stat()).isFile())
      throw new UserError(ErrorCodes.unsafePath, `${abs} is not a regular file`);
    return await fh.readFile("utf8");
  } finally {
    await fh.close();
  }
}

/** Write `dir/name` atomically: a temp file beside it (created exclusively), then a rename over it. */
async function writeAtomic(dir: string, name: string, content: string): Promise<void> {
  const tmp = posix.join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await writeFile(tmp, content, { flag: "wx" });
    await rename(tmp, posix.join(dir, name));
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The active run's id (`.cadre/runs/latest`, a plain file), or undefined when there is none. */
export async function activeRunId(root: string): Promise<string | undefined> {
  const dir = await runFolder(root, RUN_FILES.root, false);
  if (!dir) return undefined;
  const text = await readNoFollow(posix.join(dir, "latest"));
  const id = text?.trim();
  if (!id || !RUN_ID_PATTERN.test(id)) return undefined;
  return (await runFolder(root, `${RUN_FILES.root}/${id}`, false)) ? id : undefined;
}

/** Point `.cadre/runs/latest` at a run, or remove it (undefined). */
export async function setActiveRun(root: string, id: string | undefined): Promise<void> {
  const dir = await runFolder(root, RUN_FILES.root, true);
  if (!dir) return;
  if (id === undefined) await rm(posix.join(dir, "latest"), { force: true });
  else {
    checkRunId(id);
    await writeAtomic(dir, "latest", `${id}\n`);
  }
}

/** Create the run's folders and `.cadre/.gitignore` (core/cadre-dir.ts); fails when the run already exists. */
export async function createRunDir(root: string, id: string): Promise<string> {
  checkRunId(id);
  const cadre = await runFolder(root, ".cadre", true);
  if (cadre && !(await lstat(posix.join(cadre, ".gitignore")).catch(() => undefined)))
    await writeAtomic(cadre, ".gitignore", CADRE_GITIGNORE);
  const parent = (await runFolder(root, RUN_FILES.root, true)) as string;
  const dir = posix.join(parent, id);
  try {
    await mkdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST")
      throw new UserError(ErrorCodes.usage, `run '${id}' already exists`);
    throw e;
  }
  await runFolder(root, `${RUN_FILES.root}/${id}/${RUN_FILES.artifacts}`, true);
  await runFolder(root, `${RUN_FILES.root}/${id}/${RUN_FILES.captures}`, true);
  return dir;
}

function parseJsonFile<T>(text: string, where: string, problem: (v: unknown) => string | undefined): T {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UserError(
      ErrorCodes.parse,
      `${where} is not valid JSON: ${(e as Error).message}`,
      "run `cadre run repair` to rebuild it from events.ndjson",
    );
  }
  const p = problem(v);
  if (p)
    throw new UserError(
      ErrorCodes.parse,
      `${where}: ${p}`,
      "run `cadre run repair` to rebuild it from events.ndjson",
    );
  return v as T;
}

/** The run's workflow snapshot (`workflow.json`). */
export async function readWorkflow(root: string, id: string): Promise<Workflow> {
  const dir = await runDir(root, id);
  const where = `${RUN_FILES.root}/${id}/${RUN_FILES.workflow}`;
  const text = await readNoFollow(posix.join(dir, RUN_FILES.workflow));
  if (text === undefined)
    throw new UserError(
      ErrorCodes.notFound,
      `${where} is missing`,
      "the run cannot continue without its workflow; start a new run",
    );
  return parseJsonFile<Workflow>(text, where, workflowProblem);
}

/** The run's `status.json` and workflow snapshot; malformed files are errors naming the file and `cadre run repair`. */
export async function readRun(root: string, id: string): Promise<{ status: RunStatus; workflow: Workflow }> {
  const dir = await runDir(root, id);
  const where = `${RUN_FILES.root}/${id}/${RUN_FILES.status}`;
  const text = await readNoFollow(posix.join(dir, RUN_FILES.status));
  if (text === undefined)
    throw new UserError(
      ErrorCodes.notFound,
      `${where} is missing`,
      "run `cadre run repair` to rebuild it from events.ndjson",
    );
  const status = parseJsonFile<RunStatus>(text, where, statusProblem);
  return { status, workflow: await readWorkflow(root, id) };
}

/** Write `status.json` atomically (temp + rename). */
export async function writeStatus(root: string, id: string, status: RunStatus): Promise<void> {
  const p = statusProblem(status);
  if (p) throw new Error(`refusing to write an invalid status.json: ${p}`);
  await writeAtomic(await runDir(root, id), RUN_FILES.status, `${JSON.stringify(status, null, 2)}\n`);
}

/** Write a file of the run (e.g. `workflow.json`) atomically. */
export async function writeRunFile(root: string, id: string, name: string, content: string): Promise<void> {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) throw new Error(`not a run file name: ${name}`);
  await writeAtomic(await runDir(root, id), name, content);
}

/** Parse the text of `events.ndjson`: good events in order, and the lines skipped (a torn last line among them). */
export function parseEvents(text: string): EventsRead {
  const events: RunEvent[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split("\n");
  const tornTail = lines[lines.length - 1] !== "";
  if (!tornTail) lines.pop();
  for (const [i, line] of lines.entries()) {
    const torn = tornTail && i === lines.length - 1;
    if (line.trim() === "") {
      if (torn) continue;
      skipped.push({ line: i + 1, reason: "empty line", torn });
      continue;
    }
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      skipped.push({
        line: i + 1,
        reason: torn ? "cut off (no newline): a writer was interrupted" : "not valid JSON",
        torn,
      });
      continue;
    }
    const p = eventProblem(v);
    if (p) skipped.push({ line: i + 1, reason: p, torn });
    else if (torn)
      skipped.push({ line: i + 1, reason: "cut off (no newline): a writer was interrupted", torn });
    else events.push(v as RunEvent);
  }
  return { events, skipped };
}

/** The run's events; lines that are not events (a torn last line) are skipped and reported. */
export async function readEvents(root: string, id: string): Promise<EventsRead> {
  const dir = await runDir(root, id);
  return parseEvents((await readNoFollow(posix.join(dir, RUN_FILES.events))) ?? "");
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

function ownerAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Break a lock whose owner is gone: rename it aside (only one breaker wins), then delete it. */
async function breakIfStale(lock: string): Promise<void> {
  const st = await lstat(lock).catch(() => undefined);
  if (!st) return;
  const text = await readFile(lock, "utf8").catch(() => "");
  const pid = Number(text.split(" ")[0]);
  const age = Date.now() - st.mtimeMs;
  // Locks are born with their owner's pid (tryLock); an empty one is left by a writer without hard links that
  // died between create and write, or is being written this instant: give it a moment, then break it.
  if (text === "" ? age < EMPTY_LOCK_MS : ownerAlive(pid) && age <= LOCK_STALE_MS) return;
  const aside = `${lock}.${process.pid}.${Math.random().toString(36).slice(2)}.stale`;
  try {
    await rename(lock, aside);
  } catch {
    return;
  }
  const seen = await readFile(aside, "utf8").catch(() => "");
  if (seen !== text) {
    // Another writer broke it first and we moved its fresh lock: put it back unless a newer one exists.
    const fh = await open(lock, "wx").catch(() => undefined);
    if (fh) {
      await fh.writeFile(seen);
      await fh.close();
    }
  }
  await unlink(aside).catch(() => undefined);
}

/**
 * Take the lock in one step with its owner already written: the token goes into a private file, which is then
 * hard-linked to the lock's name (link fails if the name exists). A writer killed at any point leaves either
 * no lock or a lock naming it, never an empty one. Where hard links are not allowed, O_EXCL then write.
 */
async function tryLock(lock: string, token: string): Promise<boolean> {
  const mine = `${lock}.${process.pid}.${Math.random().toString(36).slice(2)}.new`;
  await writeFile(mine, token, { flag: "wx" });
  try {
    await link(mine, lock);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw e;
    const fh = await open(lock, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | NOFOLLOW).catch(
      (err: NodeJS.ErrnoException) => {
        if (err.code === "EEXIST") return undefined;
        throw err;
      },
    );
    if (!fh) return false;
    try {
      await fh.writeFile(token);
    } finally {
      await fh.close();
    }
    return true;
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}

/**
 * Run `fn` holding the run's lock (`events.lock`). Waits for a live owner, breaks a dead one's
 * lock, and gives up after `LOCK_TIMEOUT_MS` with an error naming the lock file.
 */
export async function withRunLock<T>(root: string, id: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await runDir(root, id);
  return withLockIn(dir, `run '${id}'`, `${RUN_FILES.root}/${id}/${LOCK_FILE}`, fn);
}

/** Run `fn` holding `dir/events.lock`; `what` and `where` name the lock in the error when it is not released. */
async function withLockIn<T>(
  dir: string,
  what: string,
  where: string,
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  const lock = posix.join(dir, LOCK_FILE);
  const token = `${process.pid} ${Math.random().toString(36).slice(2)}`;
  const start = Date.now();
  for (let wait = 2; ; wait = Math.min(wait * 2, 20)) {
    if (await tryLock(lock, token)) break;
    if (Date.now() - start > LOCK_TIMEOUT_MS)
      throw new UserError(
        ErrorCodes.io,
        `${what} is locked (${where}) and its owner did not release it`,
        "if no cadre process is running, delete the lock file",
      );
    await breakIfStale(lock);
    await sleep(wait + Math.random() * wait);
  }
  try {
    return await fn(dir);
  } finally {
    const now = await readFile(lock, "utf8").catch(() => "");
    if (now === token) await unlink(lock).catch(() => undefined);
  }
}

/** The last seq in an events file (reading back from its end), and where a torn last line starts, if any. */
async function tail(fh: FileHandle, size: number): Promise<{ seq: number; at?: string; tornAt?: number }> {
  let pos = size;
  let buf = Buffer.alloc(0);
  const more = async (): Promise<boolean> => {
    if (pos === 0) return false;
    const start = Math.max(0, pos - 16384);
    const chunk = Buffer.alloc(pos - start);
    await fh.read(chunk, 0, chunk.length, start);
    buf = Buffer.concat([chunk, buf]);
    pos = start;
    return true;
  };
  const lastNl = (from: number) => (from < 0 ? -1 : buf.lastIndexOf(10, from));
  await more();
  let tornAt: number | undefined;
  if (buf[buf.length - 1] !== 10) {
    let nl = lastNl(buf.length - 1);
    while (nl < 0 && (await more())) nl = lastNl(buf.length - 1);
    tornAt = nl < 0 ? 0 : pos + nl + 1;
  }
  // `end` is the offset just past a line's newline; walk complete lines from the last one back.
  let end = tornAt ?? size;
  while (end > 0) {
    let prev = lastNl(end - pos - 2);
    while (prev < 0 && (await more())) prev = lastNl(end - pos - 2);
    const line = buf.subarray(prev + 1, end - pos - 1).toString("utf8");
    try {
      const v = JSON.parse(line) as { seq?: unknown; at?: unknown };
      if (typeof v.seq === "number" && Number.isInteger(v.seq) && v.seq > 0)
        return { seq: v.seq, at: typeof v.at === "string" ? v.at : undefined, tornAt };
    } catch {
      // A damaged line: look further back.
    }
    end = pos + prev + 1;
  }
  return { seq: 0, tornAt };
}

/** The time to stamp: now, or 1 ms after the previous event when the clock has not moved past it (times strictly increase). */
function after(now: Date, prev: string | undefined): string {
  const last = prev ? Date.parse(prev) : Number.NaN;
  return (Number.isFinite(last) && now.getTime() <= last ? new Date(last + 1) : now).toISOString();
}

/** Append under the lock already held: cut a torn tail, assign the next seq, write the line in one write. */
async function appendLocked(
  dir: string,
  id: string,
  partial: NewRunEvent,
  now: () => Date,
  file: string = RUN_FILES.events,
): Promise<RunEvent> {
  const fh = await open(
    posix.join(dir, file),
    constants.O_CREAT | constants.O_RDWR | constants.O_APPEND | NOFOLLOW,
    0o644,
  );
  try {
    const size = (await fh.stat()).size;
    const t: { seq: number; at?: string; tornAt?: number } = size > 0 ? await tail(fh, size) : { seq: 0 };
    if (t.tornAt !== undefined) await fh.truncate(t.tornAt);
    const { seq: _s, run: _r, at, type, ...rest } = partial as NewRunEvent & { seq?: unknown; run?: unknown };
    const stamp = typeof at === "string" ? at : after(now(), t.at);
    const event: RunEvent = { seq: t.seq + 1, at: stamp, type: type as string, run: id, ...rest };
    const p = eventProblem(event);
    if (p) throw new Error(`refusing to append an invalid event: ${p}`);
    await fh.write(`${JSON.stringify(event)}\n`);
    return event;
  } finally {
    await fh.close();
  }
}

/** Append one event to the run's `events.ndjson`, serialised by the run's lock; seq is assigned under it. */
export async function appendEvent(
  root: string,
  id: string,
  partial: NewRunEvent,
  now: () => Date = () => new Date(),
): Promise<RunEvent> {
  return withRunLock(root, id, (dir) => appendLocked(dir, id, partial, now));
}

/**
 * Hold the run's lock while reading its events and deciding what to append (a state transition must be
 * decided on the events as they are when it is written). `decide` returns the events to append, in order;
 * `after` runs with the appended events, still under the lock (to write status.json from them).
 */
export async function transactRun(
  root: string,
  id: string,
  decide: (read: EventsRead) => Promise<NewRunEvent[]>,
  after: (appended: RunEvent[]) => Promise<void> = async () => {},
  now: () => Date = () => new Date(),
): Promise<RunEvent[]> {
  return withRunLock(root, id, async (dir) => {
    const read = parseEvents((await readNoFollow(posix.join(dir, RUN_FILES.events))) ?? "");
    const append = await decide(read);
    const appended: RunEvent[] = [];
    for (const e of append) appended.push(await appendLocked(dir, id, e, now));
    await after(appended);
    return appended;
  });
}

/**
 * Rewrite `events.ndjson` without the lines readers skip (a torn last line, damaged lines), atomically and
 * under the lock; `after` runs with them still under the lock. Returns the events kept and the lines dropped.
 */
export async function repairEvents(
  root: string,
  id: string,
  after: (read: EventsRead) => Promise<void> = async () => {},
): Promise<EventsRead> {
  return withRunLock(root, id, async (dir) => {
    const read = parseEvents((await readNoFollow(posix.join(dir, RUN_FILES.events))) ?? "");
    if (read.skipped.length > 0)
      await writeAtomic(dir, RUN_FILES.events, read.events.map((e) => `${JSON.stringify(e)}\n`).join(""));
    await after(read);
    return read;
  });
}

/**
 * Append one event to the project's usage log (`.cadre/usage/events.ndjson`: measurements made while no run
 * is active), under its own lock, exactly as a run's events are appended; its `run` is empty.
 */
export async function appendProjectEvent(
  root: string,
  partial: NewRunEvent,
  now: () => Date = () => new Date(),
): Promise<RunEvent> {
  const cadre = await runFolder(root, ".cadre", true);
  if (cadre && !(await lstat(posix.join(cadre, ".gitignore")).catch(() => undefined)))
    await writeAtomic(cadre, ".gitignore", CADRE_GITIGNORE);
  const dir = (await runFolder(root, USAGE_LOG.dir, true)) as string;
  return withLockIn(dir, "the usage log", `${USAGE_LOG.dir}/${LOCK_FILE}`, (d) =>
    appendLocked(d, NO_RUN, partial, now, USAGE_LOG.file),
  );
}

/** The project's usage log, parsed like a run's events (empty when there is none). */
export async function readProjectEvents(root: string): Promise<EventsRead> {
  const dir = await runFolder(root, USAGE_LOG.dir, false);
  if (!dir) return { events: [], skipped: [] };
  return parseEvents((await readNoFollow(posix.join(dir, USAGE_LOG.file))) ?? "");
}

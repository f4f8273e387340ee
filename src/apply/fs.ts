import {
  closeSync,
  constants,
  fchmodSync,
  fdatasync as fdatasyncCb,
  fstatSync,
  open as openCb,
  writeSync,
} from "node:fs";
import { lstat, mkdir, open, readFile, realpath, rename, rm, rmdir, symlink, unlink } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { sha256 } from "../core/hash.js";
import { isSafeRelativePath } from "../core/names.js";
import type { Content } from "../hosts/output.js";

/** What is at a path: nothing, a regular file, a folder, a symlink, or something else (a FIFO, a device). */
export type PathKind = "absent" | "file" | "dir" | "link" | "other";

export interface Inspected {
  abs: string;
  kind: PathKind;
  /** Why cadre may not write here: a folder on the way is a symlink, a file, or leads out of the root. */
  blocked?: string;
  /** Folders on the way that do not exist yet, outermost first (the applier creates them). */
  missing: string[];
}

type Level = { ok: true; exists: boolean } | { ok: false; reason: string };

function kindOf(st: import("node:fs").Stats | undefined): PathKind {
  if (!st) return "absent";
  if (st.isSymbolicLink()) return "link";
  if (st.isFile()) return "file";
  if (st.isDirectory()) return "dir";
  return "other";
}

async function lstatMaybe(abs: string): Promise<import("node:fs").Stats | undefined> {
  try {
    return await lstat(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw e;
  }
}

/**
 * One run's view of the folders under a root, each level `lstat`ed once. In `strict` mode (a project) every
 * existing folder on the way to a path must be a real folder: a symlink is never followed, whatever it points
 * at. Otherwise (the home folder, where dotfile links are common) a symlinked folder is followed when its real
 * path stays inside the root.
 */
export class PathGuard {
  private readonly levels = new Map<string, Promise<Level>>();
  private realRoot: Promise<string> | undefined;

  constructor(
    readonly root: string,
    readonly strict = true,
  ) {}

  private rel(abs: string): string {
    return relative(this.root, abs).split(sep).join("/");
  }

  private level(dir: string): Promise<Level> {
    if (dir === this.root || dir.length <= this.root.length)
      return Promise.resolve({ ok: true, exists: true });
    let p = this.levels.get(dir);
    if (!p) {
      p = this.check(dir);
      this.levels.set(dir, p);
    }
    return p;
  }

  private async check(dir: string): Promise<Level> {
    const up = await this.level(dirname(dir));
    if (!up.ok || !up.exists) return up;
    const st = await lstatMaybe(dir);
    const kind = kindOf(st);
    if (kind === "absent") return { ok: true, exists: false };
    if (kind === "dir") return { ok: true, exists: true };
    const rel = this.rel(dir);
    if (kind !== "link") return { ok: false, reason: `${rel} is a file where cadre needs a folder` };
    if (this.strict)
      return {
        ok: false,
        reason: `${rel} is a symlink; cadre writes only into real folders, never through a link`,
      };
    this.realRoot ??= realpath(this.root).catch(() => this.root);
    const [rr, real] = await Promise.all([this.realRoot, realpath(dir).catch(() => undefined)]);
    if (!real || (real !== rr && !real.startsWith(rr + sep)))
      return { ok: false, reason: `${rel} is a symlink out of the folder; cadre does not follow it` };
    const target = await lstatMaybe(real);
    return target?.isDirectory()
      ? { ok: true, exists: true }
      : { ok: false, reason: `${rel} is a symlink to something that is not a folder` };
  }

  /** The path's absolute form, what is there, and whether cadre may write there (never throws on shape). */
  async inspect(rel: string): Promise<Inspected> {
    const abs = safeAbs(this.root, rel);
    const up = await this.level(dirname(abs));
    if (!up.ok) return { abs, kind: "absent", blocked: up.reason, missing: [] };
    const missing: string[] = [];
    for (let d = dirname(abs); d.length > this.root.length; d = dirname(d)) {
      const l = await this.level(d);
      if (l.ok && l.exists) break;
      missing.unshift(d);
    }
    const kind = up.exists ? kindOf(await lstatMaybe(abs)) : "absent";
    return { abs, kind, missing };
  }

  /** The absolute path of a file cadre is about to write or delete; a user error when a folder on the way is not a real one. */
  async contained(rel: string): Promise<string> {
    return (await this.require(rel)).abs;
  }

  /** `inspect`, as a user error when cadre may not write the path (a folder, a device, a link on the way). */
  async require(rel: string): Promise<Inspected> {
    const r = await this.inspect(rel);
    if (r.blocked)
      throw new UserError(
        ErrorCodes.unsafePath,
        `refusing to write ${rel}: ${r.blocked}`,
        `move ${join(this.root, rel.split("/")[0] as string)} out of the way (or replace the link by a real folder) and run the command again`,
      );
    if (r.kind === "dir" || r.kind === "other")
      throw new UserError(
        ErrorCodes.unsafePath,
        `refusing to write ${rel}: it is ${r.kind === "dir" ? "a folder" : "not a regular file"} where cadre needs a file`,
        `move ${r.abs} out of the way and run the command again`,
      );
    return r;
  }
}

function safeAbs(root: string, rel: string): string {
  if (!isSafeRelativePath(rel) || isAbsolute(rel)) {
    throw new UserError(ErrorCodes.unsafePath, `refusing to write outside the project: ${rel}`);
  }
  const abs = resolve(root, rel);
  const r = relative(root, abs);
  if (r === "" || r.startsWith("..") || isAbsolute(r))
    throw new UserError(ErrorCodes.unsafePath, `refusing to write outside the project: ${rel}`);
  return abs;
}

/** Resolve a root-relative path and make sure every folder on the way is a real one inside the root. */
export async function containedPath(root: string, rel: string, strict = true): Promise<string> {
  return new PathGuard(root, strict).contained(rel);
}

/** Read a file without following a symlink at its own name (cadre's state files); null when absent. */
export async function readNoFollow(abs: string): Promise<Uint8Array | null> {
  let fh: import("node:fs/promises").FileHandle;
  try {
    fh = await open(abs, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    if (code === "ELOOP")
      throw new UserError(
        ErrorCodes.unsafePath,
        `${abs} is a symlink; cadre does not read its state through a link`,
        `remove ${abs} and run the command again`,
      );
    throw e;
  }
  try {
    return new Uint8Array(await fh.readFile());
  } finally {
    await fh.close();
  }
}

export async function readMaybe(abs: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(abs));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw e;
  }
}

export interface WriteOptions {
  sync?: boolean;
  syncDir?: boolean;
  /** Make the file executable (0755 less the umask, and always u+x); set before the file gets its name. */
  executable?: boolean;
  /**
   * Use the path's own temporary name (`tmpFor`) instead of a random one, so that a run killed between
   * creating it and the rename leaves a name the journal's rollback knows and removes.
   */
  fixedTmp?: boolean;
  /** Crash tests: called after each step that changes the disk (temporary created, filled, renamed). */
  step?: () => void;
}

/** Mode for a new file: 0644, or 0755 for an executable (the process umask applies to both). */
function modeOf(opts: WriteOptions): number {
  return opts.executable ? 0o755 : 0o644;
}

/** The temporary name cadre writes `abs` through (in the same folder, hidden, one per target). */
export function tmpFor(abs: string): string {
  return join(dirname(abs), `.${sha256(basename(abs)).slice(0, 16)}.cadre-tmp`);
}

/**
 * An executable file gets u+x even under a umask that would drop it (the host checks X_OK). Windows has no
 * exec bit: nothing to do there.
 */
function ensureExecutable(fd: number, opts: WriteOptions): void {
  if (!opts.executable || process.platform === "win32") return;
  const st = fstatSync(fd);
  if ((st.mode & 0o100) === 0) fchmodSync(fd, (st.mode & 0o777) | 0o100);
}

/**
 * The temporary file is handled by descriptor: opening and syncing go to the thread pool, while the small
 * write, the exec bit and the close run in place (each would otherwise be one more thread-pool round trip, a
 * thousand of them in a large sync).
 */
const openFd = (p: string, flags: number, mode: number) =>
  new Promise<number>((res, rej) => openCb(p, flags, mode, (e, fd) => (e ? rej(e) : res(fd))));
const datasyncFd = (fd: number) =>
  new Promise<void>((res, rej) => fdatasyncCb(fd, (e) => (e ? rej(e) : res())));

async function openNew(tmp: string, opts: WriteOptions): Promise<number> {
  const flags = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY;
  try {
    return await openFd(tmp, flags, modeOf(opts));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A leftover temporary of a killed run (or anything planted there) is removed, never written through.
    if (code === "EEXIST" && opts.fixedTmp) await unlink(tmp);
    else if (code === "ENOENT") await mkdir(dirname(tmp), { recursive: true });
    else throw e;
    return openFd(tmp, flags, modeOf(opts));
  }
}

/**
 * Write a file atomically: a temporary file in the same folder, then rename. With `sync` the data is
 * fsynced before the rename (and the folder after it, unless `syncDir` is false and the caller does it).
 * An `executable` file has its mode set on the temporary file, so the name never points at a file without it.
 * New files and updates go the same way: the name never holds a partly written file.
 */
export async function atomicWrite(abs: string, content: Content, opts: WriteOptions = {}): Promise<void> {
  const dir = dirname(abs);
  const tmp = opts.fixedTmp ? tmpFor(abs) : join(dir, `.${Math.random().toString(36).slice(2)}.cadre-tmp`);
  const fd = await openNew(tmp, opts);
  try {
    opts.step?.();
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  await fill(fd, content, opts);
  opts.step?.();
  try {
    await rename(tmp, abs);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  opts.step?.();
  if (opts.sync && opts.syncDir !== false) await syncDir(dir);
}

/** Write the content through an open descriptor (exec bit first, data synced when asked), then close it. */
async function fill(
  fd: number,
  content: Content,
  opts: { sync?: boolean; executable?: boolean },
): Promise<void> {
  try {
    ensureExecutable(fd, opts);
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    if (opts.sync) await datasyncFd(fd);
  } finally {
    closeSync(fd);
  }
}

/** Make `abs` a symlink to `target`, atomically (a temporary link, then rename). */
export async function linkFile(abs: string, target: string): Promise<void> {
  const dir = dirname(abs);
  await mkdir(dir, { recursive: true });
  const tmp = tmpFor(abs);
  await unlink(tmp).catch(() => undefined);
  await symlink(target, tmp);
  try {
    await rename(tmp, abs);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export async function syncDir(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  const fh = await open(dir, constants.O_RDONLY).catch(() => undefined);
  if (!fh) return;
  await fh.sync().catch(() => undefined);
  await fh.close();
}

/**
 * Delete a file, then its parent folders while they are empty (never `stop` itself, and only folders
 * `mayRemove` allows: those cadre created). Returns the folders removed.
 */
export async function removeFile(
  abs: string,
  stop: string,
  mayRemove: (dir: string) => boolean = () => true,
): Promise<string[]> {
  await unlink(abs).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOENT") throw e;
  });
  const removed: string[] = [];
  let dir = dirname(abs);
  while (dir.startsWith(stop + sep) && dir !== stop && mayRemove(dir)) {
    try {
      await rmdir(dir);
    } catch {
      break;
    }
    removed.push(dir);
    dir = dirname(dir);
  }
  return removed;
}

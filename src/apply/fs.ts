import { constants } from "node:fs";
import { lstat, mkdir, open, readFile, realpath, rename, rm, rmdir, symlink, unlink } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { isSafeRelativePath } from "../core/names.js";
import type { Content } from "../hosts/output.js";

const realRoots = new Map<string, Promise<string>>();
const dirChecks = new Map<string, Promise<void>>();

/** Check that an existing-or-not folder under `root` does not lead out of it through a symlink (memoised). */
function checkDir(root: string, realRoot: string, dir: string, rel: string): Promise<void> {
  if (dir === root || dir.length <= root.length) return Promise.resolve();
  const key = `${root}\u0000${dir}`;
  let p = dirChecks.get(key);
  if (!p) {
    p = (async () => {
      const st = await lstat(dir).catch(() => undefined);
      if (!st) return checkDir(root, realRoot, dirname(dir), rel);
      const real = await realpath(dir).catch(() => dir);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) {
        throw new UserError(
          ErrorCodes.unsafePath,
          `refusing to follow a symlink out of the project: ${rel}`,
          `check ${dir}`,
        );
      }
    })();
    dirChecks.set(key, p);
    p.catch(() => dirChecks.delete(key));
  }
  return p;
}

/** Resolve a root-relative path and make sure it stays inside the root, also through symlinks. */
export async function containedPath(root: string, rel: string): Promise<string> {
  if (!isSafeRelativePath(rel) || isAbsolute(rel)) {
    throw new UserError(ErrorCodes.unsafePath, `refusing to write outside the project: ${rel}`);
  }
  const abs = resolve(root, rel);
  const r = relative(root, abs);
  if (r.startsWith("..") || isAbsolute(r))
    throw new UserError(ErrorCodes.unsafePath, `refusing to write outside the project: ${rel}`);
  let rr = realRoots.get(root);
  if (!rr) {
    rr = realpath(root).catch(() => root);
    realRoots.set(root, rr);
  }
  const realRoot = await rr;
  await checkDir(root, realRoot, dirname(abs), rel);
  // The file itself may be a symlink (`--link`): writes replace it by rename and never write through it.
  return abs;
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
}

/** Mode for a new file: 0644, or 0755 for an executable (the process umask applies to both). */
function modeOf(opts: WriteOptions): number {
  return opts.executable ? 0o755 : 0o644;
}

/**
 * An executable file gets u+x even under a umask that would drop it (the host checks X_OK). Windows has no
 * exec bit: nothing to do there.
 */
async function ensureExecutable(
  fh: import("node:fs/promises").FileHandle,
  opts: WriteOptions,
): Promise<void> {
  if (!opts.executable || process.platform === "win32") return;
  const st = await fh.stat();
  if ((st.mode & 0o100) === 0) await fh.chmod((st.mode & 0o777) | 0o100);
}

/**
 * Write a file atomically: a temporary file in the same folder, then rename. With `sync` the data is
 * fsynced before the rename (and the folder after it, unless `syncDir` is false and the caller does it).
 * An `executable` file has its mode set on the temporary file, so the name never points at a file without it.
 */
export async function atomicWrite(abs: string, content: Content, opts: WriteOptions = {}): Promise<void> {
  const dir = dirname(abs);
  const tmp = join(dir, `.${Math.random().toString(36).slice(2)}.cadre-tmp`);
  const flags = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY;
  let fh: import("node:fs/promises").FileHandle;
  try {
    fh = await open(tmp, flags, modeOf(opts));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    await mkdir(dir, { recursive: true });
    fh = await open(tmp, flags, modeOf(opts));
  }
  await fill(fh, content, opts);
  try {
    await rename(tmp, abs);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  if (opts.sync && opts.syncDir !== false) await syncDir(dir);
}

/** Write the content through an open handle (exec bit first, data synced when asked), then close it. */
async function fill(
  fh: import("node:fs/promises").FileHandle,
  content: Content,
  opts: { sync?: boolean; executable?: boolean },
): Promise<void> {
  try {
    await ensureExecutable(fh, opts);
    await fh.writeFile(content);
    if (opts.sync) await fh.datasync();
  } finally {
    await fh.close();
  }
}

/**
 * Write a file that does not exist yet, in place (O_EXCL, no temporary file): the journal already lists
 * it as absent before, so an interrupted write is removed by the rollback. Falls back to `atomicWrite`
 * when the file appeared meanwhile.
 */
export async function createFile(
  abs: string,
  content: Content,
  opts: { sync?: boolean; executable?: boolean } = {},
): Promise<void> {
  let fh: import("node:fs/promises").FileHandle;
  try {
    fh = await open(abs, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, modeOf(opts));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return atomicWrite(abs, content, { ...opts, syncDir: false });
    if (code !== "ENOENT") throw e;
    await mkdir(dirname(abs), { recursive: true });
    return createFile(abs, content, opts);
  }
  await fill(fh, content, opts);
}

/** Make `abs` a symlink to `target`, atomically (a temporary link, then rename). */
export async function linkFile(abs: string, target: string): Promise<void> {
  const dir = dirname(abs);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${Math.random().toString(36).slice(2)}.cadre-tmp`);
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

/** Delete a file, then its parent folders while they are empty (never `stop` itself). */
export async function removeFile(abs: string, stop: string): Promise<void> {
  await unlink(abs).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOENT") throw e;
  });
  let dir = dirname(abs);
  while (dir.startsWith(stop + sep) && dir !== stop) {
    try {
      await rmdir(dir);
    } catch {
      break;
    }
    dir = dirname(dir);
  }
}

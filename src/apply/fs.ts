import { constants } from "node:fs";
import { lstat, mkdir, open, readFile, realpath, rename, rm, rmdir, unlink } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { isSafeRelativePath } from "../core/names.js";
import type { Content } from "../hosts/output.js";

/** Resolve a root-relative path and make sure it stays inside the root, also through symlinks. */
export async function containedPath(root: string, rel: string): Promise<string> {
  if (!isSafeRelativePath(rel) || isAbsolute(rel)) {
    throw new UserError(ErrorCodes.unsafePath, `refusing to write outside the project: ${rel}`);
  }
  const abs = resolve(root, rel);
  const r = relative(root, abs);
  if (r.startsWith("..") || isAbsolute(r))
    throw new UserError(ErrorCodes.unsafePath, `refusing to write outside the project: ${rel}`);
  const realRoot = await realpath(root).catch(() => root);
  let probe = abs;
  while (probe !== root && probe.length > root.length) {
    const st = await lstat(probe).catch(() => undefined);
    if (st) {
      const real = await realpath(probe).catch(() => probe);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) {
        throw new UserError(
          ErrorCodes.unsafePath,
          `refusing to follow a symlink out of the project: ${rel}`,
          `check ${probe}`,
        );
      }
      break;
    }
    probe = dirname(probe);
  }
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

/** Write a file atomically: a temporary file in the same folder, fsync, rename, then fsync the folder. */
export async function atomicWrite(abs: string, content: Content): Promise<void> {
  await mkdir(dirname(abs), { recursive: true });
  const tmp = join(dirname(abs), `.${Math.random().toString(36).slice(2)}.cadre-tmp`);
  const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, abs);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dirname(abs));
}

async function syncDir(dir: string): Promise<void> {
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

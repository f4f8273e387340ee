import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
} from "node:fs";
import { isAbsolute, resolve, sep } from "node:path";

/**
 * The one way the index, recall, outlines and the MCP tools read the working tree: a path is resolved and
 * contained at read time, on the opened file itself, so a file swapped for a symbolic link (or a folder
 * for a link) after indexing cannot make cadre read or return anything outside the repository.
 */

export type Refusal = {
  refused: "missing" | "outside" | "not-file" | "too-large";
  /** One sentence that names the path and says why it was not read. */
  reason: string;
};
export type ReadResult = { text: string } | Refusal;

/** Larger files are not read (the index itself skips files over 1 MiB by default). */
export const MAX_READ_BYTES = 16 * 1024 * 1024;

const realRoots = new Map<string, string>();
function realRootOf(root: string): string {
  let r = realRoots.get(root);
  if (r === undefined) {
    r = realpathSync.native(root);
    realRoots.set(root, r);
  }
  return r;
}

function isInside(realRoot: string, p: string): boolean {
  return p === realRoot || p.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

// No link is followed at the last step (a link is resolved and checked first); a FIFO never blocks the open.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function openNoFollow(path: string): number | NodeJS.ErrnoException {
  try {
    return openSync(path, OPEN_FLAGS);
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

/** Where an open descriptor really is, from the kernel (Linux); undefined where the system cannot say. */
function descriptorPath(fd: number): string | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/** The resolved path of `opened`, checked to be the file the descriptor holds (systems without /proc). */
function resolvedOf(fd: number, opened: string): string | undefined {
  try {
    const real = realpathSync.native(opened);
    const a = fstatSync(fd);
    const b = statSync(real);
    return a.dev === b.dev && a.ino === b.ino ? real : undefined;
  } catch {
    return undefined;
  }
}

const outside = (rel: string): Refusal => ({
  refused: "outside",
  reason: `"${rel}" resolves to a file outside the repository (a symbolic link?); cadre does not read it`,
});

/** Open a repository file for reading, or say why not. The caller closes `fd`. */
export function openInside(
  root: string,
  rel: string,
  maxBytes = MAX_READ_BYTES,
): { fd: number; size: number } | Refusal {
  const realRoot = realRootOf(root);
  if (isAbsolute(rel) || rel.split(/[\\/]/).includes("..")) return outside(rel);
  const abs = resolve(realRoot, rel);
  let opened = abs;
  let fd = openNoFollow(abs);
  if (typeof fd !== "number" && (fd.code === "ELOOP" || fd.code === "EMLINK")) {
    // The last step is a link: resolve it and follow it only when it stays inside.
    try {
      opened = realpathSync.native(abs);
    } catch {
      return { refused: "missing", reason: `"${rel}" is a broken symbolic link` };
    }
    if (!isInside(realRoot, opened)) return outside(rel);
    fd = openNoFollow(opened);
  }
  if (typeof fd !== "number") {
    return fd.code === "ENOENT" || fd.code === "ENOTDIR"
      ? { refused: "missing", reason: `"${rel}" no longer exists` }
      : { refused: "not-file", reason: `"${rel}" cannot be read (${fd.code ?? fd.message})` };
  }
  let keep = false;
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      return { refused: "not-file", reason: `"${rel}" is not a regular file; cadre does not read it` };
    // A folder on the way may have been swapped for a link: check where the open file really is.
    const where = descriptorPath(fd) ?? resolvedOf(fd, opened);
    if (where === undefined || !isInside(realRoot, where)) return outside(rel);
    if (st.size > maxBytes)
      return {
        refused: "too-large",
        reason: `"${rel}" is larger than ${Math.round(maxBytes / 1048576)} MiB; cadre does not read it`,
      };
    keep = true;
    return { fd, size: st.size };
  } finally {
    if (!keep) closeSync(fd);
  }
}

/** Read a repository file as UTF-8 text, or say why not (see `openInside`). */
export function readInside(root: string, rel: string, maxBytes = MAX_READ_BYTES): ReadResult {
  const o = openInside(root, rel, maxBytes);
  if ("refused" in o) return o;
  try {
    return { text: readFileSync(o.fd, "utf8") };
  } catch (e) {
    return { refused: "not-file", reason: `"${rel}" cannot be read (${(e as Error).message})` };
  } finally {
    closeSync(o.fd);
  }
}

/** Whether a repository file can be read (undefined) or why not, without reading it. */
export function checkInside(root: string, rel: string): Refusal | undefined {
  const o = openInside(root, rel);
  if ("refused" in o) return o;
  closeSync(o.fd);
  return undefined;
}

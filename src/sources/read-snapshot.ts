import { lstat, open, readdir, readlink, realpath, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import { toPosix } from "../core/names.js";
import { type PackSnapshot, type SnapshotFile, wantsContent } from "../model/snapshot.js";

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const SKIP = new Set([".git", "node_modules", ".cadre", ".DS_Store"]);
const MAX_FILES = 20_000;
const MAX_DEPTH = 12;

export interface ReadOptions {
  /** How the root is shown in messages. */
  display: string;
  maxFileBytes?: number;
  builtin?: boolean;
}

/** A file found by the walk, before its bytes are read. */
export interface TreeEntry {
  abs: string;
  path: string;
  size: number;
  mtimeMs: number;
  problem?: SnapshotFile["problem"];
  detail?: string;
}

/** Walk a pack folder: every file with its size and mtime. Symlinks leaving the folder are marked, not followed. */
export async function listTree(rootDir: string): Promise<TreeEntry[]> {
  const root = resolve(rootDir);
  const realRoot = await realpath(root);
  const out: TreeEntry[] = [];
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot + sep);

  let cut: string | undefined;
  async function visit(dir: string, depth: number): Promise<void> {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES) {
      cut ??=
        depth > MAX_DEPTH ? `folders nested deeper than ${MAX_DEPTH} levels` : `more than ${MAX_FILES} files`;
      return;
    }
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      out.push({
        abs: dir,
        path: toPosix(relative(root, dir)) || ".",
        size: 0,
        mtimeMs: 0,
        problem: "unreadable",
        detail: (e as Error).message,
      });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const ent of entries) {
      if (SKIP.has(ent.name)) continue;
      const abs = join(dir, ent.name);
      const path = toPosix(relative(root, abs));
      if (ent.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(abs);
        } catch {
          out.push({
            abs,
            path,
            size: 0,
            mtimeMs: 0,
            problem: "unreadable",
            detail: `dangling symbolic link to ${await readlink(abs).catch(() => "?")}`,
          });
          continue;
        }
        if (!inside(target)) {
          out.push({
            abs,
            path,
            size: 0,
            mtimeMs: 0,
            problem: "symlink-escape",
            detail: await readlink(abs).catch(() => target),
          });
          continue;
        }
        const st = await stat(target);
        if (st.isDirectory()) await visit(abs, depth + 1);
        else if (st.isFile()) out.push({ abs, path, size: st.size, mtimeMs: st.mtimeMs });
        continue;
      }
      if (ent.isDirectory()) await visit(abs, depth + 1);
      else if (ent.isFile()) {
        const st = await lstat(abs);
        out.push({ abs, path, size: st.size, mtimeMs: st.mtimeMs });
      }
    }
  }

  await visit(root, 0);
  if (cut)
    out.push({
      abs: root,
      path: ".",
      size: 0,
      mtimeMs: 0,
      problem: "truncated",
      detail: `${cut}; the rest was skipped`,
    });
  return out;
}

/** Read the bytes of text-like files under the size cap into a snapshot. */
export async function readEntries(
  rootDir: string,
  entries: TreeEntry[],
  opts: ReadOptions,
): Promise<PackSnapshot> {
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files = await Promise.all(
    entries.map(async (e): Promise<SnapshotFile> => {
      if (e.problem)
        return { path: e.path, size: e.size, problem: e.problem, ...(e.detail ? { detail: e.detail } : {}) };
      return readFileEntry(e.abs, e.path, e.size, maxFileBytes);
    }),
  );
  return {
    root: opts.display,
    folderName: basename(resolve(rootDir)),
    files,
    builtin: opts.builtin ?? false,
    maxFileBytes,
  };
}

/** Walk and read a pack folder into a snapshot. */
export async function readSnapshot(rootDir: string, opts: ReadOptions): Promise<PackSnapshot> {
  return readEntries(rootDir, await listTree(rootDir), opts);
}

async function readFileEntry(abs: string, rel: string, size: number, max: number): Promise<SnapshotFile> {
  if (!wantsContent(rel)) return { path: rel, size };
  if (size > max) return { path: rel, size, problem: "too-large" };
  try {
    const fh = await open(abs, "r");
    try {
      const buf = Buffer.alloc(size);
      const { bytesRead } = await fh.read(buf, 0, size, 0);
      return { path: rel, size, content: new Uint8Array(buf.buffer, buf.byteOffset, bytesRead) };
    } finally {
      await fh.close();
    }
  } catch (e) {
    return { path: rel, size, problem: "unreadable", detail: (e as Error).message };
  }
}

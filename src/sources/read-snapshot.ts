import { lstat, open, readdir, readlink, realpath, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import { toPosix } from "../core/names.js";
import { type PackSnapshot, type SnapshotFile, wantsContent } from "../model/snapshot.js";

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const SKIP = new Set([".git", "node_modules", ".cadre", ".DS_Store"]);
const MAX_FILES = 20_000;

export interface ReadOptions {
  /** How the root is shown in messages. */
  display: string;
  maxFileBytes?: number;
  builtin?: boolean;
}

/** Read a pack folder into a snapshot: file list, sizes and the bytes of text-like files. */
export async function readSnapshot(rootDir: string, opts: ReadOptions): Promise<PackSnapshot> {
  const root = resolve(rootDir);
  const realRoot = await realpath(root);
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files: SnapshotFile[] = [];

  const inside = (p: string) => p === realRoot || p.startsWith(realRoot + sep);

  async function visit(dir: string, depth: number): Promise<void> {
    if (depth > 12 || files.length >= MAX_FILES) return;
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      files.push({ path: toPosix(relative(root, dir)) || ".", size: 0, problem: "unreadable", detail: (e as Error).message });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const ent of entries) {
      if (SKIP.has(ent.name)) continue;
      const abs = join(dir, ent.name);
      const rel = toPosix(relative(root, abs));
      if (ent.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(abs);
        } catch {
          files.push({ path: rel, size: 0, problem: "unreadable", detail: `dangling symbolic link to ${await readlink(abs).catch(() => "?")}` });
          continue;
        }
        if (!inside(target)) {
          files.push({ path: rel, size: 0, problem: "symlink-escape", detail: await readlink(abs).catch(() => target) });
          continue;
        }
        const st = await stat(target);
        if (st.isDirectory()) await visit(abs, depth + 1);
        else if (st.isFile()) files.push(await readFileEntry(abs, rel, st.size, maxFileBytes));
        continue;
      }
      if (ent.isDirectory()) await visit(abs, depth + 1);
      else if (ent.isFile()) {
        const st = await lstat(abs);
        files.push(await readFileEntry(abs, rel, st.size, maxFileBytes));
      }
    }
  }

  await visit(root, 0);
  return { root: opts.display, folderName: basename(root), files, builtin: opts.builtin ?? false, maxFileBytes };
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

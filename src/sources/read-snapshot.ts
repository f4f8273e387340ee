import { lstat, open, readdir, readlink, realpath, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import { toPosix } from "../core/names.js";
import { type PackSnapshot, type SnapshotFile, wantsContent } from "../model/snapshot.js";

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const SKIP = new Set([".git", "node_modules", ".cadre", ".DS_Store", ".cadre-source.json"]);
const MAX_FILES = 20_000;
const MAX_DEPTH = 12;

export interface ReadOptions {
  /** How the root is shown in messages. */
  display: string;
  maxFileBytes?: number;
  builtin?: boolean;
  /** The pack name when it has no manifest (a fetched source's folder is named by its hash). */
  folderName?: string;
}

/** A file found by the walk, before its bytes are read. */
export interface TreeEntry {
  abs: string;
  path: string;
  size: number;
  mtimeMs: number;
  /** Change time: an edit that keeps the size and puts the mtime back still changes it. */
  ctimeMs: number;
  problem?: SnapshotFile["problem"];
  detail?: string;
}

/**
 * Walk a pack folder: every file with its size and times. A symbolic link is followed only when it resolves
 * inside the folder and is not a loop (a link to a folder that holds it); any other link is listed with a
 * problem (`symlink-escape`, or `unreadable` for a loop or a dangling link) and never read.
 */
export async function listTree(rootDir: string): Promise<TreeEntry[]> {
  const root = resolve(rootDir);
  const realRoot = await realpath(root);
  const out: TreeEntry[] = [];
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot + sep);
  const refuse = (abs: string, path: string, problem: TreeEntry["problem"], detail: string) =>
    out.push({ abs, path, size: 0, mtimeMs: 0, ctimeMs: 0, problem, detail });

  let cut: string | undefined;
  /** `chain`: the real paths of the folders being visited, to catch a link back into one of them. */
  async function visit(dir: string, depth: number, chain: readonly string[]): Promise<void> {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES) {
      cut ??=
        depth > MAX_DEPTH ? `folders nested deeper than ${MAX_DEPTH} levels` : `more than ${MAX_FILES} files`;
      return;
    }
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      refuse(dir, toPosix(relative(root, dir)) || ".", "unreadable", (e as Error).message);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const ent of entries) {
      if (SKIP.has(ent.name)) continue;
      const abs = join(dir, ent.name);
      const path = toPosix(relative(root, abs));
      if (ent.isSymbolicLink()) {
        const to = await readlink(abs).catch(() => "?");
        let target: string;
        try {
          target = await realpath(abs);
        } catch (e) {
          const loop = (e as NodeJS.ErrnoException).code === "ELOOP";
          refuse(
            abs,
            path,
            "unreadable",
            `${loop ? "symbolic link loop" : "dangling symbolic link"} (-> ${to})`,
          );
          continue;
        }
        if (!inside(target)) {
          refuse(abs, path, "symlink-escape", to);
          continue;
        }
        const st = await stat(target);
        if (st.isDirectory()) {
          if (chain.some((c) => c === target || c.startsWith(target + sep)))
            refuse(
              abs,
              path,
              "unreadable",
              `symbolic link loop: a link to a folder that holds it (-> ${to})`,
            );
          else await visit(abs, depth + 1, [...chain, target]);
        } else if (st.isFile())
          out.push({ abs, path, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs });
        continue;
      }
      if (ent.isDirectory())
        await visit(abs, depth + 1, [...chain, join(chain.at(-1) ?? realRoot, ent.name)]);
      else if (ent.isFile()) {
        const st = await lstat(abs);
        out.push({ abs, path, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs });
      }
    }
  }

  await visit(root, 0, [realRoot]);
  if (cut) refuse(root, ".", "truncated", `${cut}; the rest was skipped`);
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
    folderName: opts.folderName ?? basename(resolve(rootDir)),
    files,
    builtin: opts.builtin ?? false,
    maxFileBytes,
  };
}

/** Walk and read a pack folder into a snapshot. */
export async function readSnapshot(rootDir: string, opts: ReadOptions): Promise<PackSnapshot> {
  return readEntries(rootDir, await listTree(rootDir), opts);
}

/** Files that often hold credentials, read too so that the `security/secret` lint rule sees them. */
const SECRET_PRONE =
  /(?:^|\/)(?:\.env(?:\.[^/]*)?|[^/]*\.(?:env|pem|key|p8|ppk|ini|cfg|conf|properties|tfvars|tf|hcl|xml|gradle)|\.npmrc|\.netrc|\.pypirc|\.pgpass|\.git-credentials)$/i;

async function readFileEntry(abs: string, rel: string, size: number, max: number): Promise<SnapshotFile> {
  const wanted = wantsContent(rel);
  if (!wanted && (!SECRET_PRONE.test(rel) || size > max)) return { path: rel, size };
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

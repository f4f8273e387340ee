/**
 * The edge of stack detection: list the project's files (bounded, never through a link) and read the ones
 * the rules look into (small text files only); `compose/stacks.ts` matches them.
 */
import { constants, type Dirent } from "node:fs";
import { open, readdir } from "node:fs/promises";
import { join } from "node:path";
import { isCandidate, type ProjectFile, wantsContent } from "../compose/stacks.js";

/** Folders never walked: dependencies, build output, caches, version control and cadre's own state. */
const SKIP_DIRS = new Set([
  ".git",
  ".hg",
  ".svn",
  ".cadre",
  "node_modules",
  "bower_components",
  "vendor",
  "dist",
  "build",
  "out",
  "target",
  "coverage",
  ".next",
  ".nuxt",
  ".svelte-kit",
  ".turbo",
  ".cache",
  ".venv",
  "venv",
  "__pycache__",
  ".tox",
  ".gradle",
  ".idea",
  ".terraform",
  "Pods",
  "DerivedData",
]);

export const DETECT_BOUNDS = { maxDepth: 8, maxEntries: 50_000, maxFileBytes: 512 * 1024 };

export interface ProjectScan {
  files: ProjectFile[];
  /** Root-relative paths whose change can change what is detected (the files seen and the folders walked). */
  watch: string[];
  /** Whether the entry cap stopped the walk early (the depth bound is silent). */
  truncated: boolean;
}

/** The project's candidate files (a rule looks at them), with the text of those a rule reads. */
export async function scanProject(root: string, bounds = DETECT_BOUNDS): Promise<ProjectScan> {
  const files: ProjectFile[] = [];
  const watch: string[] = ["."];
  let entries = 0;
  let truncated = false;
  const walk = async (rel: string, depth: number): Promise<void> => {
    let list: Dirent[];
    try {
      list = await readdir(rel ? join(root, rel) : root, { withFileTypes: true });
    } catch {
      return;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of list) {
      if (++entries > bounds.maxEntries) {
        truncated = true;
        return;
      }
      const path = rel ? `${rel}/${d.name}` : d.name;
      // Links are never followed: neither folders nor files.
      if (d.isSymbolicLink()) continue;
      if (d.isDirectory()) {
        if (SKIP_DIRS.has(d.name)) continue;
        // Deeper folders are not walked (fixtures, generated trees); only the entry cap is reported.
        if (depth + 1 > bounds.maxDepth) continue;
        await walk(path, depth + 1);
        continue;
      }
      if (!d.isFile() || !isCandidate(path)) continue;
      watch.push(path);
      if (rel && !watch.includes(rel)) watch.push(rel);
      files.push(
        wantsContent(path) ? { path, text: await readSmallText(join(root, path), bounds) } : { path },
      );
    }
  };
  await walk("", 0);
  return { files, watch, truncated };
}

/** A regular file's text, never through a link; undefined when large, binary or unreadable. */
async function readSmallText(abs: string, bounds = DETECT_BOUNDS): Promise<string | undefined> {
  let fh: import("node:fs/promises").FileHandle;
  try {
    fh = await open(abs, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile() || st.size > bounds.maxFileBytes) return undefined;
    const bytes = await fh.readFile();
    if (bytes.subarray(0, 8000).includes(0)) return undefined;
    return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  } catch {
    return undefined;
  } finally {
    await fh.close();
  }
}

/**
 * The file system as the hook runtime sees it: links resolved for protected-paths (the pure handler gets
 * a `PathResolver`), and cadre's own folders under `.cadre/`, which must be real folders inside the
 * project at every level (`lstat`) before anything is written or deleted there.
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { lstat, mkdir } from "node:fs/promises";
import { posix } from "node:path";
import type { PathResolver } from "../hooks/handlers.js";

const slash = (p: string) => p.replace(/\\/g, "/");

/** Links resolved with `realpath` (the longest existing prefix, then dangling links by hand), reported under `root`. */
export function fileResolver(root: string): PathResolver {
  const top = slash(root);
  let realRoot = top;
  try {
    realRoot = slash(realpathSync(root));
  } catch {
    // A root that does not exist resolves nothing.
  }
  const back = (p: string) =>
    p === realRoot ? top : p.startsWith(`${realRoot}/`) ? top + p.slice(realRoot.length) : p;
  const realpath = (abs: string, hops = 0): string => {
    let head = abs;
    const tail: string[] = [];
    for (;;) {
      try {
        return back(posix.join(slash(realpathSync(head)), ...tail));
      } catch {
        // A dangling link: follow its text (a write through it creates the file it names).
        try {
          if (hops < 8 && lstatSync(head).isSymbolicLink()) {
            const to = slash(readlinkSync(head));
            const next = posix.resolve(posix.dirname(head), to);
            return realpath(posix.join(next, ...tail), hops + 1);
          }
        } catch {
          // Missing: go up one level.
        }
        const up = posix.dirname(head);
        if (up === head) return abs;
        tail.unshift(posix.basename(head));
        head = up;
      }
    }
  };
  return {
    realpath: (abs) => realpath(abs),
    isDir: (abs) => {
      try {
        return statSync(abs).isDirectory();
      } catch {
        return false;
      }
    },
  };
}

/**
 * `root/rel` as a real folder: each level is checked with `lstat` (created when missing); a link or a
 * file on the way is an error that names it, so nothing is written or deleted through it.
 */
export async function realDir(root: string, rel: string): Promise<string> {
  let dir = root;
  for (const part of rel.split("/").filter(Boolean)) {
    dir = posix.join(slash(dir), part);
    let st = await lstat(dir).catch(() => undefined);
    if (!st) {
      await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "EEXIST") throw e;
      });
      st = await lstat(dir);
    }
    if (st.isSymbolicLink() || !st.isDirectory())
      throw new Error(
        `${posix.relative(slash(root), dir)} is ${st.isSymbolicLink() ? "a symbolic link" : "not a folder"}; cadre keeps its hook state only in real folders inside the project (remove or rename it)`,
      );
  }
  return dir;
}

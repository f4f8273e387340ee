import {
  closeSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from "node:fs";
import { join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { type Language, languageOf, languageOfShebang } from "./languages.js";

/** Walk a repository: honours .gitignore, .ignore and .cadreignore; skips vendored and oversized files. */

export interface WalkEntry {
  /** Repository-relative POSIX path. */
  path: string;
  abs: string;
  language: Language;
  size: number;
  mtimeMs: number;
}

export interface WalkOptions {
  maxFileBytes?: number;
  /** Extra directories to skip, as repository-relative POSIX paths (e.g. the database folder). */
  exclude?: string[];
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const IGNORE_FILES = [".gitignore", ".ignore", ".cadreignore"];
const SKIP_DIRS = new Set([
  ".git",
  ".hg",
  ".svn",
  ".cadre",
  "node_modules",
  "bower_components",
  "vendor",
  ".venv",
  "venv",
  "__pycache__",
  ".tox",
  ".mypy_cache",
  ".pytest_cache",
  ".next",
  ".nuxt",
  ".cache",
]);
const GENERATED_NAME =
  /(\.min\.(js|css)|\.map|^package-lock\.json|^yarn\.lock|^pnpm-lock\.yaml|^Cargo\.lock|^poetry\.lock|^composer\.lock|^Gemfile\.lock|^go\.sum)$/;

interface Layer {
  base: string;
  ig: Ignore;
}

function readIgnores(dir: string, names: ReadonlySet<string>): Ignore | undefined {
  let ig: Ignore | undefined;
  for (const f of IGNORE_FILES) {
    if (!names.has(f)) continue;
    let text: string;
    try {
      text = readFileSync(join(dir, f), "utf8");
    } catch {
      continue;
    }
    ig ??= ignore();
    ig.add(text);
  }
  return ig;
}

function ignored(layers: Layer[], rel: string, isDir: boolean): boolean {
  for (const l of layers) {
    const sub = l.base ? rel.slice(l.base.length + 1) : rel;
    if (l.ig.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

/**
 * What a walk saw in one directory, so that a later walk can skip reading it while the directory's mtime
 * holds (adding, removing or renaming an entry changes it; editing a file does not, and files are always
 * stat'ed). Ignore files are re-checked by mtime and size, and a change below there disables the snapshots.
 */
interface DirSnap {
  /** The directory's mtime when it was read. */
  m: number;
  /**
   * In name order: subdirectories to descend into, with a trailing `/` (after skips and ignores), and
   * candidate files (after ignores, generated names and languages; sizes are checked at every walk).
   */
  e: string[];
  /** Ignore files here, as `name:mtime:size`. */
  i: string[];
}

/** Directory snapshots from the last walk, valid for one root and one set of options (`key`). */
export interface WalkCache {
  key: string;
  dirs: Record<string, DirSnap>;
}

export interface WalkResult {
  entries: WalkEntry[];
  /** Snapshots for the next walk. */
  cache: WalkCache;
  /** Directories read (the others came from the cache). */
  dirsRead: number;
  /** Whether `cache` differs from the one passed in. */
  cacheChanged: boolean;
}

const WALK_CACHE_VERSION = 1;
/** A directory modified this recently may change again within its mtime's granularity: never trust it. */
const RACY_MS = 2000;

export function walkRepo(root: string, opts: WalkOptions = {}): WalkEntry[] {
  return walkRepoCached(root, opts).entries;
}

function statOrUndefined(path: string): import("node:fs").Stats | undefined {
  return statSync(path, { throwIfNoEntry: false });
}

/** The stat of a file, or of a link's target when that target is inside `realRoot`; else undefined. */
function linkSafeStat(path: string, realRoot: string): import("node:fs").Stats | undefined {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st?.isSymbolicLink()) return st;
  try {
    const target = realpathSync(path);
    return target === realRoot || target.startsWith(realRoot + sep) ? statSync(target) : undefined;
  } catch {
    return undefined;
  }
}

function ignoreSig(dir: string, names: Iterable<string>): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (!IGNORE_FILES.includes(name)) continue;
    const st = statOrUndefined(join(dir, name));
    if (st) out.push(`${name}:${st.mtimeMs}:${st.size}`);
  }
  return out;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Walk, reusing the directory listings of `cache` where a directory's mtime (and its ignore files) are
 * unchanged. Without a cache every directory is read.
 */
export function walkRepoCached(root: string, opts: WalkOptions = {}, cache?: WalkCache): WalkResult {
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const realRoot = realpathSync(root);
  const exclude = new Set(opts.exclude ?? []);
  const key = JSON.stringify([WALK_CACHE_VERSION, realRoot, [...exclude].sort()]);
  const old = cache?.key === key ? cache.dirs : undefined;
  const dirs: Record<string, DirSnap> = {};
  const racyAfter = Date.now() - RACY_MS;
  let dirsRead = 0;
  let changed = !old;
  const out: WalkEntry[] = [];
  const addFile = (abs: string, r: string, language: Language, known?: import("node:fs").Stats) => {
    // lstat: a listing reused from the cache may name a file that has since become a link.
    const st = known ?? linkSafeStat(abs, realRoot);
    if (!st?.isFile() || st.size > max) return;
    out.push({ path: r, abs, language, size: st.size, mtimeMs: st.mtimeMs });
  };
  const visit = (dir: string, rel: string, layers: Layer[], trusted: boolean) => {
    // Directory links are never followed (a cached listing may name a folder since swapped for one).
    const dst = rel ? lstatSync(dir, { throwIfNoEntry: false }) : statOrUndefined(dir);
    if (!dst?.isDirectory()) return;
    const snap = trusted ? old?.[rel] : undefined;
    if (snap && snap.m === dst.mtimeMs) {
      const sig = ignoreSig(
        dir,
        snap.i.map((x) => x.slice(0, x.indexOf(":"))),
      );
      if (sameList(sig, snap.i)) {
        dirs[rel] = snap;
        const ig = snap.i.length
          ? readIgnores(dir, new Set(sig.map((x) => x.slice(0, x.indexOf(":")))))
          : undefined;
        const here = ig ? [...layers, { base: rel, ig }] : layers;
        for (const entry of snap.e) {
          const isDir = entry.endsWith("/");
          const name = isDir ? entry.slice(0, -1) : entry;
          const r = rel ? `${rel}/${name}` : name;
          if (isDir) visit(join(dir, name), r, here, true);
          else {
            const abs = join(dir, name);
            // Checked before detection reads a line of it: the name may now be a link out of the root.
            const st = linkSafeStat(abs, realRoot);
            const language = st?.isFile() ? detect(abs, r) : undefined;
            if (language) addFile(abs, r, language, st);
          }
        }
        return;
      }
    }
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    dirsRead++;
    changed = true;
    const names = entries.map((e) => e.name);
    const ig = readIgnores(dir, new Set(names));
    const here = ig ? [...layers, { base: rel, ig }] : layers;
    const sig = ignoreSig(dir, names.sort());
    // New or changed ignore rules here change what is listed below: read the whole subtree again.
    const prev = old?.[rel];
    const subtreeTrusted = trusted && prev !== undefined && sameList(sig, prev.i);
    const snapOut: DirSnap = { m: dst.mtimeMs < racyAfter ? dst.mtimeMs : -1, e: [], i: sig };
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        // Follow a link to a file only when it stays inside the repository; never follow directory links.
        try {
          const target = realpathSync(abs);
          const inside = target === realRoot || target.startsWith(realRoot + sep);
          const st = statSync(target);
          isDir = false;
          isFile = inside && st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) {
        if (SKIP_DIRS.has(e.name) || exclude.has(r) || ignored(here, r, true)) continue;
        snapOut.e.push(`${e.name}/`);
        visit(abs, r, here, subtreeTrusted);
      } else if (isFile) {
        if (GENERATED_NAME.test(e.name) || ignored(here, r, false)) continue;
        const language = detect(abs, r);
        if (!language) continue;
        snapOut.e.push(e.name);
        addFile(abs, r, language);
      }
    }
    dirs[rel] = snapOut;
  };
  visit(root, "", [], old !== undefined);
  if (!changed && old && Object.keys(old).length !== Object.keys(dirs).length) changed = true;
  return { entries: out, cache: { key, dirs }, dirsRead, cacheChanged: changed };
}

/** By extension; a file without one (`bin/deploy`) by its `#!` line. */
function detect(abs: string, rel: string): Language | undefined {
  const byName = languageOf(rel);
  if (byName || rel.slice(rel.lastIndexOf("/") + 1).includes(".")) return byName;
  let fd: number | undefined;
  try {
    fd = openSync(abs, "r");
    const buf = Buffer.alloc(128);
    const n = readSync(fd, buf, 0, 128, 0);
    return languageOfShebang(buf.toString("latin1", 0, n));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Binary: a NUL byte early on. Such a file is not indexed. */
export function skipReason(text: string): "binary" | undefined {
  return text.slice(0, 8192).includes("\u0000") ? "binary" : undefined;
}

/**
 * Markers tools write at the top of the files they generate: Go's `Code generated … DO NOT EDIT.`, `@generated`
 * (Facebook/Buck, protoc plugins), .NET's `<auto-generated>`, and comment lines such as `# Generated by the
 * protocol buffer compiler.  DO NOT EDIT!`, a block comment saying `This file is automatically generated` or
 * `-- AUTO-GENERATED FILE`.
 * A bare "generated" in prose is not enough: a comment line must say the file is generated, or say DO NOT EDIT
 * next to "generated".
 */
const GENERATED_MARKERS = [
  /Code generated .* DO NOT EDIT/,
  /@generated\b/,
  /<auto-generated/i,
  /^\s*(?:\/\/+|#+|--|\/\*+|\*|;+|%+|<!--)\s*(?:this (?:file|code) (?:is|was|has been) )?(?:auto-?generated|automatically generated|generated (?:automatically|by|from|with|using)\b)/i,
  /\bgenerated\b.*\bDO NOT EDIT\b|\bDO NOT EDIT\b.*\bgenerated\b/i,
];

/**
 * Whether a file says it is generated, in its first 40 lines (4 KiB): a licence header may come first, and Go
 * allows the marker anywhere before the package clause. Generated files are indexed (their symbols flagged)
 * but kept out of the repository map and of L2 recall unless asked for.
 */
export function isGenerated(text: string): boolean {
  const head = text.slice(0, 4096);
  // One scan settles almost every file (this runs on the writer thread for every file indexed).
  if (!/generated|do not edit/i.test(head)) return false;
  return head.split("\n", 40).some((line) => GENERATED_MARKERS.some((re) => re.test(line)));
}

export function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

export function relPath(root: string, abs: string): string {
  return toPosix(relative(root, abs));
}

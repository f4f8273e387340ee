import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { atomicWrite } from "../apply/fs.js";
import { sha256 } from "../core/hash.js";
import type { Layout } from "./layout.js";

/**
 * The no-op fast path of `cadre sync`. After a clean sync, cadre records a fingerprint of its inputs
 * (cadre.yaml, the source folders' file list with sizes and times, the host probes, its version), of
 * cadre.lock, and of every file it owns (size, mtime, inode, mode, ctime). When all of that is unchanged, nothing can
 * be out of date, and sync answers without loading the library, the renderers or the planner.
 */
interface Fingerprint {
  version: 2;
  inputs: string;
  lock: string;
  sources: string[];
  probes: string[];
  files: Record<string, [number, number, number, number, number]>;
}

const FILE = "fingerprint.json";

/**
 * Size, mtime, inode, mode and ctime: a chmod (a hook script's lost exec bit) changes no mtime, and an edit
 * that keeps the size and puts the mtime back still changes the ctime. The fast path reads with synchronous
 * calls: it has nothing to overlap them with, and a thousand thread-pool round trips cost more than the stats.
 */
function statKey(path: string): [number, number, number, number, number] | undefined {
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? [s.size, s.mtimeMs, s.ino, s.mode, s.ctimeMs] : undefined;
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function treeKey(dir: string): string {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    entries = [];
  }
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as { path?: string }).path ?? dir, e.name));
  return files
    .map((f) => `${f}:${statKey(f)?.join(":") ?? "-"}`)
    .sort()
    .join("\n");
}

function inputsKey(l: Layout, sources: string[], probes: string[], version: string): string {
  const config = readOrUndefined(l.configPath);
  if (!config) return "";
  const trees = sources.map(treeKey);
  const present = probes.map((p) => `${p}:${statSync(p, { throwIfNoEntry: false }) ? 1 : 0}`);
  return sha256(
    [version, l.root, l.hostEnv.home, l.hostEnv.xdgConfig ?? "", sha256(config), ...trees, ...present].join(
      "\n",
    ),
  );
}

/**
 * The answers given in this process, by state folder: a plain `cadre sync` asks from its own entry
 * (cli/sync-main.ts) and, when that cannot decide, again from the full CLI's sync command; the second asks
 * nothing of the disk. Writing a fingerprint forgets the answer.
 */
const answered = new Map<string, number | undefined>();

/** Files cadre owns that are up to date, or undefined when the fast path cannot decide. */
export async function upToDate(l: Layout, version: string): Promise<number | undefined> {
  const key = `${l.state.dir}\u0000${version}`;
  if (!answered.has(key)) answered.set(key, check(l, version));
  return answered.get(key);
}

function check(l: Layout, version: string): number | undefined {
  let fp: Fingerprint;
  try {
    fp = JSON.parse(readFileSync(join(l.state.dir, FILE), "utf8")) as Fingerprint;
  } catch {
    return undefined;
  }
  const lock = readOrUndefined(l.lockPath);
  const journal = statSync(join(l.state.dir, "journal.json"), { throwIfNoEntry: false });
  if (!lock || journal || sha256(lock) !== fp.lock) return undefined;
  if (inputsKey(l, fp.sources, fp.probes, version) !== fp.inputs) return undefined;
  const paths = Object.keys(fp.files);
  for (const p of paths) {
    if (statKey(join(l.root, p))?.join(":") !== fp.files[p]?.join(":")) return undefined;
  }
  return paths.length;
}

/** Record the fingerprint after a clean sync (no conflict, nothing pending). */
export async function writeFingerprint(
  l: Layout,
  version: string,
  sources: string[],
  probes: string[],
  owned: string[],
): Promise<void> {
  answered.clear();
  const lock = readOrUndefined(l.lockPath);
  if (!lock) return;
  const files: Fingerprint["files"] = {};
  const keys = owned.map((p) => statKey(join(l.root, p)));
  owned.forEach((p, i) => {
    const k = keys[i];
    if (k) files[p] = k;
  });
  const fp: Fingerprint = {
    version: 2,
    inputs: inputsKey(l, sources, probes, version),
    lock: sha256(lock),
    sources,
    probes,
    files,
  };
  await atomicWrite(join(l.state.dir, FILE), JSON.stringify(fp));
}

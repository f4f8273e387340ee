import { readdir, readFile, stat } from "node:fs/promises";
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
 * that keeps the size and puts the mtime back still changes the ctime.
 */
async function statKey(path: string): Promise<[number, number, number, number, number] | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s ? [s.size, s.mtimeMs, s.ino, s.mode, s.ctimeMs] : undefined;
}

async function treeKey(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as { path?: string }).path ?? dir, e.name));
  const keys = await Promise.all(files.map(async (f) => `${f}:${(await statKey(f))?.join(":") ?? "-"}`));
  return keys.sort().join("\n");
}

async function inputsKey(l: Layout, sources: string[], probes: string[], version: string): Promise<string> {
  const config = await readFile(l.configPath).catch(() => undefined);
  if (!config) return "";
  const trees = await Promise.all(sources.map(treeKey));
  const present = await Promise.all(
    probes.map(async (p) => `${p}:${(await stat(p).catch(() => undefined)) ? 1 : 0}`),
  );
  return sha256(
    [version, l.root, l.hostEnv.home, l.hostEnv.xdgConfig ?? "", sha256(config), ...trees, ...present].join(
      "\n",
    ),
  );
}

/** Files cadre owns that are up to date, or undefined when the fast path cannot decide. */
export async function upToDate(l: Layout, version: string): Promise<number | undefined> {
  let fp: Fingerprint;
  try {
    fp = JSON.parse(await readFile(join(l.state.dir, FILE), "utf8")) as Fingerprint;
  } catch {
    return undefined;
  }
  const [lock, journal] = await Promise.all([
    readFile(l.lockPath).catch(() => undefined),
    stat(join(l.state.dir, "journal.json")).catch(() => undefined),
  ]);
  if (!lock || journal || sha256(lock) !== fp.lock) return undefined;
  if ((await inputsKey(l, fp.sources, fp.probes, version)) !== fp.inputs) return undefined;
  const paths = Object.keys(fp.files);
  const keys = await Promise.all(paths.map((p) => statKey(join(l.root, p))));
  for (let i = 0; i < paths.length; i++) {
    if (keys[i]?.join(":") !== fp.files[paths[i] as string]?.join(":")) return undefined;
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
  const lock = await readFile(l.lockPath).catch(() => undefined);
  if (!lock) return;
  const files: Fingerprint["files"] = {};
  const keys = await Promise.all(owned.map((p) => statKey(join(l.root, p))));
  owned.forEach((p, i) => {
    const k = keys[i];
    if (k) files[p] = k;
  });
  const fp: Fingerprint = {
    version: 2,
    inputs: await inputsKey(l, sources, probes, version),
    lock: sha256(lock),
    sources,
    probes,
    files,
  };
  await atomicWrite(join(l.state.dir, FILE), JSON.stringify(fp));
}

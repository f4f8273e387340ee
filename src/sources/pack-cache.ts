import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "../core/hash.js";
import type { Pack } from "../model/item.js";
import { PARSER_VERSION } from "../model/parse-pack.js";
import type { PackSnapshot } from "../model/snapshot.js";
import { xdgDir } from "./paths.js";
import type { TreeEntry } from "./read-snapshot.js";

/**
 * Parsed packs cached under $XDG_CACHE_HOME/cadre/packs, keyed by the folder's file list (path, size, mtime, ctime, problems),
 * the load options and the build of cadre itself, so an unchanged pack loads without reading or parsing files.
 */
let buildStamp: string | undefined;
function stamp(): string {
  if (buildStamp === undefined) {
    try {
      buildStamp = String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
    } catch {
      buildStamp = "unknown";
    }
  }
  return buildStamp;
}

/** The cache key; `parser` defaults to the parser's version (npm installs give every release the same mtime). */
export function packKey(entries: readonly TreeEntry[], options: unknown, parser = PARSER_VERSION): string {
  const list = entries
    .map((e) => `${e.path}\0${e.size}\0${e.mtimeMs}\0${e.ctimeMs}\0${e.problem ?? ""}${e.detail ?? ""}`)
    .join("\n");
  return sha256(`${parser}\n${stamp()}\n${JSON.stringify(options)}\n${list}`);
}

/**
 * The key of what a pack folder holds: its files' paths, sizes, problems and bytes (not their times), the
 * load options and the build. A checkout, a copy or a `touch` changes every file's times and not this key, so
 * such a pack is found again without being parsed (`packKey` then points at it, see `linkCachedPack`).
 */
export function contentKey(snap: PackSnapshot, options: unknown, parser = PARSER_VERSION): string {
  const h = createHash("sha256");
  h.update(`${parser}\n${stamp()}\n${JSON.stringify(options)}\n`);
  h.update(`${snap.root}\0${snap.folderName}\0${snap.builtin ?? false}\0${snap.maxFileBytes}\n`);
  for (const f of snap.files) {
    h.update(`${f.path}\0${f.size}\0${f.problem ?? ""}\0${f.detail ?? ""}\0${f.content?.length ?? -1}\0`);
    if (f.content) h.update(f.content);
  }
  return h.digest("hex");
}

type Serialised = Omit<Pack, "files" | "texts"> & { files: string[]; texts: Array<[string, string]> };

function cacheFile(key: string, env: NodeJS.ProcessEnv): string {
  return join(xdgDir("cache", env), "packs", `${key}.json`);
}

/** A file-list key → the content key of the same pack (a small file beside the packs, not a copy). */
function refFile(key: string, env: NodeJS.ProcessEnv): string {
  return join(xdgDir("cache", env), "pack-refs", key);
}

/** The cached pack under a content key, or the one a file-list key points at. */
export async function readCachedPack(
  key: string,
  env: NodeJS.ProcessEnv,
  by: "content" | "files" = "content",
): Promise<Pack | undefined> {
  if (env.CADRE_NO_CACHE === "1") return undefined;
  try {
    const target = by === "files" ? (await readFile(refFile(key, env), "utf8")).trim() : key;
    if (!/^[0-9a-f]{64}$/.test(target)) return undefined;
    const s = JSON.parse(await readFile(cacheFile(target, env), "utf8")) as Serialised;
    return { ...s, files: new Set(s.files), texts: new Map(s.texts) };
  } catch {
    return undefined;
  }
}

export async function writeCachedPack(key: string, pack: Pack, env: NodeJS.ProcessEnv): Promise<void> {
  if (env.CADRE_NO_CACHE === "1") return;
  const file = cacheFile(key, env);
  try {
    await mkdir(join(xdgDir("cache", env), "packs"), { recursive: true });
    const s: Serialised = { ...pack, files: [...pack.files], texts: [...pack.texts] };
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(s));
    await rename(tmp, file);
  } catch {
    // an unwritable cache is not an error
  }
}

/** Point a file-list key at the pack cached under a content key. */
export async function linkCachedPack(key: string, target: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (env.CADRE_NO_CACHE === "1") return;
  const file = refFile(key, env);
  try {
    await mkdir(join(xdgDir("cache", env), "pack-refs"), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, target);
    await rename(tmp, file);
  } catch {
    // an unwritable cache is not an error
  }
}

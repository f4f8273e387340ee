import { statSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "../core/hash.js";
import type { Pack } from "../model/item.js";
import { PARSER_VERSION } from "../model/parse-pack.js";
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

type Serialised = Omit<Pack, "files" | "texts"> & { files: string[]; texts: Array<[string, string]> };

function cacheFile(key: string, env: NodeJS.ProcessEnv): string {
  return join(xdgDir("cache", env), "packs", `${key}.json`);
}

export async function readCachedPack(key: string, env: NodeJS.ProcessEnv): Promise<Pack | undefined> {
  if (env.CADRE_NO_CACHE === "1") return undefined;
  try {
    const s = JSON.parse(await readFile(cacheFile(key, env), "utf8")) as Serialised;
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

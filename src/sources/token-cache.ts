import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MemoryTokenCache } from "../core/tokens.js";
import { xdgDir } from "./paths.js";

const FILE = "tokens-o200k-v1.json";
const MAX_ENTRIES = 50_000;

/** Token counts persisted under the XDG cache dir, so repeated runs skip loading the tokenizer. */
export async function openTokenCache(env: NodeJS.ProcessEnv = process.env): Promise<MemoryTokenCache> {
  const cache = new MemoryTokenCache();
  if (env.CADRE_NO_CACHE === "1") return cache;
  try {
    const raw = JSON.parse(await readFile(join(xdgDir("cache", env), FILE), "utf8")) as Record<
      string,
      unknown
    >;
    for (const [k, v] of Object.entries(raw)) if (typeof v === "number") cache.entries.set(k, v);
  } catch {
    // missing or unreadable cache: start empty
  }
  return cache;
}

export async function saveTokenCache(
  cache: MemoryTokenCache,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (!cache.dirty || env.CADRE_NO_CACHE === "1") return;
  const dir = xdgDir("cache", env);
  try {
    await mkdir(dir, { recursive: true });
    const entries = [...cache.entries].slice(-MAX_ENTRIES);
    const tmp = join(dir, `${FILE}.${process.pid}.tmp`);
    await writeFile(tmp, JSON.stringify(Object.fromEntries(entries)));
    await rename(tmp, join(dir, FILE));
  } catch {
    // a cache that cannot be written is not an error
  }
}

import { stat } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { toPosix } from "../core/names.js";
import { countTokensMany } from "../core/tokens.js";
import { buildCatalog, type Catalog } from "../model/catalog.js";
import { displayPath, type Pack } from "../model/item.js";
import { parsePack } from "../model/parse-pack.js";
import type { PackSnapshot } from "../model/snapshot.js";
import { contentKey, linkCachedPack, packKey, readCachedPack, writeCachedPack } from "./pack-cache.js";
import { builtinLibraryDir } from "./paths.js";
import { DEFAULT_MAX_FILE_BYTES, listTree, readEntries } from "./read-snapshot.js";
import { openTokenCache, saveTokenCache } from "./token-cache.js";

export interface LoadOptions {
  cwd: string;
  /** Pack folders to load, relative to cwd. */
  paths?: string[];
  /** Load the built-in library too (default true). */
  builtin?: boolean;
  maxFileBytes?: number;
  env?: NodeJS.ProcessEnv;
}

function display(cwd: string, abs: string): string {
  const rel = toPosix(relative(cwd, abs));
  return rel === "" ? "." : rel.startsWith("../../..") ? toPosix(abs) : rel;
}

/** Load one pack folder from disk. A missing folder is a user error. */
export async function loadPack(
  dir: string,
  opts: Omit<LoadOptions, "paths"> & { builtinPack?: boolean; folderName?: string },
): Promise<Pack> {
  const abs = resolve(opts.cwd, dir);
  const st = await stat(abs).catch(() => undefined);
  if (!st)
    throw new UserError(ErrorCodes.notFound, `no such folder: ${dir}`, "pass the path of a pack folder");
  if (!st.isDirectory())
    throw new UserError(
      ErrorCodes.usage,
      `not a folder: ${dir}`,
      "pass the path of a pack folder, not a file",
    );
  const env = opts.env ?? process.env;
  const readOpts = {
    display: opts.builtinPack ? "library" : display(opts.cwd, abs),
    maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    builtin: opts.builtinPack ?? false,
    ...(opts.folderName ? { folderName: opts.folderName } : {}),
  };
  const entries = await listTree(abs);
  const key = packKey(entries, readOpts);
  const cached = await readCachedPack(key, env, "files");
  if (cached) return cached;
  const snap = await readEntries(abs, entries, readOpts);
  const byContent = contentKey(snap, readOpts);
  // The same bytes under new times (a checkout, a copy): parsed before, found by what the files hold.
  let pack = await readCachedPack(byContent, env);
  if (!pack) {
    pack = withAllTexts(markRefused(parsePack(snap)), snap);
    await assignTokens([pack], env);
    await writeCachedPack(byContent, pack, env);
  }
  await linkCachedPack(key, byContent, env);
  return pack;
}

const exact = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Keep the text of every UTF-8 file that is not an item (README, templates, .env…), byte for byte (a BOM
 * stays), so that lint sees every file of the pack and skills copy them exactly.
 */
function withAllTexts(pack: Pack, snap: PackSnapshot): Pack {
  const items = new Set(pack.items.map((i) => i.path));
  const texts = new Map(pack.texts);
  for (const f of snap.files) {
    if (!f.content || f.problem || items.has(f.path) || texts.has(f.path) || f.content.includes(0)) continue;
    try {
      texts.set(f.path, exact.decode(f.content));
    } catch {
      // not UTF-8: copied as bytes, not scanned
    }
  }
  return { ...pack, texts };
}

/**
 * A file the loader could not read safely (a link leaving the pack, a loop, a dangling link) that belongs to
 * an item: its diagnostic names the item too, which `sync` refuses to install (app/render-items.ts).
 */
function markRefused(pack: Pack): Pack {
  const holders = new Map<string, string[]>();
  for (const it of pack.items)
    for (const f of it.files) {
      const key = displayPath(pack, f);
      holders.set(key, [...(holders.get(key) ?? []), `${it.kind}:${it.name}`]);
    }
  for (const d of pack.diagnostics) {
    if (d.rule !== "load/symlink-escape" && d.rule !== "load/unreadable") continue;
    const ids = holders.get(d.file);
    if (ids) d.message += `; ${ids.join(", ")} cannot be installed until it is fixed`;
  }
  return pack;
}

/** Load the built-in pack and the given pack folders, count tokens, and build the catalog. */
export async function loadCatalog(opts: LoadOptions): Promise<Catalog> {
  const packs: Pack[] = [];
  const builtinDir = builtinLibraryDir();
  const requested = (opts.paths ?? []).map((p) => resolve(opts.cwd, p));
  if (opts.builtin !== false && !requested.includes(builtinDir)) {
    packs.push(await loadPack(builtinDir, { ...opts, builtinPack: true }));
  }
  for (const p of opts.paths ?? []) {
    packs.push(await loadPack(p, { ...opts, builtinPack: resolve(opts.cwd, p) === builtinDir }));
  }
  return buildCatalog(packs);
}

export async function assignTokens(packs: Pack[], env: NodeJS.ProcessEnv): Promise<void> {
  const cache = await openTokenCache(env);
  const items = packs.flatMap((p) => p.items);
  const counts = await countTokensMany(
    items.map((i) => i.text),
    cache,
  );
  items.forEach((it, i) => {
    it.tokens = counts[i] ?? 0;
  });
  await saveTokenCache(cache, env);
}

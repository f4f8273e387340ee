/**
 * The content-addressed cache of fetched sources, shared by every project: `$XDG_CACHE_HOME/cadre/sources/
 * <kind>/<address>` (a git commit, an npm integrity, an archive's sha256). An entry is filled in a temporary
 * folder and renamed into place, with `.cadre-source.json` recording the hash of its tree; on every use the
 * tree is hashed again, and an entry that does not match (edited, truncated) is removed so it is fetched anew.
 */
import { createHash, randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, readFile, readlink, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { xdgDir } from "./paths.js";

export const MANIFEST = ".cadre-source.json";

export function cacheRoot(env: NodeJS.ProcessEnv): string {
  return join(xdgDir("cache", env), "sources");
}

/** A filesystem-safe address: `git/<sha>`, `npm/<hex of the integrity>`, `archive/<sha256>`. */
export function cacheKey(kind: "git" | "npm" | "archive", address: string): string {
  const safe = /^[0-9a-f]{40,128}$/.test(address)
    ? address
    : createHash("sha256").update(address).digest("hex");
  return `${kind}/${safe}`;
}

/** sha256 over every path, type, exec bit and content (links: their target), sorted; the manifest is left out. */
export async function treeHash(root: string): Promise<string> {
  const lines: string[] = [];
  async function walk(dir: string, rel: string): Promise<void> {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      if (rel === "" && name === MANIFEST) continue;
      const abs = join(dir, name);
      const path = rel ? `${rel}/${name}` : name;
      const st = await lstat(abs);
      if (st.isSymbolicLink()) lines.push(`l ${path} ${await readlink(abs)}`);
      else if (st.isDirectory()) {
        lines.push(`d ${path}`);
        await walk(abs, path);
      } else if (st.isFile()) {
        const h = createHash("sha256")
          .update(await readFile(abs))
          .digest("hex");
        lines.push(`f ${path} ${st.mode & 0o100 ? "x" : "-"} ${h}`);
      } else lines.push(`o ${path}`);
    }
  }
  await walk(root, "");
  return `sha256-${createHash("sha256").update(lines.join("\n")).digest("hex")}`;
}

export type CacheLookup =
  | { state: "hit"; dir: string; tree: string }
  | { state: "miss" }
  | { state: "corrupt"; why: string };

/**
 * The entry for a key, verified: its tree must hash to what its manifest recorded (and to `expectTree`, the
 * lock's hash, when given). A corrupt entry is removed.
 */
export async function lookup(env: NodeJS.ProcessEnv, key: string, expectTree?: string): Promise<CacheLookup> {
  const dir = join(cacheRoot(env), key);
  let recorded: string | undefined;
  try {
    recorded = (JSON.parse(await readFile(join(dir, MANIFEST), "utf8")) as { tree?: string }).tree;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" && !(await lstat(dir).catch(() => undefined)))
      return { state: "miss" };
    await rm(dir, { recursive: true, force: true });
    return { state: "corrupt", why: "its manifest is missing or unreadable" };
  }
  const tree = await treeHash(dir).catch(() => "unreadable");
  const want = expectTree ?? recorded;
  if (tree !== recorded || tree !== want) {
    await rm(dir, { recursive: true, force: true });
    return {
      state: "corrupt",
      why:
        tree !== recorded ? "its files changed on disk" : "its content differs from the hash in cadre.lock",
    };
  }
  return { state: "hit", dir, tree };
}

/**
 * Fill a new entry atomically: `fill` writes into a temporary folder next to the entry, which is hashed, given
 * its manifest and renamed into place. When another process stored the same key first, its entry is used.
 * `keyOf` may be a function, called after `fill`.
 */
export async function store(
  env: NodeJS.ProcessEnv,
  keyOf: string | (() => string),
  fill: (dir: string) => Promise<void>,
  meta: Record<string, unknown>,
): Promise<{ dir: string; tree: string }> {
  const root = cacheRoot(env);
  const tmp = join(root, `.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
  await mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
    // The address may be known only after the fetch (a git ref's commit).
    const key = typeof keyOf === "function" ? keyOf() : keyOf;
    const dir = join(root, key);
    const tree = await treeHash(tmp);
    await writeFile(join(tmp, MANIFEST), `${JSON.stringify({ ...meta, tree }, null, 2)}\n`);
    await mkdir(join(dir, ".."), { recursive: true });
    try {
      await rename(tmp, dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw e;
      const other = await lookup(env, key, tree);
      if (other.state !== "hit") {
        await rename(tmp, dir);
        return { dir, tree };
      }
    }
    return { dir, tree };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

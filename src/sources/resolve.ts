/**
 * Resolve a source spec to a pack folder on disk. Local folders and the built-in library are used where they
 * are; git, npm and archive sources are fetched into the shared cache (sources/cache.ts), addressed by what
 * they resolved to. With a pin (from cadre.lock) exactly that commit, version or file is used, from the cache
 * when it is there (no network); `offline` never touches the network.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ErrorCodes, UserError } from "../core/errors.js";
import type { LockSource } from "../plan/types.js";
import { extractArchive } from "./archive.js";
import { cacheKey, lookup, store } from "./cache.js";
import { fetchGit } from "./git.js";
import { fetchNpm, npmOptions, resolveNpm } from "./npm.js";
import { builtinLibraryDir } from "./paths.js";
import { defaultPackName, formatSourceSpec, type SourceSpec } from "./spec.js";

export interface ResolvedSource {
  /** The canonical spec (cadre.lock's key). */
  key: string;
  spec: SourceSpec;
  /** Absolute pack folder. */
  dir: string;
  /** cadre's own library: the seam for trust (only built-in content is trusted without asking). */
  builtin: boolean;
  /** Fetched from a git host, a registry or a URL (not a local folder). */
  remote: boolean;
  /** The pack name to use when the pack has no manifest naming it. */
  name?: string;
  pin?: LockSource;
}

export interface ResolveOptions {
  /** Folder relative paths are read from (cadre.yaml's folder). */
  base: string;
  env: NodeJS.ProcessEnv;
  /** Use exactly this (from cadre.lock). */
  pin?: LockSource;
  /** Never use the network. */
  offline?: boolean;
  /** One line per fetch, for stderr. */
  progress?: (line: string) => void;
}

const MAX_DOWNLOAD = 128 * 1024 * 1024;

function offlineMiss(label: string, why: string): UserError {
  return new UserError(
    ErrorCodes.notFound,
    `${label}: not in the cache and --offline forbids fetching it (${why})`,
    "run once without --offline (or CADRE_OFFLINE) to fill the cache",
  );
}

/** Look up a cache entry; a corrupt one is reported, removed, and fetched again (unless offline). */
async function cached(
  key: string,
  o: ResolveOptions,
  label: string,
  fetch: (dir: string) => Promise<Record<string, unknown>>,
): Promise<{ dir: string; tree: string; meta?: Record<string, unknown> }> {
  const hit = await lookup(o.env, key, o.pin?.tree);
  if (hit.state === "hit") return hit;
  if (hit.state === "corrupt")
    o.progress?.(`${label}: cache entry corrupted (${hit.why}); fetching it again`);
  if (o.offline)
    throw offlineMiss(
      label,
      hit.state === "corrupt" ? `the cached copy was corrupted: ${hit.why}` : "never fetched",
    );
  let meta: Record<string, unknown> = {};
  const r = await store(
    o.env,
    key,
    async (dir) => {
      meta = await fetch(dir);
    },
    { source: label },
  );
  if (o.pin && r.tree !== o.pin.tree)
    throw new UserError(
      ErrorCodes.io,
      `${label}: the fetched files differ from the hash in cadre.lock (${r.tree} ≠ ${o.pin.tree})`,
      "someone changed the content behind the pin; check the source, then `cadre update` to accept it",
    );
  return { ...r, meta };
}

async function resolveGit(s: Extract<SourceSpec, { type: "git" }>, o: ResolveOptions, label: string) {
  let commit = o.pin?.commit;
  let entry: { dir: string; tree: string };
  if (commit) {
    const pinned = commit;
    entry = await cached(cacheKey("git", pinned), o, label, async (dir) => {
      o.progress?.(`fetching ${label} at ${pinned.slice(0, 12)}…`);
      await fetchGit({ url: s.url, ref: s.ref, commit: pinned, label, env: o.env }, dir);
      return {};
    });
  } else {
    if (o.offline) throw offlineMiss(label, "cadre.lock has no commit for it yet");
    o.progress?.(`fetching ${label}…`);
    // The commit is known only after the fetch: the entry is addressed once it is in.
    let got = "";
    entry = await store(
      o.env,
      () => cacheKey("git", got),
      async (dir) => {
        got = await fetchGit({ url: s.url, ref: s.ref, label, env: o.env }, dir);
      },
      { source: label },
    );
    commit = got;
    o.progress?.(`  ${label} → ${got.slice(0, 12)}`);
  }
  const pin: LockSource = {
    type: "git",
    url: s.url,
    commit,
    tree: entry.tree,
    ...(s.ref ? { ref: s.ref } : {}),
  };
  return { dir: await subdirOf(entry.dir, s.subdir, label, commit), pin };
}

async function subdirOf(dir: string, subdir: string | undefined, label: string, at: string): Promise<string> {
  if (!subdir) return dir;
  const d = join(dir, ...subdir.split("/"));
  if (!(await stat(d).catch(() => undefined))?.isDirectory())
    throw new UserError(
      ErrorCodes.notFound,
      `${label}: no folder "${subdir}" in the repository at ${at.slice(0, 12)}`,
      "check the path after owner/repo",
    );
  return d;
}

function sriHex(integrity: string): string {
  const b64 =
    integrity
      .split(/\s+/)
      .find((x) => x.startsWith("sha512-"))
      ?.slice(7) ?? integrity;
  return Buffer.from(b64, "base64").toString("hex") || createHash("sha256").update(integrity).digest("hex");
}

async function resolveNpmSource(
  s: Extract<SourceSpec, { type: "npm" }>,
  o: ResolveOptions,
  label: string,
  root: string,
) {
  const opts = npmOptions(o.env, root);
  let pin =
    o.pin?.version && o.pin.integrity
      ? { version: o.pin.version, integrity: o.pin.integrity, resolved: o.pin.resolved ?? "" }
      : undefined;
  if (!pin) {
    if (o.offline) throw offlineMiss(label, "cadre.lock has no version for it yet");
    o.progress?.(`resolving ${label}…`);
    pin = await resolveNpm(s.name, s.range, label, opts);
  }
  const p = pin;
  const entry = await cached(cacheKey("npm", sriHex(p.integrity)), o, label, async (dir) => {
    o.progress?.(`fetching ${s.name}@${p.version}…`);
    await fetchNpm(s.name, p, label, opts, dir);
    return {};
  });
  const lock: LockSource = {
    type: "npm",
    version: p.version,
    integrity: p.integrity,
    tree: entry.tree,
    ...(p.resolved ? { resolved: p.resolved } : {}),
  };
  return { dir: entry.dir, pin: lock };
}

async function download(url: string, base: string, label: string): Promise<Uint8Array> {
  if (/^https?:\/\//i.test(url)) {
    let res: Response;
    try {
      res = await fetch(url, { redirect: "follow" });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new UserError(
        ErrorCodes.io,
        `${label}: cannot reach the host (${cause?.code ?? cause?.message ?? (e as Error).message})`,
        "check the URL and your network",
      );
    }
    if (!res.ok)
      throw new UserError(
        ErrorCodes.notFound,
        `${label}: the server answered ${res.status} ${res.statusText}`,
        "check the URL",
      );
    const len = Number(res.headers.get("content-length") ?? 0);
    if (len > MAX_DOWNLOAD)
      throw new UserError(
        ErrorCodes.io,
        `${label}: ${len} bytes, over the ${MAX_DOWNLOAD / 1048576} MiB limit`,
      );
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.length > MAX_DOWNLOAD)
      throw new UserError(ErrorCodes.io, `${label}: over the ${MAX_DOWNLOAD / 1048576} MiB limit`);
    return buf;
  }
  const path = /^file:\/\//i.test(url) ? fileURLToPath(url) : resolve(base, url);
  try {
    return await readFile(path);
  } catch (e) {
    throw new UserError(
      ErrorCodes.notFound,
      `${label}: cannot read the archive ${path} (${(e as NodeJS.ErrnoException).code})`,
      "check the path",
    );
  }
}

async function resolveArchive(s: Extract<SourceSpec, { type: "archive" }>, o: ResolveOptions, label: string) {
  const want = o.pin?.sha256 ?? s.sha256;
  const fetchInto = async (dir: string, bytes?: Uint8Array) => {
    const data = bytes ?? (await download(s.url, o.base, label));
    const got = createHash("sha256").update(data).digest("hex");
    if (want && got !== want)
      throw new UserError(
        ErrorCodes.io,
        `${label}: the archive's sha256 is ${got}, not ${want}: tampered or replaced; nothing was installed`,
        "check the archive; if its new content is intended, update the sha256 (or run `cadre update`)",
      );
    await extractArchive(data, dir, label, s.url);
    return got;
  };
  if (want) {
    const entry = await cached(cacheKey("archive", want), o, label, async (dir) => {
      o.progress?.(`fetching ${label}…`);
      await fetchInto(dir);
      return {};
    });
    return {
      dir: entry.dir,
      pin: { type: "archive", url: s.url, sha256: want, tree: entry.tree } as LockSource,
    };
  }
  if (o.offline) throw offlineMiss(label, "cadre.lock has no sha256 for it yet");
  o.progress?.(`fetching ${label}…`);
  const data = await download(s.url, o.base, label);
  const sha = createHash("sha256").update(data).digest("hex");
  const entry = await cached(cacheKey("archive", sha), { ...o, pin: undefined }, label, async (dir) => {
    await fetchInto(dir, data);
    return {};
  });
  return {
    dir: entry.dir,
    pin: { type: "archive", url: s.url, sha256: sha, tree: entry.tree } as LockSource,
  };
}

/** Resolve one spec to its pack folder (fetching remote sources into the cache). */
export async function resolveSource(
  spec: SourceSpec,
  o: ResolveOptions & { projectRoot?: string },
): Promise<ResolvedSource> {
  const key = formatSourceSpec(spec);
  const label = key;
  const name = defaultPackName(spec);
  switch (spec.type) {
    case "builtin":
      return { key, spec, dir: builtinLibraryDir(), builtin: true, remote: false };
    case "local":
      return {
        key,
        spec,
        dir: resolve(o.base, spec.path),
        builtin: resolve(o.base, spec.path) === builtinLibraryDir(),
        remote: false,
      };
    case "git": {
      const r = await resolveGit(spec, o, label);
      return { key, spec, ...r, builtin: false, remote: true, name };
    }
    case "npm": {
      const r = await resolveNpmSource(spec, o, label, o.projectRoot ?? o.base);
      return { key, spec, ...r, builtin: false, remote: true, name };
    }
    case "archive": {
      const r = await resolveArchive(spec, o, label);
      return { key, spec, ...r, builtin: false, remote: true, name };
    }
  }
}

/**
 * cadre.yaml's sources → pack folders → the catalog, with cadre.lock's pins: a pinned source installs exactly
 * its commit, version or archive (from the shared cache when it is there, so a fresh clone needs no network);
 * a source without a pin is resolved and pinned; `frozen` (CI) refuses anything the lock does not pin, and a
 * pin for a source cadre.yaml no longer lists. `CADRE_OFFLINE=1` (the `--offline` flag) never fetches.
 */
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { buildCatalog, type Catalog } from "../model/catalog.js";
import { type Item, type Pack, qualifiedId } from "../model/item.js";
import type { TrustOptions } from "../model/trust.js";
import type { Lock, LockSource } from "../plan/types.js";
import { loadPack } from "../sources/load.js";
import { type ResolvedSource, resolveSource } from "../sources/resolve.js";
import { formatSourceSpec, isRemote, parseSourceSpec, type SourceSpec } from "../sources/spec.js";
import { type Config, configWhere } from "./config.js";
import type { Layout } from "./layout.js";

export interface SourceOptions {
  /** CI: use only what cadre.lock pins; anything else is an error. */
  frozen?: boolean;
  /** Re-resolve these sources (canonical specs) ignoring their pins (`cadre update`). */
  update?: (key: string) => boolean;
  /** Trust decisions made by this run (`cadre trust`, `untrust`, `add --trust`, `update` asking). */
  trust?: TrustOptions;
}

export interface ResolvedCatalog {
  cat: Catalog;
  /** The pins of the remote sources, for cadre.lock. */
  pins: Record<string, LockSource>;
  resolved: ResolvedSource[];
  /** Pack name per canonical spec. */
  packOf: Map<string, string>;
}

export function offline(env: NodeJS.ProcessEnv): boolean {
  return env.CADRE_OFFLINE === "1" || env.CADRE_OFFLINE === "true";
}

/** Fetch progress on stderr, unless -q or --json (the CLI sets CADRE_PROGRESS=0 then). */
export function progressOf(env: NodeJS.ProcessEnv): ((line: string) => void) | undefined {
  if (env.CADRE_PROGRESS === "0") return undefined;
  return (line) => void process.stderr.write(`${line}\n`);
}

/** Read one spec, deciding `owner/repo` against a folder of that name under `base`. */
export function parseSpecAt(text: string, base: string): SourceSpec {
  return parseSourceSpec(text, {
    isLocalDir: (p) => statSync(resolve(base, p), { throwIfNoEntry: false })?.isDirectory() === true,
  });
}

/** The folder relative source paths are read from: cadre.yaml's. */
export function baseOf(l: Layout): string {
  return l.scope === "user" ? dirname(l.configPath) : l.root;
}

/** Unpinned resolutions made in this process, so `init`/`add` and the sync after them agree on one commit. */
const fresh = new Map<string, ResolvedSource>();

/** Resolve one source (with its pin) and load its pack. A remote source in which nothing is recognised is an error. */
export async function loadSource(
  spec: SourceSpec,
  o: {
    base: string;
    env: NodeJS.ProcessEnv;
    root: string;
    pin?: LockSource;
    where?: string;
    refresh?: boolean;
  },
): Promise<{ resolved: ResolvedSource; pack: Pack }> {
  const key = formatSourceSpec(spec);
  // `update` asks the source again (an earlier command of this process, e.g. in `cadre menu`, may have resolved it).
  const memo = o.pin || o.refresh ? undefined : fresh.get(`${o.base}\0${key}`);
  const resolved =
    memo ??
    (await resolveSource(spec, {
      base: o.base,
      env: o.env,
      pin: o.pin,
      offline: offline(o.env),
      progress: progressOf(o.env),
      projectRoot: o.root,
    }));
  if (!o.pin && resolved.remote) fresh.set(`${o.base}\0${key}`, resolved);
  // A folder is loaded by the path as written, so messages name it as the user did.
  const pack = await loadPack(spec.type === "local" ? spec.path : resolved.dir, {
    cwd: o.base,
    env: o.env,
    builtinPack: resolved.builtin,
    folderName: resolved.name,
  });
  if (resolved.remote && pack.items.length === 0)
    throw new UserError(
      ErrorCodes.notFound,
      `${o.where ? `${o.where}: ` : ""}${key}: no items recognised in it (skills, agents, commands, rules, plugins…)`,
      "check that this is a pack of agent content; `cadre add <source> --list` shows what cadre finds",
    );
  return { resolved, pack };
}

/** cadre.yaml's sources, resolved against cadre.lock's pins, loaded into one catalog. */
export async function resolveCatalog(
  c: Config,
  l: Layout,
  lock: Lock | undefined,
  opts: SourceOptions = {},
): Promise<ResolvedCatalog> {
  const base = baseOf(l);
  const specs = c.sources.map((text, i) => {
    try {
      return parseSpecAt(text, base);
    } catch (e) {
      if (e instanceof UserError)
        throw new UserError(e.code, `${configWhere(c, ["sources", i])}: ${e.message}`, e.hint);
      throw e;
    }
  });
  const keys = specs.map(formatSourceSpec);
  if (opts.frozen) checkFrozen(c, specs, keys, lock);
  const pins: Record<string, LockSource> = {};
  const resolved: ResolvedSource[] = [];
  const packs: Pack[] = [];
  const packOf = new Map<string, string>();
  // The built-in library first, as before sources were specs.
  const order = specs
    .map((_s, i) => i)
    .sort((a, b) => Number(specs[b]?.type === "builtin") - Number(specs[a]?.type === "builtin"));
  for (const i of order) {
    const spec = specs[i] as SourceSpec;
    const key = keys[i] as string;
    const refresh = opts.update?.(key) === true;
    const pin = refresh ? undefined : lock?.sources?.[key];
    const { resolved: r, pack } = await loadSource(spec, {
      base,
      env: l.env,
      root: l.root,
      pin,
      refresh,
      where: configWhere(c, ["sources", i]),
    });
    resolved.push(r);
    packs.push(pack);
    packOf.set(key, pack.name);
    if (r.pin) pins[key] = r.pin;
  }
  return { cat: buildCatalog(packs), pins, resolved, packOf };
}

function checkFrozen(c: Config, specs: SourceSpec[], keys: string[], lock: Lock | undefined): void {
  const hint = "run `cadre sync` (without --frozen) and commit cadre.lock with cadre.yaml";
  specs.forEach((s, i) => {
    if (isRemote(s) && !lock?.sources?.[keys[i] as string])
      throw new UserError(
        ErrorCodes.findings,
        `--frozen: ${configWhere(c, ["sources", i])}: source ${keys[i]} is not pinned in cadre.lock`,
        hint,
      );
  });
  for (const k of Object.keys(lock?.sources ?? {}))
    if (!keys.includes(k))
      throw new UserError(
        ErrorCodes.findings,
        `--frozen: cadre.lock pins ${k}, which cadre.yaml no longer lists`,
        hint,
      );
}

/** --frozen: the selection must be what cadre.lock records (no item added or removed since it was written). */
export function checkFrozenItems(items: readonly Item[], lock: Lock): void {
  const want = new Set(items.map(qualifiedId));
  const have = new Set(Object.keys(lock.items));
  const added = [...want].filter((q) => !have.has(q));
  const removed = [...have].filter((q) => !want.has(q));
  if (added.length || removed.length)
    throw new UserError(
      ErrorCodes.findings,
      `--frozen: cadre.yaml selects ${[
        added.length
          ? `${added.length} item(s) cadre.lock does not have (${added.slice(0, 5).join(", ")})`
          : "",
        removed.length
          ? `not ${removed.length} item(s) cadre.lock has (${removed.slice(0, 5).join(", ")})`
          : "",
      ]
        .filter(Boolean)
        .join(" and ")}`,
      "run `cadre sync` (without --frozen) and commit cadre.lock with cadre.yaml",
    );
}

/**
 * `cadre outdated` and `cadre update`: compare each pinned source with what its ref or range names now
 * (git: the branch or tag's commit, and the highest version tag; npm: the highest version in the range and the
 * `latest` tag), and move pins through a normal sync (three-way merge of user edits), reporting item changes.
 */
import { ErrorCodes, UserError } from "../core/errors.js";
import { resolveRef } from "../model/catalog.js";
import type { TrustReview } from "../model/trust.js";
import type { LockSource } from "../plan/types.js";
import { lsRemote, refCommit } from "../sources/git.js";
import { compareVersions, npmOptions, npmVersions, resolveNpm } from "../sources/npm.js";
import { formatSourceSpec, isRemote } from "../sources/spec.js";
import { layoutOf, type ProjectOptions, readLock, requireConfig } from "./project.js";
import { baseOf, offline, parseSpecAt, resolveCatalog } from "./sources.js";
import { type SyncResult, syncCommand } from "./sync.js";

export interface OutdatedRow {
  source: string;
  type: "git" | "npm" | "archive";
  current?: string;
  /** What the ref or range names now. */
  wanted?: string;
  /** The newest release (highest version tag, npm `latest`). */
  latest?: string;
  outdated: boolean;
  note?: string;
}

const VERSION_TAG = /^refs\/tags\/(v?\d+\.\d+\.\d+[^\s^]*)$/;

async function gitRow(
  key: string,
  url: string,
  ref: string | undefined,
  pin: LockSource | undefined,
  env: NodeJS.ProcessEnv,
): Promise<OutdatedRow> {
  const refs = await lsRemote(url, key, env);
  const now = refCommit(refs, ref);
  const tags = [...refs.refs.keys()].map((r) => VERSION_TAG.exec(r)?.[1]).filter((t): t is string => !!t);
  const top = tags.sort(compareVersions).pop();
  const isTag = ref !== undefined && refs.refs.has(`refs/tags/${ref}`);
  const latest = isTag && top && compareVersions(top, ref as string) > 0 ? top : undefined;
  const row: OutdatedRow = {
    source: key,
    type: "git",
    current: pin?.commit?.slice(0, 12),
    wanted: now?.slice(0, 12),
    ...(latest ? { latest } : {}),
    outdated: (now !== undefined && now !== pin?.commit) || latest !== undefined,
  };
  if (!now) row.note = `the ref ${ref ?? "HEAD"} is gone from the remote`;
  else if (latest) row.note = `a newer tag exists: change the ref to ${latest}`;
  return row;
}

/** Every remote source of cadre.yaml with its pin and what it could move to. Needs the network. */
export async function outdatedCommand(o: ProjectOptions): Promise<OutdatedRow[]> {
  const layout = layoutOf(o);
  const config = await requireConfig(layout);
  const lock = await readLock(layout);
  if (offline(o.env))
    throw new UserError(
      ErrorCodes.usage,
      "`cadre outdated` asks the remotes what is new; it cannot run --offline",
    );
  const rows: OutdatedRow[] = [];
  for (const text of config.sources) {
    const spec = parseSpecAt(text, baseOf(layout));
    if (!isRemote(spec)) continue;
    const key = formatSourceSpec(spec);
    const pin = lock.sources?.[key];
    if (spec.type === "git") rows.push(await gitRow(key, spec.url, spec.ref, pin, o.env));
    else if (spec.type === "npm") {
      const opts = npmOptions(o.env, layout.root);
      const wanted = (await resolveNpm(spec.name, spec.range, key, opts)).version;
      const { tags } = await npmVersions(spec.name, key, opts);
      const latest = tags.latest;
      rows.push({
        source: key,
        type: "npm",
        current: pin?.version,
        wanted,
        ...(latest ? { latest } : {}),
        outdated:
          wanted !== pin?.version ||
          (latest !== undefined &&
            latest !== pin?.version &&
            compareVersions(latest, pin?.version ?? "0.0.0") > 0),
        ...(latest && latest !== wanted
          ? { note: `latest ${latest} is outside the range; change it in cadre.yaml to move` }
          : {}),
      });
    } else
      rows.push({
        source: key,
        type: "archive",
        current: pin?.sha256?.slice(0, 12),
        outdated: false,
        note: "an archive is fixed by its URL and sha256",
      });
  }
  return rows;
}

export interface UpdateResult {
  sync: SyncResult;
  /** Sources whose pin moved: from → to. */
  moved: Array<{ source: string; from?: string; to?: string }>;
  added: string[];
  removed: string[];
  changed: string[];
}

function pinText(p: LockSource | undefined): string | undefined {
  return p ? (p.version ?? p.commit?.slice(0, 12) ?? p.sha256?.slice(0, 12)) : undefined;
}

/** The sources `cadre update <target>` moves: a source (as written or canonical), or the source holding an item. */
async function targetsOf(o: ProjectOptions, targets: string[]): Promise<Set<string> | undefined> {
  if (targets.length === 0) return undefined;
  const layout = layoutOf(o);
  const config = await requireConfig(layout);
  const base = baseOf(layout);
  const keys = config.sources.map((s) => formatSourceSpec(parseSpecAt(s, base)));
  const out = new Set<string>();
  let cat: Awaited<ReturnType<typeof resolveCatalog>> | undefined;
  for (const t of targets) {
    const i = config.sources.indexOf(t);
    let key: string | undefined = i >= 0 ? keys[i] : undefined;
    if (!key) {
      try {
        const k = formatSourceSpec(parseSpecAt(t, base));
        if (keys.includes(k)) key = k;
      } catch {
        // not a source spec: maybe an item
      }
    }
    if (!key) {
      cat ??= await resolveCatalog(config, layout, await readLock(layout));
      const r = resolveRef(cat.cat, t);
      if (r.ok) key = [...cat.packOf].find(([, pack]) => pack === r.item.pack)?.[0];
    }
    if (!key)
      throw new UserError(
        ErrorCodes.notFound,
        `"${t}" is neither a source in cadre.yaml nor an item`,
        `sources: ${config.sources.join(", ")}`,
      );
    out.add(key);
  }
  return out;
}

/** `cadre update [source|item…]`: re-resolve (all or the named) sources, then sync through the three-way merge. */
export async function updateCommand(
  o: ProjectOptions & {
    targets: string[];
    dryRun?: boolean;
    version?: string;
    /** In a terminal: asked when a source's executable content is new or changed (see app/trust.ts). */
    askTrust?: (r: TrustReview) => Promise<boolean>;
  },
): Promise<UpdateResult> {
  const chosen = await targetsOf(o, o.targets);
  const sync = await syncCommand({
    ...o,
    resolve: {
      update: (k) => !chosen || chosen.has(k),
      ...(o.askTrust ? { trust: { ask: o.askTrust } } : {}),
    },
  });
  const before = sync.lockBefore;
  const after = sync.lockAfter;
  const moved = Object.keys({ ...before.sources, ...after.sources })
    .map((source) => ({
      source,
      from: pinText(before.sources?.[source]),
      to: pinText(after.sources?.[source]),
    }))
    .filter((m) => m.from !== m.to);
  const old = Object.keys(before.items);
  const now = Object.keys(after.items);
  return {
    sync,
    moved,
    added: now.filter((q) => !before.items[q]),
    removed: old.filter((q) => !after.items[q]),
    changed: sync.changedItems,
  };
}

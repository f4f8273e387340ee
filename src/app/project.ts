import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { applyPlan, recoverJournal } from "../apply/apply.js";
import { containedPath, readMaybe } from "../apply/fs.js";
import { LOCK_FILE, readLockFile } from "../apply/lock.js";
import { acquireProcessLock, ensureStateDir, getBases } from "../apply/state.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import type { HostDef } from "../hosts/define.js";
import { HOSTS, type HostId } from "../hosts/registry.js";
import { refusals } from "../lint/run.js";
import { type Catalog, resolveRef } from "../model/catalog.js";
import { type Item, qualifiedId } from "../model/item.js";
import { expandProfile } from "../model/profiles.js";
import { hashContent, planSync } from "../plan/plan.js";
import { emptyLock, type Lock, type Plan, type PlanOptions } from "../plan/types.js";
import { RENDERER_VERSION, type RenderNote, renderAll } from "../render/compose.js";
import { loadCatalog } from "../sources/load.js";
import { CONFIG_FILE, type Config, readConfig } from "./config.js";
import { type Layout, layoutOf, type ProjectOptions } from "./layout.js";
import { noteStillRead, skipRefused } from "./refusals.js";
import { packDir, toRenderItems } from "./render-items.js";

export { type Layout, layoutOf, type ProjectOptions } from "./layout.js";

export async function requireConfig(l: Layout): Promise<Config> {
  const c = await readConfig(l.configPath, l.scope === "user" ? l.configPath : CONFIG_FILE);
  if (!c) {
    throw new UserError(
      ErrorCodes.notFound,
      `no ${CONFIG_FILE} in ${l.scope === "user" ? l.configPath : l.root}`,
      `run \`cadre init${l.scope === "user" ? " --global" : ""}\` first`,
    );
  }
  return c;
}

export async function readLock(l: Layout): Promise<Lock> {
  return (
    (await readLockFile(l.lockPath, l.scope === "user" ? l.lockPath : LOCK_FILE)) ??
    emptyLock(l.scope, RENDERER_VERSION)
  );
}

/** Every detection probe for the scope, as absolute paths. */
export function probePaths(l: Layout): string[] {
  return (Object.values(HOSTS) as HostDef[]).flatMap((h) =>
    h.detect
      .filter((p) => (l.scope === "project") === p.startsWith("{project}"))
      .map((p) => p.replace("{project}", l.root).replace("{home}", l.hostEnv.home)),
  );
}

/** Hosts whose detection probes match (`auto`), in registry order. */
export async function detectHosts(l: Layout): Promise<HostId[]> {
  const found: HostId[] = [];
  for (const [id, h] of Object.entries(HOSTS) as Array<[HostId, HostDef]>) {
    for (const probe of h.detect) {
      const isProject = probe.startsWith("{project}");
      if ((l.scope === "project") !== isProject) continue;
      const p = probe.replace("{project}", l.root).replace("{home}", l.hostEnv.home);
      if (await stat(p).catch(() => undefined)) {
        found.push(id);
        break;
      }
    }
  }
  return found;
}

export async function hostsOf(c: Config, l: Layout): Promise<HostDef[]> {
  const ids = c.hosts === "auto" ? await detectHosts(l) : (c.hosts as HostId[]);
  const list = ids.length ? ids : (["agents-standard"] as HostId[]);
  return list.map((id) => HOSTS[id]);
}

export async function catalogOf(c: Config, l: Layout, env: NodeJS.ProcessEnv): Promise<Catalog> {
  const base = l.scope === "user" ? resolve(l.configPath, "..") : l.root;
  const paths = c.sources.filter((s) => s !== "builtin");
  return loadCatalog({ cwd: base, paths, builtin: c.sources.includes("builtin"), env });
}

export interface Selection {
  items: Item[];
  notes: RenderNote[];
}

function resolveOrThrow(cat: Catalog, ref: string, what: string): Item | undefined {
  const r = resolveRef(cat, ref);
  if (r.ok) return r.item;
  if (r.reason === "ambiguous") {
    throw new UserError(
      ErrorCodes.usage,
      `${what} "${ref}" matches several items: ${r.candidates.map(qualifiedId).join(", ")}`,
      "qualify it with the pack name, e.g. pack/kind:name",
    );
  }
  return undefined;
}

/** The items cadre.yaml selects: profiles (with extends), plus include, minus exclude. */
export function selectItems(cat: Catalog, c: Config): Selection {
  const notes: RenderNote[] = [];
  const chosen = new Map<string, Item>();
  for (const p of c.profiles) {
    const prof = resolveOrThrow(cat, p.includes(":") ? p : `profile:${p}`, "profile");
    if (!prof) {
      notes.push({
        host: "*",
        level: "warning",
        message: `profile "${p}" not found; see \`cadre profiles\``,
      });
      continue;
    }
    const ex = expandProfile(cat, prof);
    for (const m of ex.missing)
      notes.push({ host: "*", level: "warning", message: `profile ${p}: item ${m} not found` });
    for (const it of ex.items) chosen.set(qualifiedId(it), it);
  }
  for (const ref of c.include) {
    const whole = /^([^/:*]+)\/\*$/.exec(ref);
    if (whole) {
      const list = cat.items.filter((i) => i.pack === whole[1] && i.kind !== "profile");
      if (list.length === 0)
        notes.push({ host: "*", level: "warning", message: `include: no pack named "${whole[1]}"` });
      for (const x of list) chosen.set(qualifiedId(x), x);
      continue;
    }
    const it = resolveOrThrow(cat, ref, "item");
    if (!it) notes.push({ host: "*", level: "warning", message: `include: ${ref} not found` });
    else if (it.kind === "profile")
      for (const x of expandProfile(cat, it).items) chosen.set(qualifiedId(x), x);
    else chosen.set(qualifiedId(it), it);
  }
  for (const ref of c.exclude) {
    const it = resolveOrThrow(cat, ref, "item");
    if (it) chosen.delete(qualifiedId(it));
  }
  return { items: [...chosen.values()], notes };
}

export interface Computed {
  layout: Layout;
  /** Absolute folders of the loaded packs (inputs of the sync fast path). */
  sources: string[];
  env: NodeJS.ProcessEnv;
  config: Config;
  hosts: HostDef[];
  lock: Lock;
  plan: Plan;
  notes: RenderNote[];
  items: Item[];
}

/** Read everything and plan: config → catalog → selection → render → observe disk → plan. No writes. */
export async function computePlan(
  o: ProjectOptions,
  opts: PlanOptions & { uninstall?: boolean; lock?: Lock; link?: boolean } = {},
): Promise<Computed> {
  const layout = layoutOf(o);
  const config = await requireConfig(layout);
  const lock = opts.lock ?? (await readLock(layout));
  const hosts = await hostsOf(config, layout);
  let items: Item[] = [];
  let notes: RenderNote[] = [];
  let desired: ReturnType<typeof renderAll>["desired"] = [];
  let sources: string[] = [];
  if (!opts.uninstall) {
    const cat = await catalogOf(config, layout, o.env);
    sources = cat.packs.map((p) => packDir(p, layout.root));
    const sel = selectItems(cat, config);
    items = sel.items;
    const refused = refusals(
      cat,
      items,
      hosts.map((h) => h.id),
    );
    const skip = skipRefused(overrideSkip(cat, config), refused, sel.notes);
    const rendered = renderAll(
      await toRenderItems(items, cat.packs, layout.root, opts.link ?? config.link),
      hosts,
      config.hooks.command ? { ...layout.hostEnv, cadreCommand: config.hooks.command } : layout.hostEnv,
      skip,
    );
    desired = rendered.desired;
    noteStillRead(refused, desired, hosts, layout.hostEnv, rendered.notes);
    const tokens = items.reduce((n, i) => n + i.tokens, 0);
    if (config.budgets.tokens !== undefined && tokens > config.budgets.tokens) {
      sel.notes.push({
        host: "*",
        level: "warning",
        message: `the selection is ${tokens} tokens, over the budget of ${config.budgets.tokens} in cadre.yaml; remove items or raise budgets.tokens`,
      });
    }
    notes = [...sel.notes, ...rendered.notes];
  }
  const paths = new Set([...desired.map((d) => d.path), ...Object.keys(lock.files)]);
  const observed = await observe(layout.root, [...paths]);
  const notExecutable = await lackingExec(
    layout.root,
    desired.filter((d) => d.type === "file" && d.executable && observed.get(d.path)).map((d) => d.path),
  );
  const edited = Object.entries(lock.files).filter(([p, e]) => {
    const cur = observed.get(p);
    return cur && hashContent(cur) !== e.sha256;
  });
  const bases = await getBases(
    layout.state,
    edited.map(([, e]) => e.sha256),
  );
  const itemHashes = Object.fromEntries(items.map((i) => [qualifiedId(i), { hash: i.hash }]));
  const plan = planSync(
    {
      desired,
      lock,
      observed,
      bases,
      items: itemHashes,
      scope: layout.scope,
      rendererVersion: RENDERER_VERSION,
      notExecutable,
    },
    opts,
  );
  return { layout, sources, env: o.env, config, hosts, lock, plan, notes, items };
}

function overrideSkip(cat: Catalog, c: Config): ((host: string, qid: string) => boolean) | undefined {
  const entries = Object.entries(c.overrides);
  if (entries.length === 0) return undefined;
  const ex = new Map<string, Set<string>>();
  for (const [host, o] of entries) {
    const set = new Set<string>();
    for (const ref of o.exclude ?? []) {
      const it = resolveOrThrow(cat, ref, "item");
      if (it) set.add(qualifiedId(it));
    }
    ex.set(host, set);
  }
  return (host, qid) => ex.get(host)?.has(qid) ?? false;
}

/** Run under the process lock, after finishing (rolling back) any interrupted run. */
export async function withProjectLock<T>(l: Layout, fn: () => Promise<T>): Promise<T> {
  await ensureStateDir(l.state);
  const release = await acquireProcessLock(l.state);
  try {
    await recoverJournal({ root: l.root, state: l.state, lockPath: l.lockPath });
    return await fn();
  } finally {
    await release();
  }
}

export async function applyComputed(c: Computed): Promise<string[]> {
  // Crash tests: CADRE_TEST_KILL_AFTER_WRITES=n sends this process SIGKILL right after the n-th write.
  const killAfter = Number(c.env.CADRE_TEST_KILL_AFTER_WRITES ?? 0);
  const crash =
    killAfter > 0 ? (n: number) => void (n === killAfter && process.kill(process.pid, "SIGKILL")) : undefined;
  return applyPlan(
    c.plan,
    { root: c.layout.root, state: c.layout.state, lockPath: c.layout.lockPath },
    crash,
  );
}

/** Of these existing files, those without their owner's exec bit (none on Windows, which has no such bit). */
async function lackingExec(root: string, paths: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (process.platform === "win32") return out;
  await Promise.all(
    paths.map(async (p) => {
      const st = await stat(join(root, p)).catch(() => undefined);
      if (st && (st.mode & 0o100) === 0) out.add(p);
    }),
  );
  return out;
}

/** Read every path the plan may touch, in parallel. A path that escapes the root reads as absent. */
async function observe(root: string, paths: string[]): Promise<Map<string, Uint8Array | null>> {
  const out = new Map<string, Uint8Array | null>();
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const p = paths[next++] as string;
      const abs = await containedPath(root, p).catch(() => undefined);
      out.set(p, abs ? await readMaybe(abs) : null);
    }
  };
  await Promise.all(Array.from({ length: Math.min(64, paths.length) }, worker));
  return out;
}

import { appendFile, readlink, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { applyPlan, recoverJournal } from "../apply/apply.js";
import { PathGuard, readMaybe } from "../apply/fs.js";
import { LOCK_FILE, readLockFile } from "../apply/lock.js";
import {
  acquireProcessLock,
  clearStateDir,
  dropStateDir,
  ensureStateDir,
  getBases,
  sweepTemporaries,
} from "../apply/state.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import { didYouMean } from "../core/names.js";
import { type HostDef, withOptions } from "../hosts/define.js";
import { HOSTS, type HostId, resolveHostId } from "../hosts/registry.js";
import { refusals } from "../lint/run.js";
import { type Catalog, resolveRef } from "../model/catalog.js";
import { type Item, qualifiedId } from "../model/item.js";
import { DATA_KINDS } from "../model/kinds.js";
import { expandProfile } from "../model/profiles.js";
import { hashContent, planSync } from "../plan/plan.js";
import { emptyLock, type Lock, type Plan, type PlanOptions } from "../plan/types.js";
import { RENDERER_VERSION, type RenderNote, renderAll } from "../render/compose.js";
import { projectFiles } from "../render/project-files.js";
import { composeForInstall, composeSettings } from "./compose-core.js";
import { CONFIG_FILE, type Config, configWhere, readConfig } from "./config.js";
import { type Layout, layoutOf, type ProjectOptions } from "./layout.js";
import { patternItems } from "./patterns.js";
import { presentPaths } from "./reads.js";
import { noteStillRead, skipRefused } from "./refusals.js";
import { packDir, toRenderItems } from "./render-items.js";
import { checkFrozenItems, resolveCatalog, type SourceOptions } from "./sources.js";
import { trustStep } from "./trust.js";

export { type Layout, layoutOf, type ProjectOptions } from "./layout.js";

export async function requireConfig(l: Layout): Promise<Config> {
  const c = await readConfig(l.configPath, l.scope === "user" ? l.configPath : CONFIG_FILE);
  if (!c) {
    throw new UserError(
      ErrorCodes.notFound,
      l.scope === "user" ? `no ${l.configPath}` : `no ${CONFIG_FILE} in ${l.root} or its parent folders`,
      `run \`cadre init${l.scope === "user" ? " --global" : ""}\` first`,
    );
  }
  return c;
}

/**
 * What must hold before the process lock creates `.cadre/`, so a command that fails on its input leaves
 * nothing behind: cadre.yaml is valid and, in a project with nothing installed yet, its selection too.
 */
async function preflight(l: Layout): Promise<void> {
  const config = await requireConfig(l);
  const installed = await Promise.all(
    [stat(l.state.dir), stat(l.lockPath)].map((p) =>
      p.then(
        () => true,
        () => false,
      ),
    ),
  );
  if (installed.some(Boolean)) return;
  selectItems(await catalogOf(config, l, l.env), config);
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
  const ids = c.hosts === "auto" ? await detectHosts(l) : c.hosts.map((h) => resolveHostId(h) as HostId);
  const list = ids.length ? [...new Set(ids)] : (["agents-standard"] as HostId[]);
  return list.map((id) => withHostOptions(c, HOSTS[id]));
}

/** A host with the options cadre.yaml chose for it (`overrides.<host>.options`); an unknown one is an error. */
function withHostOptions(c: Config, host: HostDef): HostDef {
  const at = Object.keys(c.overrides).find((k) => resolveHostId(k) === host.id) ?? host.id;
  const names = c.overrides[at as HostId]?.options ?? [];
  const known = Object.keys(host.options ?? {});
  for (const [i, n] of names.entries()) {
    if (!known.includes(n))
      throw new UserError(
        ErrorCodes.parse,
        `${configWhere(c, ["overrides", at, "options", i])}: ${host.displayName} has no option "${n}"`,
        known.length ? `its options: ${known.join(", ")}` : `${host.displayName} has no options`,
      );
  }
  return withOptions(host, names);
}

/** cadre.yaml's sources (folders, git, npm, archives; pinned by cadre.lock) loaded into one catalog. */
export async function catalogOf(c: Config, l: Layout, env: NodeJS.ProcessEnv): Promise<Catalog> {
  return (await resolveCatalog(c, { ...l, env }, await readLock(l).catch(() => undefined))).cat;
}

export interface Selection {
  items: Item[];
  notes: RenderNote[];
}

/** An unknown reference in cadre.yaml: an error with the closest names (a typo must not select nothing). */
/** Where in cadre.yaml a reference is: the config and the path to it, e.g. ["profiles", 0]. */
interface At {
  c: Config;
  path: PropertyKey[];
}

/** `cadre.yaml:3:12: profiles` for an error message. */
function atText(at: At): string {
  return `${configWhere(at.c, at.path)}: ${at.path.filter((k) => typeof k === "string").join(".")}`;
}

function unknownRef(cat: Catalog, ref: string, at: At, what = "item"): UserError {
  const slash = ref.indexOf("/");
  const rest = slash > 0 ? ref.slice(slash + 1) : ref;
  const colon = rest.indexOf(":");
  const kind = colon > 0 ? rest.slice(0, colon) : undefined;
  const pool = cat.items.filter((i) => !DATA_KINDS.has(i.kind) && (!kind || i.kind === kind));
  const bare = what === "profile" || !kind;
  const names = pool.map((i) => (bare ? i.name : `${i.kind}:${i.name}`));
  const near = didYouMean(bare ? rest.slice(colon + 1) : rest, names);
  const shown = what === "profile" ? ref.replace(/^profile:/, "") : ref;
  const list = what === "profile" ? "`cadre profiles`" : "`cadre list` or `cadre search`";
  return new UserError(
    ErrorCodes.notFound,
    `${atText(at)}: no ${what} "${shown}"`,
    `${near ? `${near} ` : ""}see ${list}; fix ${CONFIG_FILE} (nothing was changed)`,
  );
}

function resolveOrThrow(cat: Catalog, ref: string, at: At, what = "item"): Item {
  const r = resolveRef(cat, ref);
  if (r.ok) return r.item;
  if (r.reason === "ambiguous") {
    throw new UserError(
      ErrorCodes.usage,
      `${atText(at)}: "${ref}" matches several items: ${r.candidates.map(qualifiedId).join(", ")}`,
      `name one of them, e.g. ${qualifiedId(r.candidates[0] as Item)}`,
    );
  }
  throw unknownRef(cat, ref, at, what);
}

/** The items one include-style reference selects: an item, a profile's items, or a pattern (`pack/*`, `pack/kind:*`). */
function refItems(cat: Catalog, ref: string, at: At, notes?: RenderNote[]): Item[] {
  const matched = patternItems(cat, ref, atText(at));
  if (matched) return matched;
  const it = resolveOrThrow(cat, ref, at);
  if (it.kind !== "profile") return [it];
  const ex = expandProfile(cat, it);
  if (notes) noteMissing(cat, it.name, ex.missing, notes);
  return ex.items;
}

/** A profile's references that select nothing: a warning each, naming the candidates of an ambiguous one. */
function noteMissing(cat: Catalog, profile: string, missing: readonly string[], notes: RenderNote[]): void {
  for (const m of missing) {
    const r = resolveRef(cat, m);
    const message =
      !r.ok && r.reason === "ambiguous"
        ? `profile ${profile}: item ${m} matches several items: ${r.candidates.map(qualifiedId).join(", ")}; none was selected (name one of them)`
        : `profile ${profile}: item ${m} not found`;
    notes.push({ host: "*", level: "warning", message });
  }
}

/** Profiles (with extends) plus include, minus exclude: what every host gets. */
function baseSelection(cat: Catalog, c: Config, notes: RenderNote[]): Map<string, Item> {
  const chosen = new Map<string, Item>();
  for (const [i, p] of c.profiles.entries()) {
    const at = { c, path: ["profiles", i] };
    const prof = resolveOrThrow(cat, p.includes(":") ? p : `profile:${p}`, at, "profile");
    const ex = expandProfile(cat, prof);
    noteMissing(cat, prof.name, ex.missing, notes);
    for (const it of ex.items) chosen.set(qualifiedId(it), it);
  }
  for (const [i, ref] of c.include.entries())
    for (const x of refItems(cat, ref, { c, path: ["include", i] }, notes)) chosen.set(qualifiedId(x), x);
  for (const [i, ref] of c.exclude.entries())
    chosen.delete(qualifiedId(resolveOrThrow(cat, ref, { c, path: ["exclude", i] })));
  return chosen;
}

/** Per host in `overrides`: the qualified ids it adds and leaves out. Unknown references are errors. */
function overrideSets(cat: Catalog, c: Config): Map<string, { add: Set<string>; drop: Set<string> }> {
  const out = new Map<string, { add: Set<string>; drop: Set<string> }>();
  for (const [host, o] of Object.entries(c.overrides)) {
    const add = new Set<string>();
    const drop = new Set<string>();
    for (const [i, ref] of (o?.include ?? []).entries())
      for (const x of refItems(cat, ref, { c, path: ["overrides", host, "include", i] }))
        add.add(qualifiedId(x));
    for (const [i, ref] of (o?.exclude ?? []).entries())
      drop.add(qualifiedId(resolveOrThrow(cat, ref, { c, path: ["overrides", host, "exclude", i] })));
    out.set(resolveHostId(host) ?? host, { add, drop });
  }
  return out;
}

/**
 * The items cadre.yaml selects: profiles (with extends), plus include, minus exclude, plus what `overrides`
 * adds for a host (rendered for that host only; see overrideSkip). A reference to nothing is an error.
 */
export function selectItems(cat: Catalog, c: Config): Selection {
  const notes: RenderNote[] = [];
  const chosen = baseSelection(cat, c, notes);
  for (const { add } of overrideSets(cat, c).values())
    for (const q of add) {
      const it = cat.items.find((i) => qualifiedId(i) === q);
      if (it) chosen.set(q, it);
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
  /** Shared files that are links to a file inside the root → that file (edited instead of the link). */
  through: ReadonlyMap<string, string>;
  /** Selected items left out because their executable content is not trusted (app/trust.ts). */
  untrusted?: number;
  /** Root-relative paths stack detection read (compose: on): the sync fast path watches them too. */
  watch?: string[];
}

/** Read everything and plan: config → catalog → selection → render → observe disk → plan. No writes. */
export async function computePlan(
  o: ProjectOptions,
  opts: PlanOptions & { uninstall?: boolean; lock?: Lock; link?: boolean; sources?: SourceOptions } = {},
): Promise<Computed> {
  const layout = layoutOf(o);
  const config = await requireConfig(layout);
  const lock = opts.lock ?? (await readLock(layout));
  const hosts = await hostsOf(config, layout);
  let items: Item[] = [];
  let notes: RenderNote[] = [];
  let desired: ReturnType<typeof renderAll>["desired"] = [];
  let sources: string[] = [];
  let pins: Lock["sources"];
  let records: Lock["trust"];
  let untrusted = 0;
  let watch: string[] = [];
  if (!opts.uninstall) {
    const resolved = await resolveCatalog(config, { ...layout, env: o.env }, lock, opts.sources);
    const cat = resolved.cat;
    pins = resolved.pins;
    sources = cat.packs.map((p) => packDir(p, layout.root));
    const sel = selectItems(cat, config);
    // Install-time composition (cadre.yaml `compose:`): the role agents' expertise, from the detected stacks.
    // At user scope the "project" is the home folder: stacks come from cadre.yaml only, never from a walk of it.
    const own = composeSettings(config);
    const settings = own && layout.scope === "user" ? { ...own, detect: false } : own;
    const composition = settings
      ? await composeForInstall(cat, sel.items, hosts, layout.root, settings, config)
      : undefined;
    if (composition) {
      sel.items.push(...composition.extra);
      sel.notes.push(...composition.notes);
      watch = composition.watch;
    }
    // Items that run code need their source trusted (app/trust.ts); under --frozen an untrusted one fails.
    const trusted = await trustStep(
      await toRenderItems(sel.items, cat.packs, layout.root, opts.link ?? config.link),
      resolved,
      lock,
      { ...layout, env: o.env },
      opts.sources,
    );
    records = trusted.records;
    if (composition)
      trusted.renderItems = trusted.renderItems.map((ri) => {
        const per = composition.agents.get(qualifiedId(ri.item));
        return per ? { ...ri, composed: per } : ri;
      });
    untrusted = sel.items.length - trusted.renderItems.length;
    items = trusted.renderItems.map((ri) => ri.item);
    if (opts.sources?.frozen) checkFrozenItems(items, lock);
    const refused = refusals(
      cat,
      items,
      hosts.map((h) => h.id),
    );
    const extra = new Set((composition?.extra ?? []).map(qualifiedId));
    const skip = skipRefused(overrideSkip(cat, config, extra), refused, sel.notes);
    const rendered = renderAll(
      trusted.renderItems,
      hosts,
      {
        ...layout.hostEnv,
        ...(config.hooks.command ? { cadreCommand: config.hooks.command } : {}),
        present: await presentPaths(layout.root, hosts, layout.hostEnv),
      },
      skip,
    );
    // Schemas and templates are the project's, not a host's: once per project, never in the user scope.
    desired = layout.scope === "project" ? [...rendered.desired, ...projectFiles(items)] : rendered.desired;
    noteStillRead(refused, desired, hosts, layout.hostEnv, rendered.notes);
    const tokens = items.reduce((n, i) => n + i.tokens, 0);
    if (config.budgets.tokens !== undefined && tokens > config.budgets.tokens) {
      sel.notes.push({
        host: "*",
        level: "warning",
        message: `the selection is ${tokens} tokens, over the budget of ${config.budgets.tokens} in cadre.yaml; remove items or raise budgets.tokens`,
      });
    }
    notes = [...sel.notes, ...trusted.notes, ...rendered.notes];
  }
  const paths = new Set([...desired.map((d) => d.path), ...Object.keys(lock.files)]);
  const cadreLinks = new Set([
    ...desired.filter((d) => d.type === "file" && d.link).map((d) => d.path),
    ...Object.entries(lock.files)
      .filter(([, e]) => e.link)
      .map(([p]) => p),
  ]);
  const shared = new Set([
    ...desired.filter((d) => d.type !== "file").map((d) => d.path),
    ...Object.entries(lock.files)
      .filter(([p, e]) => e.mode !== "file" && !desired.some((d) => d.path === p))
      .map(([p]) => p),
  ]);
  const { observed, blocked, through } = await observe(layout, [...paths], cadreLinks, shared);
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
      blocked,
    },
    opts,
  );
  if (pins && Object.keys(pins).length) plan.lock.sources = pins;
  else delete plan.lock.sources;
  if (records && Object.keys(records).length) plan.lock.trust = records;
  else delete plan.lock.trust;
  return { layout, sources, env: o.env, config, hosts, lock, plan, notes, items, through, untrusted, watch };
}

/** `extra`: items every host gets besides the base selection (composition's expertise modules). */
function overrideSkip(
  cat: Catalog,
  c: Config,
  extra: ReadonlySet<string> = new Set(),
): ((host: string, qid: string) => boolean) | undefined {
  if (Object.keys(c.overrides).length === 0) return undefined;
  const sets = overrideSets(cat, c);
  const base = new Set([...baseSelection(cat, c, []).keys(), ...extra]);
  return (host, qid) => {
    const o = sets.get(host);
    if (o?.drop.has(qid)) return true;
    return !base.has(qid) && !o?.add.has(qid);
  };
}

/**
 * Run under the process lock, after finishing (rolling back) any interrupted run. The state folder is checked
 * first (real folders, no symlinked state file). `dropState` (uninstall) empties the state folder while still
 * holding the lock and removes the folder once the lock is released.
 */
export async function withProjectLock<T>(
  l: Layout,
  fn: () => Promise<T>,
  opts: { dropState?: boolean } = {},
): Promise<T> {
  await preflight(l);
  await ensureStateDir(l.state);
  const release = await acquireProcessLock(l.state);
  const trace = process.env.CADRE_TEST_LOCK_TRACE;
  try {
    // Concurrency tests: one line on entering and one on leaving the locked section (O_APPEND).
    if (trace) await appendFile(trace, `enter ${process.pid}\n`);
    await sweepTemporaries(l.state);
    await recoverJournal(targetOf(l));
    const r = await fn();
    if (opts.dropState) await clearStateDir(l.state);
    return r;
  } finally {
    if (trace) await appendFile(trace, `exit ${process.pid}\n`);
    await release();
    if (opts.dropState) await dropStateDir(l.state);
  }
}

function targetOf(l: Layout) {
  return { root: l.root, state: l.state, lockPath: l.lockPath, strict: l.scope === "project" };
}

export async function applyComputed(c: Computed): Promise<string[]> {
  // Crash tests: CADRE_TEST_KILL_AFTER_WRITES=n sends this process SIGKILL right after the n-th step that
  // changes the disk (a temporary file created, filled or renamed, a file deleted, the journal or lock written).
  const killAfter = Number(c.env.CADRE_TEST_KILL_AFTER_WRITES ?? 0);
  const crash =
    killAfter > 0 ? (n: number) => void (n === killAfter && process.kill(process.pid, "SIGKILL")) : undefined;
  return applyPlan(c.plan, targetOf(c.layout), crash, { through: c.through });
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

interface Observation {
  observed: Map<string, Uint8Array | null>;
  /** Paths cadre may not write → why (reported as conflicts by the planner). */
  blocked: Map<string, string>;
  through: Map<string, string>;
}

/**
 * Read every path the plan may touch, in parallel, after checking its type: every folder on the way must be
 * a real folder (a symlink or a file there blocks the path), and the path itself a file or absent. A symlink
 * at the path is read when cadre made it (`--link`); at a shared file (blocks, keys) it is followed when it
 * leads to a file inside the root, which is then edited in its place; any other link blocks the path.
 */
async function observe(
  l: Layout,
  paths: string[],
  cadreLinks: ReadonlySet<string>,
  shared: ReadonlySet<string>,
): Promise<Observation> {
  const guard = new PathGuard(l.root, l.scope === "project");
  const o: Observation = { observed: new Map(), blocked: new Map(), through: new Map() };
  const realRoot = await realpath(l.root).catch(() => l.root);
  const one = async (p: string) => {
    const ins = await guard.inspect(p).catch(() => undefined);
    o.observed.set(p, null);
    if (!ins) return;
    if (ins.blocked) return void o.blocked.set(p, ins.blocked);
    if (ins.kind === "dir") return void o.blocked.set(p, `${p} is a folder where cadre needs a file`);
    if (ins.kind === "other") return void o.blocked.set(p, `${p} is not a regular file`);
    if (ins.kind === "link" && !cadreLinks.has(p)) {
      const target = shared.has(p) ? await linkedFile(guard, realRoot, ins.abs) : undefined;
      if (!target)
        return void o.blocked.set(p, `${p} is a symlink cadre did not make, to ${await describe(ins.abs)}`);
      o.through.set(p, target);
    }
    o.observed.set(p, ins.kind === "absent" ? null : await readMaybe(ins.abs));
  };
  let next = 0;
  const worker = async () => {
    while (next < paths.length) await one(paths[next++] as string);
  };
  await Promise.all(Array.from({ length: Math.min(64, paths.length) }, worker));
  // Two names for one file would be edited twice from the same old text: the link is left alone.
  const written = new Map<string, number>();
  for (const p of paths) {
    const w = o.through.get(p) ?? p;
    written.set(w, (written.get(w) ?? 0) + 1);
  }
  for (const [p, t] of o.through) {
    if ((written.get(t) ?? 0) > 1) {
      o.through.delete(p);
      o.observed.set(p, null);
      o.blocked.set(p, `${p} is a symlink to ${t}, which cadre also writes`);
    }
  }
  return o;
}

/** The root-relative path of the regular file a link leads to, when it stays inside the root. */
async function linkedFile(guard: PathGuard, realRoot: string, abs: string): Promise<string | undefined> {
  const real = await realpath(abs).catch(() => undefined);
  if (!real?.startsWith(realRoot + sep)) return undefined;
  const rel = relative(realRoot, real).split(sep).join("/");
  const ins = await guard.inspect(rel).catch(() => undefined);
  return ins && !ins.blocked && ins.kind === "file" ? rel : undefined;
}

async function describe(abs: string): Promise<string> {
  const to = await readlink(abs).catch(() => "?");
  return `${to} (cadre edits through a link only to a file inside the project)`;
}

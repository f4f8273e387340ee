import { lstat, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { atomicWrite, containedPath, readNoFollow } from "../apply/fs.js";
import { ErrorCodes, UserError, usageError } from "../core/errors.js";
import { isSafeRelativePath, toPosix } from "../core/names.js";
import { findSecrets } from "../lint/rules/secrets.js";
import { qualifiedId } from "../model/item.js";
import {
  assignItems,
  BLUE_MANIFEST,
  CLAUDE_SETTINGS,
  IMPORT_FOLDERS,
  type ImportEntry,
  type ImportPlan,
  MCP_FILE,
  type ProjectFile,
  planImport,
  SETTINGS_PLUGIN,
  spliceImportConfig,
  trialVerdicts,
} from "../plan/import.js";
import { parseWazirManifest, planWazir, WAZIR_MANIFEST } from "../plan/import-wazir.js";
import { CONFIG_FILE, parseConfigText, renderConfig } from "./config.js";
import { computePlan, layoutOf, type ProjectOptions, readLock } from "./project.js";
import { loadSource, parseSpecAt } from "./sources.js";
import { type SyncResult, syncCommand } from "./sync.js";

export interface ImportOptions extends ProjectOptions {
  /** The pack folder to write, relative to the project root (default `cadre-import`). */
  to?: string;
  dryRun?: boolean;
}

export interface ImportResult {
  pack: string;
  configPath: string;
  /** What was (or, with --dry-run, would be) imported. */
  imported: ImportEntry[];
  skipped: Array<{ path: string; reason: string }>;
  /** cadre.yaml `overrides.<host>.include` added. */
  include: Record<string, string[]>;
  /** A Wazir repository's content, converted to a pack (added as a source, not selected). */
  wazir?: { pack: string; name: string; hosts: string[]; items: number };
  sync?: SyncResult;
}

export const DEFAULT_PACK = "cadre-import";
const MAX_FILE = 1024 * 1024;
const decoder = new TextDecoder();

/**
 * `cadre import`: copy the host files found in the project into a local pack, select each for its host in
 * cadre.yaml, check with a full plan that cadre would leave every one of them byte for byte as it is (what it
 * would not is left out and reported), then sync, which adopts them into cadre.lock with their bytes as the
 * merge base. Nothing in the host folders changes.
 */
export async function importCommand(o: ImportOptions): Promise<ImportResult> {
  if (o.global) throw usageError("cadre import works in a project", "run it without --global");
  const layout = layoutOf(o);
  const to = toPosix(o.to ?? DEFAULT_PACK)
    .replace(/^\.\//, "")
    .replace(/\/$/, "");
  if (!isSafeRelativePath(to) || to.startsWith("."))
    throw usageError(
      `--to ${o.to}: not a folder inside the project`,
      "pass a relative path such as cadre-import",
    );
  const lock = await readLock(layout);
  const scanned = await scanProject(layout.root, new Set(Object.keys(lock.files)));
  const plan = planImport({ ...scanned, secret: firstSecret });
  const wazir = await scanWazir(layout.root);
  const wazirDir = `${to}-wazir`;
  const base: ImportResult = {
    pack: to,
    configPath: layout.configPath,
    imported: plan.entries,
    skipped: [...plan.skipped, ...(wazir?.skipped ?? [])],
    include: {},
    ...(wazir ? { wazir: { pack: wazirDir, name: wazir.name, hosts: wazir.hosts, items: wazir.items } } : {}),
  };
  if (o.dryRun || (plan.entries.length === 0 && !wazir)) return base;
  const dirs = [...(plan.entries.length ? [to] : []), ...(wazir ? [wazirDir] : [])];
  for (const d of dirs)
    if ((await lstat(join(layout.root, d)).catch(() => undefined)) !== undefined)
      throw new UserError(
        ErrorCodes.usage,
        `${d} already exists`,
        "pass --to <folder> to write the pack somewhere else, or move that folder away",
      );
  const before = await readNoFollow(layout.configPath);
  const write = async (
    dir: string,
    files: ReadonlyArray<{ path: string; content: Uint8Array; executable?: boolean }>,
  ) => {
    for (const f of files)
      await atomicWrite(await containedPath(layout.root, `${dir}/${f.path}`), f.content, {
        executable: f.executable,
        sync: true,
      });
  };
  try {
    if (wazir) await write(wazirDir, wazir.files);
    const extra = wazir ? [`./${wazirDir}`] : [];
    let r: Pick<ImportResult, "include" | "skipped" | "imported">;
    if (plan.entries.length) {
      await write(to, plan.files);
      r = await selectAndCheck(o, layout.root, [`./${to}`, ...extra], before, plan, wazir?.hosts);
    } else {
      const text = importConfig(
        before === null ? undefined : decoder.decode(before),
        extra,
        {},
        wazir?.hosts,
      );
      await atomicWrite(layout.configPath, text, { sync: true });
      r = { include: {}, skipped: [], imported: [] };
    }
    return {
      ...base,
      ...r,
      skipped: [...r.skipped, ...(wazir?.skipped ?? [])],
      sync: await syncCommand({ ...o, adopt: true }),
    };
  } catch (e) {
    for (const d of dirs) await rm(join(layout.root, d), { recursive: true, force: true });
    if (before === null) await rm(layout.configPath, { force: true });
    else await atomicWrite(layout.configPath, before, { sync: true });
    throw e;
  }
}

/** The first secret `security/secret` finds in a text, as `file:line: what`. */
function firstSecret(path: string, text: string): string | undefined {
  const f = findSecrets(path, text, 1)[0];
  return f ? `${path}:${f.line}: ${f.message}` : undefined;
}

/** A Wazir repository's manifest and the content it names, converted to a pack; undefined without one. */
async function scanWazir(root: string) {
  const text = await readNoFollow(join(root, WAZIR_MANIFEST)).catch(() => null);
  if (text === null) return undefined;
  const m = parseWazirManifest(decoder.decode(text));
  const files: ProjectFile[] = [];
  for (const dir of new Set([m.paths.roles, m.paths.workflows, m.paths.expertise])) {
    if (!isSafeRelativePath(dir)) continue;
    await walk(root, dir, files, []);
  }
  return planWazir(m, files);
}

/** Write cadre.yaml with the pack's items per host, then drop what a trial plan says cadre would rewrite. */
async function selectAndCheck(
  o: ImportOptions,
  root: string,
  sources: string[],
  before: Uint8Array | null,
  plan: ImportPlan,
  hosts: string[] = [],
) {
  const [own = ""] = sources;
  const to = own.slice(2);
  const { pack } = await loadSource(parseSpecAt(own, root), { base: root, env: o.env, root });
  const items = pack.items.map((i) => ({ qid: qualifiedId(i), kind: i.kind, name: i.name, path: i.path }));
  const { include, unmatched, matches } = assignItems(plan.entries, items);
  const skipped = [...plan.skipped];
  for (const e of unmatched)
    skipped.push({ path: e.path, reason: "cadre does not read it as an item (`cadre lint` says why)" });
  const original = before === null ? undefined : decoder.decode(before);
  const write = (inc: Record<string, string[]>) =>
    atomicWrite(layoutOf(o).configPath, importConfig(original, sources, inc, hosts), { sync: true });
  await write(include);
  const c = await computePlan(o);
  const bad = trialVerdicts(plan.entries, matches, c.plan.actions, c.notes, items);
  const wanted = new Set(Object.values(include).flat());
  const kept = Object.fromEntries(
    Object.entries(include)
      .map(([h, qs]) => [h, qs.filter((q) => !bad.has(q))] as const)
      .filter(([, qs]) => qs.length > 0),
  );
  const imported = plan.entries.filter((e) => (matches.get(e) ?? []).some((q) => !bad.has(q)));
  for (const e of plan.entries.filter((x) => !imported.includes(x) && !unmatched.includes(x))) {
    const why = (matches.get(e) ?? []).map((q) => bad.get(q)).find(Boolean);
    skipped.push({ path: e.path, reason: `${why}; not imported` });
  }
  if (bad.size === 0) return { include, skipped, imported };
  const servers: string[] = [];
  for (const q of bad.keys()) {
    const item = pack.items.find((i) => qualifiedId(i) === q);
    if (item?.kind === "mcp" && item.path === `${SETTINGS_PLUGIN}/.mcp.json`) servers.push(item.name);
    else if (item && !item.path.startsWith(`${SETTINGS_PLUGIN}/`))
      for (const f of item.files) await rm(join(root, to, f), { force: true });
  }
  if (servers.length) await dropServers(join(root, to, SETTINGS_PLUGIN, ".mcp.json"), servers);
  await write(kept);
  const again = await computePlan(o);
  const left = again.plan.actions.filter(
    (a) => a.type !== "adopt" && a.type !== "skip" && a.items.some((q) => wanted.has(q)),
  );
  if (left.length)
    throw new UserError(
      ErrorCodes.findings,
      `import would change ${left[0]?.path}: ${left[0]?.reason}`,
      "nothing was imported; report this with the file",
    );
  return { include: kept, skipped, imported };
}

/**
 * cadre.yaml with the pack as a source and its items under `overrides.<host>.include`, the hosts added to a
 * host list: the user's text kept (comments included), or a new file as `init` writes it.
 */
export function importConfig(
  text: string | undefined,
  source: string | string[],
  include: Record<string, string[]>,
  /** A new cadre.yaml also lists these hosts (Wazir's). */
  newHosts: string[] = [],
): string {
  const added = typeof source === "string" ? [source] : source;
  const hosts = [...new Set([...Object.keys(include), ...newHosts])].sort();
  const start =
    text ?? renderConfig({ hosts, profiles: [], scope: "project", sources: ["builtin"], include: [] });
  const spliced = spliceImportConfig(start, source, include);
  if (spliced !== undefined && saysImported(spliced, added, include)) return spliced;
  const doc = parseDocument(start);
  const list = (key: string[]): string[] => {
    const v = doc.getIn(key) as { toJSON?: () => unknown } | undefined;
    const arr = v && typeof v === "object" && v.toJSON ? v.toJSON() : v;
    return Array.isArray(arr) ? arr.map(String) : [];
  };
  const set = (key: string[], xs: string[]) => {
    const node = doc.createNode(xs);
    (node as { flow?: boolean }).flow = true;
    doc.setIn(key, node);
  };
  const sources = doc.has("sources") ? list(["sources"]) : ["builtin"];
  const more = added.filter((x) => !sources.includes(x));
  if (more.length) set(["sources"], [...sources, ...more]);
  const cur = doc.getIn(["hosts"]);
  if (cur !== "auto" && doc.has("hosts")) {
    const hs = list(["hosts"]);
    const add = hosts.filter((h) => !hs.includes(h));
    if (add.length) set(["hosts"], [...hs, ...add]);
  }
  for (const [h, qs] of Object.entries(include)) {
    const old = list(["overrides", h, "include"]);
    set(["overrides", h, "include"], [...old, ...qs.filter((q) => !old.includes(q))]);
  }
  const out = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  parseConfigText(out, CONFIG_FILE);
  return out;
}

/** The pack's copy of `.mcp.json` without the servers cadre would not reproduce (the others keep their names). */
async function dropServers(abs: string, names: string[]): Promise<void> {
  const raw = await readNoFollow(abs);
  if (raw === null) return;
  const v = JSON.parse(decoder.decode(raw)) as { mcpServers: Record<string, unknown> };
  for (const n of names) delete v.mcpServers[n];
  if (Object.keys(v.mcpServers).length === 0) await rm(abs, { force: true });
  else await atomicWrite(abs, `${JSON.stringify(v, null, 2)}\n`, { sync: true });
}

/** The edited cadre.yaml parses and holds the source, the hosts and every item (the splice's own check). */
function saysImported(text: string, sources: string[], include: Record<string, string[]>): boolean {
  try {
    const c = parseConfigText(text, CONFIG_FILE);
    const overrides = c.overrides as Record<string, { include?: string[] } | undefined>;
    const items = Object.entries(include).every(([h, qs]) =>
      qs.every((q) => overrides[h]?.include?.includes(q)),
    );
    const hosts = c.hosts === "auto" || Object.keys(include).every((h) => (c.hosts as string[]).includes(h));
    return items && hosts && sources.every((x) => c.sources.includes(x));
  } catch {
    return false;
  }
}

/** Read the files import looks at, without following any link (a link is reported, not read). */
async function scanProject(root: string, owned: ReadonlySet<string>) {
  const files: ProjectFile[] = [];
  const links: string[] = [];
  const parents = new Set<string>();
  for (const f of IMPORT_FOLDERS) {
    // Every folder on the way must be a real one: a linked `.claude` is reported, not walked.
    const parts = f.folder.split("/");
    let linked = false;
    for (let i = 1; i < parts.length; i++) {
      const p = parts.slice(0, i).join("/");
      const st = await lstat(join(root, p)).catch(() => undefined);
      if (st?.isSymbolicLink()) {
        if (!parents.has(p)) links.push(p);
        parents.add(p);
        linked = true;
      }
    }
    if (!linked) await walk(root, f.folder, files, links);
  }
  for (const single of [MCP_FILE, CLAUDE_SETTINGS, "AGENTS.md", BLUE_MANIFEST])
    if (!files.some((f) => f.path === single) && !parents.has(single.split("/")[0] as string))
      await walk(root, single, files, links);
  return { files, links, owned };
}

/** Files under rel (or rel itself), by lstat: links are listed in `links`, never followed. */
async function walk(
  root: string,
  rel: string,
  files: ProjectFile[],
  links: string[],
  depth = 0,
): Promise<void> {
  const abs = join(root, rel);
  const st = await lstat(abs).catch(() => undefined);
  if (!st) return;
  if (st.isSymbolicLink()) {
    links.push(rel);
    return;
  }
  if (st.isDirectory()) {
    if (depth > 8) return;
    for (const n of (await readdir(abs)).sort()) await walk(root, `${rel}/${n}`, files, links, depth + 1);
    return;
  }
  if (!st.isFile() || st.size > MAX_FILE) return;
  const content = await readNoFollow(abs);
  if (content) files.push({ path: rel, content, ...((st.mode & 0o100) !== 0 ? { executable: true } : {}) });
}

/** What `cadre import` would adopt here, for `init` to offer it; undefined when nothing (or it cannot tell). */
export async function importable(
  o: ProjectOptions,
): Promise<{ entries: number; origins: string[] } | undefined> {
  const r = await importCommand({ ...o, dryRun: true }).catch(() => undefined);
  const entries = (r?.imported.length ?? 0) + (r?.wazir?.items ?? 0);
  if (!r || entries === 0) return undefined;
  const origins = [...new Set([...r.imported.map((e) => e.origin), ...(r.wazir ? ["wazir"] : [])])];
  return { entries, origins };
}

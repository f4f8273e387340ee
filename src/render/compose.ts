import { posix } from "node:path";
import { getOr } from "../core/maps.js";
import { checkName, fileNameProblem } from "../core/names.js";
import { builtinRename } from "../hosts/builtins.js";
import type { HostDef, ReadPath, Scope, Target } from "../hosts/define.js";
import { HOST_KINDS, targetAt } from "../hosts/define.js";
import type { Desired, DesiredBlock, DesiredFile, DesiredKeys } from "../hosts/output.js";
import { type HostEnv, resolveTemplate } from "../hosts/paths.js";
import { installNames, type Rename } from "../model/catalog.js";
import { type Item, qualifiedId } from "../model/item.js";
import { pluginRootUse } from "../model/plugin-mcp.js";
import { toolGaps } from "./fields.js";
import { FILE_RENDERERS, type RenderItem, withComposed } from "./formats.js";
import { yamlString } from "./frontmatter.js";
import {
  clineScript,
  type HookPlace,
  hookPlace,
  hookScriptFiles,
  renderHook,
  type ScriptHook,
} from "./hooks.js";
import { type IndexEntry, renderIndexBlock } from "./index-block.js";
import { instructionsLoads } from "./instructions-load.js";
import { KEY_RENDERERS } from "./keys.js";
import { mcpTomlTable, mcpVerdict } from "./mcp.js";
import { hasNativeReads, nativeCopy, type Placed } from "./native-reads.js";
import { applyReads } from "./reads.js";
import { REF_PHRASES } from "./refs.js";
import { chooseSkillDirs } from "./skill-dirs.js";

/** Why an item went where it went, or did not go anywhere. Shown by `sync --dry-run` and `status`. */
export interface RenderNote {
  host: string;
  item?: string;
  level: "info" | "warning";
  message: string;
  /** `double-read`: a host reads another host's copy of an item it also has (render/reads.ts). */
  topic?: "double-read";
}

export interface RenderResult {
  desired: Desired[];
  notes: RenderNote[];
}

/** The renderer version, recorded in cadre.lock: bump it when any renderer's output changes. */
export const RENDERER_VERSION = 8;

/** Render the selected items for the given hosts into the desired state of every path. Pure. */
export function renderAll(
  items: readonly RenderItem[],
  hosts: readonly HostDef[],
  env: HostEnv,
  /** Per-host overrides: true leaves an item out for that host. */
  skip?: (host: string, qid: string) => boolean,
  /**
   * Rename items named like a host's built-in command (default). `cadre export` turns it off: a plugin's or
   * extension's components are namespaced by the host (`/<plugin>:<name>`), so they shadow no built-in.
   */
  builtins = true,
): RenderResult {
  const notes: RenderNote[] = [];
  const files = new Map<string, DesiredFile>();
  const keys = new Map<string, DesiredKeys>();
  const tomlBlocks = new Map<
    string,
    { hosts: Set<string>; tables: Map<string, { text: string; item: string }> }
  >();
  const indexes = new Map<string, { hosts: Set<string>; limit?: number; entries: Map<string, IndexEntry> }>();
  /** `hooks-cline`: one script per host event, holding every hook on it. */
  const scripts = new Map<
    string,
    { event: string; hosts: Set<string>; hooks: Map<string, ScriptHook & { name: string; item: string }> }
  >();
  const skillDir = chooseSkillDirs(hosts, env);
  const sorted = namespaced(
    [...items].sort((a, b) => cmp(qualifiedId(a.item), qualifiedId(b.item))),
    builtins,
  );
  const placed: Placed = new Map();
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const own = (d: { path: string; hosts: string[]; items: string[] }, host: string, qid: string) => {
    addOwner(d, host, qid);
    getOr(placed, qid, () => []).push({ host, path: d.path });
  };

  // A host that reads other hosts' files as its own (`ReadPath.native`) comes last, so it sees what they got.
  for (const host of [...hosts].sort((a, b) => Number(hasNativeReads(a)) - Number(hasNativeReads(b)))) {
    const refs = refPhrases(host, sorted, env, skillDir, hosts, skip);
    for (const ri0 of sorted) {
      const { item } = ri0;
      const qid = qualifiedId(item);
      if (!(HOST_KINDS as readonly string[]).includes(item.kind) || skip?.(host.id, qid)) continue;
      const bad = installNameProblem(item);
      if (bad) {
        notes.push({ host: host.id, item: qid, level: "warning", message: `name ${bad}; not installed` });
        continue;
      }
      const via = nativeCopy(host, item, qid, placed, byId, env);
      if (via) {
        notes.push({
          host: host.id,
          item: qid,
          level: "info",
          message: `${host.displayName} reads it from ${via.path}, written for ${via.host.displayName}: no copy of its own`,
        });
        continue;
      }
      const noRoot = item.kind === "mcp" ? pluginRootUse(item.meta) : undefined;
      if (noRoot) {
        notes.push({ host: host.id, item: qid, level: "warning", message: `not installed: ${noRoot}` });
        continue;
      }
      const found = targetFor(host, item, env.scope);
      if (!found) {
        notes.push({
          host: host.id,
          item: qid,
          level: "info",
          message: `${host.displayName} has no place for a ${item.kind}; skipped`,
        });
        continue;
      }
      // A role agent's composed expertise (cadre.yaml `compose:`): appended, and preloaded where the host can.
      const { ri, target } = withComposed(ri0, host.id, found);
      const path = targetPath(host, target, item, env, skillDir, hosts);
      if (path === undefined) {
        notes.push({
          host: host.id,
          item: qid,
          level: "info",
          message: `${host.displayName} has no ${env.scope}-level place for a ${item.kind}; skipped`,
        });
        continue;
      }
      if (item.kind === "mcp") {
        const v = mcpVerdict(item, target, host.displayName);
        const message = v.refuse ? `not installed: ${v.refuse}` : v.warning;
        if (message) notes.push({ host: host.id, item: qid, level: "warning", message });
        if (v.refuse) continue;
      }
      const gap = toolGaps(item, target, host.displayName);
      if (gap)
        notes.push({
          host: host.id,
          item: qid,
          level: gap.widens ? "warning" : "info",
          message: gap.message,
        });
      if (ri.renamed)
        notes.push({ host: host.id, item: qid, level: "info", message: renameNote(item.name, ri.renamed) });
      const as = activationAs(host, item, env.scope);
      if (as)
        notes.push({
          host: host.id,
          item: qid,
          level: "info",
          message: `${as.activation} rule installed as a ${as.kind}: a ${host.displayName} rule has no ${as.activation} activation (it would load at launch)`,
        });
      if (target.as)
        notes.push({
          host: host.id,
          item: qid,
          level: "info",
          message: `${item.kind} installed as ${target.as}`,
        });
      if (target.hooks) {
        const place = hookPlace(host.id, path, item, env.scope === "user" ? env.home : undefined);
        const r = renderHook(item.name, item.meta, target, env.cadreCommand, place);
        if (r.type !== "skip") addHookScripts(files, ri, place, host.id, qid);
        if (r.type === "skip") {
          notes.push({
            host: host.id,
            item: qid,
            level: r.warning ? "warning" : "info",
            message: r.warning
              ? `${r.reason}; not installed`
              : `${host.displayName} has ${r.reason}; skipped`,
          });
          continue;
        }
        if (r.type === "toml") {
          const b = getOr(tomlBlocks, path, () => ({ hosts: new Set<string>(), tables: new Map() }));
          b.hosts.add(host.id);
          b.tables.set(`hook:${item.name}`, { text: r.text, item: qid });
          continue;
        }
        if (r.type === "script") {
          for (const e of r.entries) {
            const at = resolveTemplate(target.path, env, { name: e.event, kind: item.kind });
            if (at === undefined) continue;
            const sc = getOr(scripts, at, () => ({
              event: e.event,
              hosts: new Set<string>(),
              hooks: new Map(),
            }));
            sc.hosts.add(host.id);
            sc.hooks.set(item.name, { ...e, name: item.name, item: qid });
          }
          continue;
        }
        if (r.type === "file") {
          const d: DesiredFile = files.get(path) ?? {
            type: "file",
            path,
            content: r.content,
            hosts: [],
            items: [],
          };
          own(d, host.id, qid);
          files.set(path, d);
          continue;
        }
        const k = getOr(
          keys,
          path,
          (): DesiredKeys => ({ type: "keys", path, hosts: [], items: [], entries: [] }),
        );
        for (const e of r.entries)
          if (!k.entries.some((x) => x.key.join("\u0000") === e.key.join("\u0000"))) k.entries.push(e);
        own(k, host.id, qid);
        continue;
      }
      const keyRender = KEY_RENDERERS[target.format];
      if (keyRender) {
        const k = getOr(
          keys,
          path,
          (): DesiredKeys => ({
            type: "keys",
            path,
            hosts: [],
            items: [],
            entries: [],
            ...(keyRender.syntax ? { syntax: keyRender.syntax } : {}),
          }),
        );
        for (const e of keyRender.entries(ri, target, refs)) {
          if (!k.entries.some((x) => x.key.join("\u0000") === e.key.join("\u0000"))) k.entries.push(e);
        }
        own(k, host.id, qid);
        continue;
      }
      if (target.format === "mcp-toml") {
        const b = getOr(tomlBlocks, path, () => ({ hosts: new Set<string>(), tables: new Map() }));
        b.hosts.add(host.id);
        b.tables.set(item.name, { text: mcpTomlTable(item), item: qid });
        continue;
      }
      const render = FILE_RENDERERS[target.format];
      if (!render) throw new Error(`no renderer for format ${target.format}`);
      for (const r of render(ri, target, path, refs)) {
        // A host's own file installed at the very path it came from keeps its bytes (app/render-items.ts `raw`).
        const raw = ri.raw?.get(r.path);
        const f = raw !== undefined ? { path: r.path, content: raw } : r;
        const existing = files.get(f.path);
        if (existing && !sameContent(existing.content, f.content)) {
          notes.push({
            host: host.id,
            item: qid,
            level: "warning",
            message: `${f.path} is already written with other content for ${existing.items.join(", ")}; kept the first`,
          });
          continue;
        }
        const d: DesiredFile = existing ?? {
          type: "file",
          path: f.path,
          content: f.content,
          ...(f.link ? { link: f.link } : {}),
          ...(f.executable ? { executable: true } : {}),
          hosts: [],
          items: [],
        };
        own(d, host.id, qid);
        files.set(f.path, d);
      }
      if (target.format === "index") {
        const instr = host.instructions ? resolveTemplate(host.instructions, env) : undefined;
        if (!instr) continue;
        const ix = getOr(indexes, instr, () => ({
          hosts: new Set<string>(),
          limit: undefined as number | undefined,
          entries: new Map(),
        }));
        ix.hosts.add(host.id);
        const limit = host.limits?.instructionsBytes;
        if (limit !== undefined) ix.limit = Math.min(ix.limit ?? limit, limit);
        ix.entries.set(path, { item, path, qid, link: posix.relative(posix.dirname(instr), path) });
      }
    }
  }

  const desired: Desired[] = [...files.values(), ...keys.values()];
  for (const [path, ix] of indexes) {
    const entries = [...ix.entries.values()];
    const { content, dropped } = renderIndexBlock(entries, ix.limit);
    if (dropped > 0) {
      notes.push({
        host: [...ix.hosts].join(","),
        level: "warning",
        message: `${path}: ${dropped} index entries left out to stay within ${ix.limit} bytes`,
      });
    }
    const block: DesiredBlock = {
      type: "block",
      path,
      content,
      comment: "html",
      hosts: [...ix.hosts].sort(),
      items: uniq(entries.map((e) => e.qid)),
      limitBytes: ix.limit,
    };
    desired.push(block, ...instructionsLoads(hosts, env, block));
  }
  for (const [path, b] of tomlBlocks) {
    const tables = [...b.tables.entries()].sort((x, y) => cmp(x[0], y[0]));
    desired.push({
      type: "block",
      path,
      content: tables.map(([, t]) => t.text).join("\n"),
      comment: "hash",
      hosts: [...b.hosts].sort(),
      items: uniq(tables.map(([, t]) => t.item)),
    });
  }
  for (const [path, sc] of scripts) {
    const hooks = [...sc.hooks.values()].sort((x, y) => cmp(x.name, y.name));
    desired.push({
      type: "file",
      path,
      content: clineScript(sc.event, hooks, env.scope),
      executable: true,
      hosts: [...sc.hosts],
      items: hooks.map((h) => h.item),
    });
  }
  applyReads(desired, hosts, env, notes);
  for (const d of desired) {
    d.hosts = uniq(d.hosts);
    d.items = uniq(d.items);
  }
  desired.sort((a, b) => cmp(a.path, b.path));
  return { desired, notes };
}

/**
 * The selection with every colliding item under its install name: items that want one host name
 * (model/catalog.ts `installNames`), and items named like a host's built-in command (`hosts/builtins.ts`).
 */
function namespaced(items: RenderItem[], builtins: boolean): Array<RenderItem & { renamed?: Rename }> {
  const renames = installNames(items.map((ri) => ri.item));
  return items.map((ri) => {
    const named = renames.get(qualifiedId(ri.item));
    const b = builtins ? builtinRename({ ...ri.item, name: named?.to ?? ri.item.name }) : undefined;
    const r: Rename | undefined =
      b && !checkName(b.to)
        ? {
            from: named?.from ?? ri.item.name,
            to: b.to,
            rivals: named?.rivals ?? [],
            builtin: b.hosts.map((h) => h.displayName),
          }
        : named;
    if (!r) return ri;
    const text = ri.item.kind === "skill" ? renameSkill(ri.item.text, r.to) : ri.item.text;
    return { ...ri, item: { ...ri.item, name: r.to, text }, renamed: r };
  });
}

/** Why an item is installed under another name: a rival of the same name, or a host's built-in command. */
function renameNote(name: string, r: Rename): string {
  const why = [
    ...(r.rivals.length ? [`${r.from} is also the name of ${r.rivals.join(", ")}`] : []),
    ...(r.builtin?.length ? [`/${r.from} is a built-in command of ${listOf(r.builtin)}`] : []),
  ];
  return `installed as ${name}: ${why.join("; ")}`;
}

function listOf(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** A skill copied under another folder name says that name in its frontmatter (hosts match the two). */
function renameSkill(text: string, name: string): string {
  const fm = /^(?:\uFEFF)?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  const line = `name: ${yamlString(name)}`;
  if (!fm) return `---\n${line}\n---\n${text}`;
  const start = fm[0].indexOf("\n") + 1;
  const head = fm[1] as string;
  const named = /^name:.*$/m.test(head) ? head.replace(/^name:.*$/m, () => line) : `${line}\n${head}`;
  return text.slice(0, start) + named + text.slice(start + head.length);
}

/** For one host: `@name` → how the reference reads there, from where each selected item was installed. */
function refPhrases(
  host: HostDef,
  items: ReadonlyArray<RenderItem & { renamed?: Rename }>,
  env: HostEnv,
  skillDir: Map<string, string>,
  hosts: readonly HostDef[],
  skip?: (host: string, qid: string) => boolean,
): (name: string) => string | undefined {
  const map = new Map<string, string>();
  const aliases = new Map<string, string>();
  for (const { item, renamed } of items) {
    const bad = installNameProblem(item);
    if (map.has(item.name) || bad || skip?.(host.id, qualifiedId(item))) continue;
    const target = targetFor(host, item, env.scope);
    if (!target) continue;
    const path = targetPath(host, target, item, env, skillDir, hosts);
    if (path === undefined) continue;
    const tpl = host.refs?.[target.format] ?? REF_PHRASES[target.format];
    const phrase = tpl.replace(/\{name\}/g, item.name).replace(/\{path\}/g, path);
    map.set(item.name, phrase);
    // Renamed only because a host has the built-in `/from`: `@from` in the pack's text means this item.
    if (renamed?.builtin?.length && !renamed.rivals.length) aliases.set(renamed.from, phrase);
  }
  return (name) => map.get(name) ?? aliases.get(name);
}

/** A rule whose activation the host's rule format cannot express goes to the kind its `activationAs` names. */
function activationAs(
  host: HostDef,
  item: Item,
  scope: Scope,
): { activation: "model" | "manual"; kind: "skill" | "command" } | undefined {
  if (item.kind !== "rule") return undefined;
  const activation = String(item.meta.activation ?? "always");
  if (activation !== "model" && activation !== "manual") return undefined;
  const kind = targetAt(host, "rule", scope)?.activationAs?.[activation];
  return kind && targetAt(host, kind, scope) ? { activation, kind } : undefined;
}

/** The target an item is rendered with: its kind's, or for such a rule the `activationAs` kind's. */
function targetFor(host: HostDef, item: Item, scope: Scope): Target | undefined {
  const as = activationAs(host, item, scope);
  return targetAt(host, as?.kind ?? item.kind, scope);
}

/**
 * Where an item goes. A skill-dir target uses the host's chosen skills folder (shared with other hosts,
 * `render/skill-dirs.ts`), except for an item that is a skill only here (an agent, a command or a rule
 * rendered as a skill) when another selected host reading that folder takes the item in another form: it
 * would get it twice there, so the item goes to the host's own folder.
 */
function targetPath(
  host: HostDef,
  target: Target,
  item: Item,
  env: HostEnv,
  skillDir: Map<string, string>,
  hosts: readonly HostDef[],
): string | undefined {
  const dir = target.format === "skill-dir" ? skillDir.get(host.id) : undefined;
  if (
    dir &&
    (item.kind === "skill" || item.kind === "expertise" || !otherFormReads(host, item, dir, env, hosts))
  )
    return `${dir}/${item.name}`;
  return resolveTemplate(target.path, env, { name: item.name, kind: item.kind });
}

/** Whether a selected host other than `host` reads `dir` and takes the item in a form other than a skill. */
function otherFormReads(
  host: HostDef,
  item: Item,
  dir: string,
  env: HostEnv,
  hosts: readonly HostDef[],
): boolean {
  return hosts.some((o) => {
    if (o.id === host.id) return false;
    const t = targetFor(o, item, env.scope);
    if (!t || t.format === "skill-dir") return false;
    return Object.values(o.reads ?? {}).some((list) =>
      (list ?? []).some((r: ReadPath) => {
        const at = resolveTemplate(r, env);
        return at !== undefined && (dir === at || dir.startsWith(`${at}/`));
      }),
    );
  });
}

/** A plugin hook's scripts, copied next to the host's hook config with their exec bits (`${CLAUDE_PLUGIN_ROOT}`). */
function addHookScripts(
  files: Map<string, DesiredFile>,
  ri: RenderItem,
  place: HookPlace,
  host: string,
  qid: string,
) {
  for (const [from, to] of hookScriptFiles(ri.item.meta, ri.item.files, ri.item.path, place)) {
    const s = ri.scripts?.get(from);
    if (!s) continue;
    const d: DesiredFile = files.get(to) ?? {
      type: "file",
      path: to,
      content: s.content,
      hosts: [],
      items: [],
      ...(s.executable ? { executable: true } : {}),
    };
    addOwner(d, host, qid);
    files.set(to, d);
  }
}

function addOwner(d: { hosts: string[]; items: string[] }, host: string, item: string): void {
  if (!d.hosts.includes(host)) d.hosts.push(host);
  if (!d.items.includes(item)) d.items.push(item);
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)].sort(cmp);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameContent(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === "string" && typeof b === "string") return a === b;
  const ab = typeof a === "string" ? new TextEncoder().encode(a) : a;
  const bb = typeof b === "string" ? new TextEncoder().encode(b) : b;
  return ab.length === bb.length && ab.every((x, i) => x === bb[i]);
}

/** Why an item cannot be installed under its name: skills follow the Agent Skills rule hosts enforce, other
 * kinds need only a name every host takes as a file name. */
function installNameProblem(item: { kind: string; name: string }): string | undefined {
  return item.kind === "skill" ? checkName(item.name) : fileNameProblem(item.name);
}

/**
 * Composition shared by `cadre compose` (app/compose.ts) and install (app/project.ts): cadre.yaml's settings,
 * the catalog's map and modules, the project's stacks, one role's resolution, and the install-time plan.
 */
import { composeInline, type ModuleInfo, type ModuleText, preloadField } from "../compose/deliver.js";
import { mapRoles, mergeMaps, roleModes } from "../compose/map.js";
import type { Limits, Resolution } from "../compose/resolve.js";
import { type DetectedStack, detectStacks } from "../compose/stacks.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import { closestNames } from "../core/names.js";
import type { HostDef } from "../hosts/define.js";
import type { Catalog } from "../model/catalog.js";
import type { CompositionMap } from "../model/composition.js";
import { type Item, qualifiedId } from "../model/item.js";
import type { ComposedAgent } from "../render/formats.js";
import { type Config, configWhere } from "./config.js";
import { scanProject } from "./detect.js";

/** cadre.yaml's `compose:` as settings, or undefined when composition is off. */
export interface ComposeSettings {
  stacks: string[];
  concerns: string[];
  detect: boolean;
  tokens?: number;
  modules?: number;
}

export function composeSettings(c: Config | undefined): ComposeSettings | undefined {
  const v = c?.compose;
  if (v === undefined || v === false) return undefined;
  if (v === true) return { stacks: [], concerns: [], detect: true };
  return {
    stacks: v.stacks ?? [],
    concerns: v.concerns ?? [],
    detect: v.detect ?? true,
    ...(v.tokens === undefined ? {} : { tokens: v.tokens }),
    ...(v.modules === undefined ? {} : { modules: v.modules }),
  };
}

/** The catalog's composition maps as one. */
export function catalogMap(cat: Catalog): CompositionMap {
  return mergeMaps(cat.packs.map((p) => p.compositionMap).filter((m) => m !== undefined));
}

/** The first expertise item of each name, in catalog order. */
export function expertiseByName(cat: Catalog): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const i of cat.items) if (i.kind === "expertise" && !out.has(i.name)) out.set(i.name, i);
  return out;
}

export const moduleText = (i: Item): ModuleText => ({
  name: i.name,
  description: i.description,
  body: i.body,
});

/** The role's own agent (the first agent of that name), whose body the prompt starts with. */
export function roleAgent(cat: Catalog, role: string): Item | undefined {
  return cat.items.find((i) => i.kind === "agent" && i.name === role);
}

export function unknownKey(what: string, key: string, known: readonly string[], where?: string): UserError {
  const near = closestNames(key, known);
  return new UserError(
    where ? ErrorCodes.parse : ErrorCodes.usage,
    `${where ? `${where}: ` : ""}no ${what} "${key}" in the composition map`,
    `${near.length ? `did you mean ${near.join(", ")}? ` : ""}known: ${[...known].sort().join(", ")}`,
  );
}

/** Stacks from detection (unless off) and cadre.yaml, in that order; flags replace both. */
export async function projectStacks(
  root: string,
  map: CompositionMap,
  o: { flags?: string[]; settings?: ComposeSettings; config?: Config; detect?: boolean },
): Promise<{ stacks: DetectedStack[]; watch: string[]; truncated: boolean }> {
  const known = Object.keys(map.stacks);
  if (o.flags?.length) {
    for (const s of o.flags) if (!known.includes(s)) throw unknownKey("stack", s, known);
    return {
      stacks: [...new Set(o.flags)].map((stack) => ({
        stack,
        evidence: [{ path: "--stack", detail: "given on the command line" }],
      })),
      watch: [],
      truncated: false,
    };
  }
  const scan =
    (o.settings?.detect ?? o.detect ?? true)
      ? await scanProject(root)
      : { files: [], watch: [], truncated: false };
  const stacks = detectStacks(scan.files);
  for (const [i, s] of (o.settings?.stacks ?? []).entries()) {
    if (!known.includes(s))
      throw unknownKey(
        "stack",
        s,
        known,
        o.config ? configWhere(o.config, ["compose", "stacks", i]) : "cadre.yaml",
      );
    const e = { path: "cadre.yaml", detail: "compose.stacks" };
    const have = stacks.find((x) => x.stack === s);
    if (have) have.evidence.push(e);
    else stacks.push({ stack: s, evidence: [e] });
  }
  return { stacks, watch: scan.watch, truncated: scan.truncated };
}

/** The catalog's expertise modules by name, as the engine reads them. */
export function moduleInfos(cat: Catalog): Map<string, ModuleInfo> {
  return new Map([...expertiseByName(cat)].map(([n, it]) => [n, { ...moduleText(it), tokens: it.tokens }]));
}

/** Resolve one role for one host (or none): the limits derived from the host, the user's settings narrowing them. */
export function resolveRole(
  cat: Catalog,
  map: CompositionMap,
  o: {
    role: string;
    mode?: string;
    stacks: readonly string[];
    concerns: readonly string[];
    host?: HostDef;
    base?: Partial<Limits>;
  },
): { resolution: Resolution; section: string } {
  return composeInline({
    map,
    ...o,
    roleBody: roleAgent(cat, o.role)?.body ?? "",
    modules: moduleInfos(cat),
  });
}

/** What one role agent gets in one host: skills to preload, or text to inline (render/compose.ts applies it). */

/** The install-time composition (cadre.yaml `compose:`): deterministic from the detected stacks and settings. */
export interface InstallComposition {
  /**
   * Expertise items the composition needs that the selection lacks: installed like any selected item (in every
   * host that takes expertise), so each host's references to them resolve the same way.
   */
  extra: Item[];
  /** Agent qualified id → host id → what it gets. */
  agents: Map<string, Map<string, ComposedAgent>>;
  notes: Array<{ host: string; item?: string; level: "info" | "warning"; message: string }>;
  /** Root-relative paths whose change can change the detection (for the sync fast path). */
  watch: string[];
  stacks: DetectedStack[];
}

function modeLines(map: CompositionMap, role: string): string {
  const modes = roleModes(map, role);
  if (!modes.length) return "";
  const rows = modes.map((m) => `- ${m}: ${(map.modes?.[role]?.[m] ?? []).map((x) => `@${x}`).join(", ")}`);
  return `\n### By mode\n\nEach mode has its own reference set; read it before working in that mode.\n\n${rows.join("\n")}\n`;
}

/** What one agent gets in one host, from its resolution there. */
function agentFor(host: HostDef, names: string[], section: string, byMode: string): ComposedAgent {
  const field = preloadField(host);
  if (field) return { preload: { field, skills: names }, append: byMode ? `## Expertise\n${byMode}` : "" };
  return { append: section || byMode ? `${section || "## Expertise\n"}${byMode}` : "" };
}

/** The sync note for one agent in one host: how many modules, and what was dropped (the proof says why). */
function composeNote(host: HostDef, agent: Item, r: Resolution, stacks: readonly string[]) {
  const first = r.dropped[0];
  const dropped = first
    ? `; dropped ${r.dropped.length} (${first.module}: ${first.reason}); \`cadre compose ${agent.name} --host ${host.id} --json\` lists them`
    : "";
  return {
    host: host.id,
    item: qualifiedId(agent),
    level: "info" as const,
    message: `composed ${agent.name}: ${preloadField(host) ? "preloads" : "inlines"} ${r.kept.length} expertise modules (${r.tokens}/${r.limits.tokens} tokens) for stacks ${stacks.join(", ") || "none"}${dropped}`,
  };
}

/** Plan the install-time composition for the selected role agents in every host. */
export async function composeForInstall(
  cat: Catalog,
  selected: readonly Item[],
  hosts: readonly HostDef[],
  root: string,
  settings: ComposeSettings,
  config: Config,
): Promise<InstallComposition> {
  const map = catalogMap(cat);
  const found = await projectStacks(root, map, { settings, config });
  const known = Object.keys(map.concerns);
  for (const [i, c] of settings.concerns.entries())
    if (!known.includes(c))
      throw unknownKey("concern", c, known, configWhere(config, ["compose", "concerns", i]));
  const stacks = found.stacks.map((s) => s.stack);
  const roles = new Set(mapRoles(map));
  const mods = expertiseByName(cat);
  const have = new Set(selected.map(qualifiedId));
  const extra = new Map<string, Item>();
  const need = (name: string) => {
    const it = mods.get(name);
    if (it && !have.has(qualifiedId(it))) extra.set(name, it);
  };
  const out: InstallComposition = {
    extra: [],
    agents: new Map(),
    notes: [],
    watch: found.watch,
    stacks: found.stacks,
  };
  const base: Partial<Limits> = {
    ...(settings.tokens === undefined ? {} : { tokens: settings.tokens }),
    ...(settings.modules === undefined ? {} : { maxModules: settings.modules }),
  };
  for (const agent of selected.filter((i) => i.kind === "agent" && roles.has(i.name))) {
    const per = new Map<string, ComposedAgent>();
    const byMode = modeLines(map, agent.name);
    for (const m of roleModes(map, agent.name)) for (const x of map.modes?.[agent.name]?.[m] ?? []) need(x);
    for (const host of hosts) {
      const { resolution: r, section } = resolveRole(cat, map, {
        role: agent.name,
        stacks,
        concerns: settings.concerns,
        host,
        base,
      });
      const names = r.kept.map((k) => k.module);
      if (preloadField(host)) for (const n of names) need(n);
      per.set(host.id, agentFor(host, names, section, byMode));
      out.notes.push(composeNote(host, agent, r, stacks));
    }
    out.agents.set(qualifiedId(agent), per);
  }
  out.extra = [...extra.values()];
  return out;
}

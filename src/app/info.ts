import { ErrorCodes, UserError } from "../core/errors.js";
import { builtinRename } from "../hosts/builtins.js";
import { HOST_KINDS, noteOf, type Support, supportOf, targetOf } from "../hosts/define.js";
import { hostList } from "../hosts/registry.js";
import { type Catalog, installNames, namesakes, resolveRef } from "../model/catalog.js";
import { parseCompositionMap } from "../model/composition.js";
import { type Item, qualifiedId } from "../model/item.js";
import { pluginRootUse } from "../model/plugin-mcp.js";
import { toolGaps } from "../render/fields.js";
import { hookRefusal } from "../render/hooks.js";
import { mcpVerdict } from "../render/mcp.js";
import { type CatalogOptions, openCatalog } from "./catalog.js";
import { type SourceSummary, summariseSource } from "./list.js";

export interface HostSupportRow {
  host: string;
  displayName: string;
  support: Support | "cadre";
  note: string;
}

const CADRE_NOTES: Record<string, string> = {
  schema: "used by cadre to validate pipeline artifacts; not written into hosts",
  template: "used by cadre when starting an artifact; not written into hosts",
  workflow: "run by cadre (`cadre run start --workflow <name>`); not written into hosts",
  profile: "expands to its items, each rendered for every host",
};

export function hostSupport(item: Item): HostSupportRow[] {
  const noRoot = item.kind === "mcp" ? pluginRootUse(item.meta) : undefined;
  return hostList().map((h) => {
    if (noRoot && targetOf(h, item.kind))
      return {
        host: h.id,
        displayName: h.displayName,
        support: "none" as const,
        note: `not installed: ${noRoot}`,
      };
    if (!(HOST_KINDS as readonly string[]).includes(item.kind))
      return {
        host: h.id,
        displayName: h.displayName,
        support: "cadre" as const,
        note: CADRE_NOTES[item.kind] ?? "",
      };
    const t = targetOf(h, item.kind);
    // An MCP server whose secret references the host cannot read is not installed there (`render/mcp.ts`).
    const mcp = t && item.kind === "mcp" ? mcpVerdict(item, t, h.displayName) : undefined;
    // A hook the host cannot run as written is not installed there (`render/hooks.ts`).
    const refused =
      mcp?.refuse ?? (t && item.kind === "hook" ? hookRefusal(item.name, item.meta, t) : undefined);
    if (refused)
      return {
        host: h.id,
        displayName: h.displayName,
        support: "none" as const,
        note: `not installed: ${refused}`,
      };
    // What the host cannot express of the item (an agent's tool list), as the install note says it.
    const gap = t
      ? (toolGaps(item, t, h.displayName) ?? (mcp?.warning ? { message: mcp.warning } : undefined))
      : undefined;
    return {
      host: h.id,
      displayName: h.displayName,
      support: supportOf(h, item.kind),
      note: t ? (gap ? `${noteOf(t)}; ${gap.message}` : noteOf(t)) : "not supported",
    };
  });
}

export interface CompositionInfo {
  layer: "stacks" | "concerns";
  key: string;
  /** role → modules, from every pack that maps this stack or concern. */
  roles: Record<string, Array<{ module: string; pack: string; description: string }>>;
}

/** `stack:<id>` or `concern:<id>`: the expertise modules each role loads for it. */
export function compositionInfo(
  cat: Catalog,
  layer: "stacks" | "concerns",
  key: string,
): CompositionInfo | undefined {
  const roles: CompositionInfo["roles"] = {};
  let found = false;
  for (const pack of cat.packs) {
    const parsed = pack.compositionMap === undefined ? undefined : parseCompositionMap(pack.compositionMap);
    const entry = parsed?.ok ? parsed.map[layer][key] : undefined;
    if (!entry) continue;
    found = true;
    for (const [role, mods] of Object.entries(entry)) {
      roles[role] ??= [];
      for (const m of mods) {
        const item = pack.items.find((i) => i.kind === "expertise" && i.name === m);
        roles[role].push({ module: m, pack: pack.name, description: item?.description ?? "" });
      }
    }
  }
  return found ? { layer, key, roles } : undefined;
}

export function compositionKeys(cat: Catalog, layer: "stacks" | "concerns"): string[] {
  const keys = new Set<string>();
  for (const pack of cat.packs) {
    const parsed = pack.compositionMap === undefined ? undefined : parseCompositionMap(pack.compositionMap);
    if (parsed?.ok) for (const k of Object.keys(parsed.map[layer])) keys.add(k);
  }
  return [...keys].sort();
}

export async function compositionCommand(
  opts: CatalogOptions & { layer: "stacks" | "concerns"; key: string },
) {
  const { cat } = await openCatalog(opts);
  const info = compositionInfo(cat, opts.layer, opts.key);
  if (!info) {
    const known = compositionKeys(cat, opts.layer).join(", ");
    throw new UserError(
      ErrorCodes.notFound,
      `no ${opts.layer === "stacks" ? "stack" : "concern"} "${opts.key}" in any composition map`,
      `known: ${known}`,
    );
  }
  return info;
}

export async function infoCommand(opts: CatalogOptions & { ref: string }) {
  const { cat, project } = await openCatalog(opts);
  const r = resolveRef(cat, opts.ref);
  if (!r.ok) {
    const list = r.candidates.map(qualifiedId).join(", ");
    if (r.reason === "ambiguous")
      throw new UserError(
        ErrorCodes.usage,
        `"${opts.ref}" matches several items: ${list}`,
        "qualify it as pack/kind:name",
      );
    throw new UserError(
      ErrorCodes.notFound,
      `no item "${opts.ref}"`,
      list ? `did you mean: ${list}?` : "try `cadre search <words>`",
    );
  }
  const collisions = cat.collisions.find((c) => c.id === r.item.id)?.items.filter((i) => i !== r.item) ?? [];
  const rename = installNames(namesakes(cat, r.item)).get(qualifiedId(r.item));
  return {
    item: r.item,
    hosts: hostSupport(r.item),
    alsoIn: collisions.map(qualifiedId),
    project,
    ...(rename ? { installedAs: { name: rename.to, with: rename.rivals } } : builtinAs(r.item)),
  };
}

/** An item named like a host's built-in command is installed as `<pack>-<name>` (hosts/builtins.ts). */
function builtinAs(item: Item): { installedAs?: { name: string; with: string[]; builtin: string[] } } {
  const b = builtinRename(item);
  return b ? { installedAs: { name: b.to, with: [], builtin: b.hosts.map((h) => h.id) } } : {};
}

/** `cadre info --source <dir>` without an item: how each source folder was read (layouts, matches, items). */
export async function sourceInfoCommand(opts: CatalogOptions): Promise<SourceSummary[]> {
  if (!opts.sources?.length)
    throw new UserError(
      ErrorCodes.usage,
      "info needs an item, or --source <dir> to describe a folder",
      "e.g. cadre info skill:tdd, or cadre info --source ./my-pack",
    );
  const { cat } = await openCatalog(opts);
  const own = cat.packs.filter((p) => !p.builtin);
  return (own.length ? own : cat.packs).map(summariseSource); // --source library: the built-in pack itself
}

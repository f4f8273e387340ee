import { composeInline, preloadField } from "../../compose/deliver.js";
import { mapRoles } from "../../compose/map.js";
import { detectableStacks } from "../../compose/stacks.js";
import { hostList } from "../../hosts/registry.js";
import { type CompositionMap, moduleRefs, parseCompositionMap } from "../../model/composition.js";
import type { Item, Pack } from "../../model/item.js";
import type { Finding, LintRule } from "../types.js";

export const compositionRules: LintRule[] = [
  {
    id: "pack/composition-map",
    severity: "error",
    description:
      "composition-map.yaml matches its schema and every module it names is an expertise item of the pack.",
    hint: "fix the map's shape (see schemas/composition-map.schema.json) or add the missing expertise module",
    pack: (pack) => {
      if (pack.compositionMap === undefined) return [];
      const path = "composition-map.yaml";
      const r = parseCompositionMap(pack.compositionMap);
      if (!r.ok) return r.errors.map((message) => ({ path, message }));
      const known = new Set(pack.items.filter((i) => i.kind === "expertise").map((i) => i.name));
      const out: Array<Finding & { path: string }> = [];
      const seen = new Set<string>();
      for (const ref of moduleRefs(r.map)) {
        if (known.has(ref.module) || seen.has(ref.module)) continue;
        seen.add(ref.module);
        out.push({
          path,
          message: `${ref.layer}${ref.key ? `.${ref.key}` : ""}.${ref.role} names unknown expertise module "${ref.module}"`,
        });
      }
      return out;
    },
  },
];

function mapOf(pack: Pack): CompositionMap | undefined {
  if (pack.compositionMap === undefined) return undefined;
  const r = parseCompositionMap(pack.compositionMap);
  return r.ok ? r.map : undefined;
}

const MAP_PATH = "composition-map.yaml";

/** The pack's role agents: agents named as a role of its map. */
function roleAgents(pack: Pack, map: CompositionMap): Item[] {
  const roles = new Set(mapRoles(map));
  return pack.items.filter((i) => i.kind === "agent" && roles.has(i.name));
}

compositionRules.push(
  {
    id: "pack/composition-coverage",
    severity: "warning",
    description:
      "Every stack and concern of composition-map.yaml names at least one module for some role. Authoring: an empty entry composes nothing.",
    hint: "give the stack or concern a module for the roles it concerns, or remove it",
    pack: (pack) => {
      const map = mapOf(pack);
      if (!map) return [];
      const out: Array<Finding & { path: string }> = [];
      for (const layer of ["stacks", "concerns"] as const)
        for (const [key, roles] of Object.entries(map[layer]))
          if (!Object.values(roles).some((mods) => mods.length > 0))
            out.push({ path: MAP_PATH, message: `${layer}.${key} names no module for any role` });
      return out;
    },
  },
  {
    id: "pack/composition-detection",
    severity: "warning",
    description:
      "Every stack cadre's detection rules can report is a stack of the built-in composition map. Authoring: a detected stack the map lacks composes nothing.",
    hint: "add the stack to library/composition-map.yaml, or change the rule in src/compose/stacks.ts",
    pack: (pack) => {
      const map = pack.builtin ? mapOf(pack) : undefined;
      if (!map) return [];
      return detectableStacks()
        .filter((s) => map.stacks[s] === undefined)
        .map((s) => ({
          path: MAP_PATH,
          message: `detection reports stack "${s}", which the map does not have`,
        }));
    },
  },
  {
    id: "agent/composed-fits",
    severity: "warning",
    description:
      "A role agent with the expertise composed for it (every stack and concern of the map, the worst case) fits each host's agent size limit where it is inlined. Portability: the host truncates or refuses a larger agent.",
    hint: "shorten the role agent's body, or lower the host's defaults in src/compose/deliver.ts",
    item: (item, pack, ctx) => {
      const map = mapOf(pack);
      if (!map || item.kind !== "agent" || !roleAgents(pack, map).includes(item)) return [];
      const modules = new Map(
        ctx.catalog.items
          .filter((i) => i.kind === "expertise")
          .map((i) => [i.name, { name: i.name, description: i.description, body: i.body, tokens: i.tokens }]),
      );
      const out: Finding[] = [];
      for (const host of hostList()) {
        const cap = host.limits?.agentBodyChars;
        if (cap === undefined || preloadField(host) || !host.targets.agent) continue;
        const { section } = composeInline({
          map,
          role: item.name,
          roleBody: item.body,
          stacks: Object.keys(map.stacks),
          concerns: Object.keys(map.concerns),
          host,
          modules,
        });
        const size = `${item.body.trimEnd()}\n\n${section}`.length;
        if (size > cap)
          out.push({
            message: `composed for ${host.displayName}, the body is ${size} characters (at most ${cap})`,
            hosts: [host.id],
          });
      }
      return out;
    },
  },
);

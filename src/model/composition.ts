import { z } from "zod";

/** role → expertise module names */
const RoleModules = z.record(z.string(), z.array(z.string().min(1)));

/** The composition map: which expertise modules each role loads, by layer (always → auto → stacks → concerns). */
export const CompositionMapSchema = z.strictObject({
  version: z.literal(1),
  always: RoleModules,
  auto: RoleModules,
  stacks: z.record(z.string(), RoleModules),
  concerns: z.record(z.string(), RoleModules),
  /**
   * role → mode → modules: a mode (the reviewer's spec-challenge, design-review, plan-review, review) loads
   * its own set in place of the role's `always` set.
   */
  modes: z.record(z.string(), RoleModules).optional(),
});
export type CompositionMap = z.infer<typeof CompositionMapSchema>;

export const LAYERS = ["always", "auto", "stacks", "concerns"] as const;
/** The layers a composed module can come from: a mode's set takes the place of `always`. */
export type ComposeLayer = (typeof LAYERS)[number] | "mode";

export interface ModuleRef {
  layer: ComposeLayer;
  /** The stack or concern id (for those layers). */
  key?: string;
  role: string;
  module: string;
}

/** Every module reference in the map, with where it appears. */
export function moduleRefs(map: CompositionMap): ModuleRef[] {
  const out: ModuleRef[] = [];
  for (const [role, mods] of Object.entries(map.always))
    for (const m of mods) out.push({ layer: "always", role, module: m });
  for (const [role, mods] of Object.entries(map.auto))
    for (const m of mods) out.push({ layer: "auto", role, module: m });
  for (const layer of ["stacks", "concerns"] as const)
    for (const [key, roles] of Object.entries(map[layer]))
      for (const [role, mods] of Object.entries(roles))
        for (const m of mods) out.push({ layer, key, role, module: m });
  for (const [role, modes] of Object.entries(map.modes ?? {}))
    for (const [key, mods] of Object.entries(modes))
      for (const m of mods) out.push({ layer: "mode", key, role, module: m });
  return out;
}

export type ParsedMap = { ok: true; map: CompositionMap } | { ok: false; errors: string[] };

export function parseCompositionMap(raw: unknown): ParsedMap {
  const r = CompositionMapSchema.safeParse(raw);
  if (r.success) return { ok: true, map: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.join(".") || "map"}: ${i.message}`) };
}

/** The JSON Schema of the composition map (generated into schemas/ by `npm run gen`). */
export function compositionMapJsonSchema(): object {
  return {
    $id: "urn:cadre:schema:composition-map",
    title: "cadre composition map",
    description:
      "Which expertise modules each pipeline role loads, by layer: always, auto (all stacks), stacks and concerns.",
    ...z.toJSONSchema(CompositionMapSchema, { target: "draft-2020-12" }),
  };
}

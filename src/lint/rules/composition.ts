import { moduleRefs, parseCompositionMap } from "../../model/composition.js";
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

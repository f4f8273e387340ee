import { qualifiedId } from "../../model/item.js";
import { lineOfKey } from "../locate.js";
import type { Finding, LintRule } from "../types.js";

export const packRules: LintRule[] = [
  {
    id: "pack/duplicate-name",
    severity: "error",
    description:
      "Names are unique per kind within a pack. Consequence: both would land on one host file, so only one is installed.",
    hint: "rename one of the items",
    pack: (pack) => {
      const seen = new Map<string, string>();
      const out: Array<Finding & { path: string }> = [];
      for (const it of pack.items) {
        const first = seen.get(it.id);
        if (first)
          out.push({
            message: `${it.id} is also defined in ${first}`,
            path: it.path,
            line: lineOfKey(it, it.kind === "hook" ? "id" : "name"),
          });
        else seen.set(it.id, it.path);
      }
      return out;
    },
  },
  {
    id: "pack/shadowing",
    severity: "warning",
    description:
      "An id defined in several loaded packs is reported, never silently shadowed. Portability: refer to it as pack/kind:name.",
    hint: "rename the item, or refer to it as pack/kind:name",
    pack: (pack, ctx) =>
      ctx.catalog.collisions
        .filter((c) => c.items.some((i) => i.pack === pack.name))
        .flatMap((c) => {
          const mine = c.items.filter((i) => i.pack === pack.name);
          const others = c.items.filter((i) => i.pack !== pack.name).map(qualifiedId);
          return mine.map((it) => ({
            message: `${it.id} is also defined by ${others.join(", ")}`,
            path: it.path,
          }));
        }),
  },
];

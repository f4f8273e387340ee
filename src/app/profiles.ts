import { expandProfile } from "../model/profiles.js";
import { ConfigSchema, readConfig } from "./config.js";
import { catalogOf, layoutOf, type ProjectOptions } from "./project.js";

/** `cadre profiles`: every profile with its description, item count and whether cadre.yaml uses it. */
export async function profilesCommand(o: ProjectOptions) {
  const layout = layoutOf(o);
  const config = (await readConfig(layout.configPath, "cadre.yaml")) ?? ConfigSchema.parse({});
  const cat = await catalogOf(config, layout, o.env);
  return cat.items
    .filter((i) => i.kind === "profile")
    .map((p) => {
      const ex = expandProfile(cat, p);
      return {
        name: p.name,
        pack: p.pack,
        description: p.description,
        extends: Array.isArray(p.meta.extends) ? p.meta.extends.map(String) : [],
        items: ex.items.length,
        active: config.profiles.includes(p.name),
      };
    });
}

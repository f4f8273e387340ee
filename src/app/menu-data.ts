import { qualifiedId } from "../model/item.js";
import { DATA_KINDS } from "../model/kinds.js";
import { readConfig } from "./config.js";
import { catalogOf, layoutOf, type ProjectOptions, readLock, requireConfig, selectItems } from "./project.js";

/** What the interactive menu shows: the catalog (for add and search), the selection and the installed items. */
export async function menuData(o: ProjectOptions) {
  const layout = layoutOf(o);
  const config = await requireConfig(layout);
  const cat = await catalogOf(config, layout, o.env);
  const selected = selectItems(cat, config).items;
  const lock = await readLock(layout);
  return {
    catalog: cat.items.filter((i) => !DATA_KINDS.has(i.kind)),
    selected: selected.map((i) => ({
      id: `${i.kind}:${i.name}`,
      qid: qualifiedId(i),
      description: i.description,
      installed: qualifiedId(i) in lock.items,
    })),
    config,
  };
}

export async function hasConfig(o: ProjectOptions): Promise<boolean> {
  return (await readConfig(layoutOf(o).configPath, "cadre.yaml")) !== undefined;
}

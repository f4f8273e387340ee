import type { Item } from "../model/item.js";
import { type CatalogOptions, openCatalog } from "./catalog.js";

export interface ListFilter {
  kind?: string;
  category?: string;
  tag?: string;
  pack?: string;
}

export function filterItems(items: readonly Item[], f: ListFilter): Item[] {
  return items
    .filter(
      (i) =>
        (!f.kind || i.kind === f.kind) &&
        (!f.category || i.category === f.category) &&
        (!f.tag || i.tags.includes(f.tag)) &&
        (!f.pack || i.pack === f.pack),
    )
    .sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        (a.category ?? "").localeCompare(b.category ?? "") ||
        a.name.localeCompare(b.name),
    );
}

export async function listCommand(
  opts: CatalogOptions & ListFilter,
): Promise<{ items: Item[]; total: number }> {
  const cat = await openCatalog(opts);
  const items = filterItems(cat.items, opts);
  return { items, total: cat.items.length };
}

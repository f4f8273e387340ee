import type { Item, LayoutReason, Pack, PackLayout } from "../model/item.js";
import { type CatalogOptions, openCatalog, type ProjectView } from "./catalog.js";

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

/** A source pack as discovery read it: its layouts, why, and what it holds. */
export interface SourceSummary {
  pack: string;
  root: string;
  layouts: PackLayout[];
  discovery: LayoutReason[];
  items: number;
  byKind: Record<string, number>;
  /** Load problems (errors) that kept files from becoming items. */
  loadErrors: number;
}

export function summariseSource(p: Pack): SourceSummary {
  const byKind: Record<string, number> = {};
  for (const i of p.items) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
  return {
    pack: p.name,
    root: p.root,
    layouts: p.layouts,
    discovery: p.discovery ?? [],
    items: p.items.length,
    byKind,
    loadErrors: p.diagnostics.filter((d) => d.severity === "error").length,
  };
}

export async function listCommand(
  opts: CatalogOptions & ListFilter,
): Promise<{ items: Item[]; total: number; sources: SourceSummary[]; project?: ProjectView }> {
  const { cat, project } = await openCatalog(opts);
  const items = filterItems(cat.items, opts);
  const sources = cat.packs.filter((p) => !p.builtin).map(summariseSource);
  return { items, total: cat.items.length, sources, project };
}

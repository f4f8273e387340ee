import type { Item } from "../model/item.js";
import { buildIndex, type SearchDoc, type SearchIndex, search } from "../search/bm25f.js";
import { type CatalogOptions, openCatalog } from "./catalog.js";

export interface SearchResult {
  item: Item;
  score: number;
  matched: string[];
}

export function itemDocs(items: readonly Item[]): SearchDoc[] {
  return items.map((i, n) => ({
    id: String(n),
    fields: {
      name: i.name.replace(/-/g, " "),
      tags: [...i.tags, i.category ?? "", i.kind].join(" "),
      description: i.description,
      body: i.body,
    },
  }));
}

/** One index per item list: building it is the costly part, queries are cheap. */
const indexes = new WeakMap<readonly Item[], SearchIndex>();

export function searchItems(
  items: readonly Item[],
  query: string,
  opts: { kind?: string; limit?: number },
): SearchResult[] {
  let index = indexes.get(items);
  if (!index) {
    index = buildIndex(itemDocs(items));
    indexes.set(items, index);
  }
  return search(index, query, {
    limit: opts.limit ?? 10,
    filter: opts.kind ? (id) => items[Number(id)]?.kind === opts.kind : undefined,
  }).map((h) => ({ item: items[Number(h.id)] as Item, score: h.score, matched: h.matched }));
}

export async function searchCommand(opts: CatalogOptions & { query: string; kind?: string; limit?: number }) {
  const { cat, project } = await openCatalog(opts);
  return { results: searchItems(cat.items, opts.query, opts), total: cat.items.length, project };
}

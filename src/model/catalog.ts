import type { Item, Pack } from "./item.js";
import { KINDS, type Kind } from "./kinds.js";

export interface Collision {
  id: string;
  items: Item[];
}

/** All loaded packs, with lookup by id and collisions across packs (never silently shadowed). */
export interface Catalog {
  packs: Pack[];
  items: Item[];
  byId: Map<string, Item[]>;
  collisions: Collision[];
}

export function buildCatalog(packs: Pack[]): Catalog {
  const items = packs.flatMap((p) => p.items);
  const byId = new Map<string, Item[]>();
  for (const it of items) {
    const list = byId.get(it.id);
    if (list) list.push(it);
    else byId.set(it.id, [it]);
  }
  const collisions: Collision[] = [];
  for (const [id, list] of byId) {
    const packsOf = new Set(list.map((i) => i.pack));
    if (packsOf.size > 1) collisions.push({ id, items: list });
  }
  return { packs, items, byId, collisions };
}

export type Resolution =
  | { ok: true; item: Item }
  | { ok: false; reason: "not-found" | "ambiguous"; candidates: Item[] };

/**
 * Resolve a reference: `kind:name`, `pack/kind:name`, `pack/name` or a bare `name`.
 * An id that exists in several packs is ambiguous, and the candidates are returned.
 */
export function resolveRef(cat: Catalog, ref: string): Resolution {
  const slash = ref.indexOf("/");
  const pack = slash > 0 ? ref.slice(0, slash) : undefined;
  const rest = slash > 0 ? ref.slice(slash + 1) : ref;
  const colon = rest.indexOf(":");
  const kind = colon > 0 ? (rest.slice(0, colon) as Kind) : undefined;
  const name = colon > 0 ? rest.slice(colon + 1) : rest;
  if (kind && !(KINDS as readonly string[]).includes(kind))
    return { ok: false, reason: "not-found", candidates: [] };
  let found = cat.items.filter(
    (i) => i.name === name && (!kind || i.kind === kind) && (!pack || i.pack === pack),
  );
  if (found.length === 1) return { ok: true, item: found[0] as Item };
  if (found.length === 0) {
    const lower = name.toLowerCase();
    found = cat.items.filter((i) => i.name.includes(lower) && (!kind || i.kind === kind)).slice(0, 5);
    return { ok: false, reason: "not-found", candidates: found };
  }
  return { ok: false, reason: "ambiguous", candidates: found };
}

import { type Catalog, resolveRef } from "./catalog.js";
import type { Item } from "./item.js";

export interface ExpandedProfile {
  items: Item[];
  missing: string[];
  /** Profiles seen while expanding (a cycle is cut, not followed). */
  visited: string[];
}

/** Expand a profile with its `extends` chain into the items it selects (deduplicated, in order). */
export function expandProfile(cat: Catalog, profile: Item): ExpandedProfile {
  const items = new Map<string, Item>();
  const missing: string[] = [];
  const visited: string[] = [];
  const walk = (p: Item) => {
    if (visited.includes(p.name)) return;
    visited.push(p.name);
    for (const parent of Array.isArray(p.meta.extends) ? p.meta.extends : []) {
      const r = resolveRef(cat, `profile:${String(parent)}`);
      if (r.ok) walk(r.item);
      else missing.push(`profile:${String(parent)}`);
    }
    for (const ref of Array.isArray(p.meta.items) ? p.meta.items : []) {
      const r = resolveRef(cat, String(ref));
      if (r.ok) items.set(`${r.item.pack}/${r.item.id}`, r.item);
      else missing.push(String(ref));
    }
  };
  walk(profile);
  return { items: [...items.values()], missing, visited };
}

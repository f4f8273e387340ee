import type { Fields } from "../hosts/define.js";
import type { Item } from "../model/item.js";
import { splitList } from "../model/kinds.js";
import type { FrontValue } from "./frontmatter.js";

/** A list field, written as a YAML list or a comma-separated string. */
export function list(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map(String).filter(Boolean);
  if (typeof v === "string" && v.trim()) return splitList(v);
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

/** Resolve one `$field` reference against an item; undefined drops the key. */
export function fieldValue(ref: string, item: Item, models?: Record<string, string>): FrontValue | undefined {
  const m = item.meta;
  switch (ref) {
    case "$name":
      return item.name;
    case "$description":
      return item.description.replace(/\s+/g, " ").trim();
    case "$model": {
      const tier = str(m.model);
      return tier === undefined ? undefined : models?.[tier];
    }
    case "$color":
      return str(m.color);
    case "$argumentHint":
      return str(m["argument-hint"]);
    case "$tools":
      return list(m.tools);
    case "$tools:csv":
      return list(m.tools)?.join(", ");
    case "$globs":
      return list(m.globs);
    case "$globs:csv": {
      const g = list(m.globs);
      return g ? { raw: g.join(", ") } : undefined;
    }
    case "$globs:first":
      return list(m.globs)?.[0];
    default:
      throw new Error(`unknown field reference ${ref}`);
  }
}

/** Apply a host's field table to an item, in the table's order. */
export function mapFields(
  fields: Fields | undefined,
  item: Item,
  models?: Record<string, string>,
): Array<[string, FrontValue]> {
  const out: Array<[string, FrontValue]> = [];
  for (const [k, v] of Object.entries(fields ?? {})) {
    const value = typeof v === "string" && v.startsWith("$") ? fieldValue(v, item, models) : v;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out.push([k, value]);
  }
  return out;
}

/** The composition maps of every pack as one map, and what it names. Pure. */
import { type CompositionMap, parseCompositionMap } from "../model/composition.js";

type Roles = Record<string, string[]>;

function mergeRoles(into: Roles, from: Roles): void {
  for (const [role, mods] of Object.entries(from)) {
    const list = into[role] ?? [];
    into[role] = list;
    for (const m of mods) if (!list.includes(m)) list.push(m);
  }
}

function mergeKeyed(into: Record<string, Roles>, from: Record<string, Roles>): void {
  for (const [key, roles] of Object.entries(from)) {
    into[key] ??= {};
    mergeRoles(into[key] as Roles, roles);
  }
}

/** Every valid map in pack order merged: a later pack adds modules, never removes; invalid maps are skipped (lint reports them). */
export function mergeMaps(raws: readonly unknown[]): CompositionMap {
  const out: CompositionMap = { version: 1, always: {}, auto: {}, stacks: {}, concerns: {}, modes: {} };
  for (const raw of raws) {
    const r = parseCompositionMap(raw);
    if (!r.ok) continue;
    mergeRoles(out.always, r.map.always);
    mergeRoles(out.auto, r.map.auto);
    mergeKeyed(out.stacks, r.map.stacks);
    mergeKeyed(out.concerns, r.map.concerns);
    mergeKeyed(out.modes ?? {}, r.map.modes ?? {});
  }
  return out;
}

/** The roles the map names anywhere (`all-roles` excluded), sorted. */
export function mapRoles(map: CompositionMap): string[] {
  const roles = new Set<string>([...Object.keys(map.always), ...Object.keys(map.auto)]);
  for (const layer of [map.stacks, map.concerns])
    for (const r of Object.values(layer)) for (const k of Object.keys(r)) roles.add(k);
  for (const k of Object.keys(map.modes ?? {})) roles.add(k);
  roles.delete("all-roles");
  return [...roles].sort();
}

/** A role's modes (the reviewer's spec-challenge, design-review, …), sorted. */
export function roleModes(map: CompositionMap, role: string): string[] {
  return Object.keys(map.modes?.[role] ?? {}).sort();
}

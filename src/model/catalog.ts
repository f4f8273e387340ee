import { checkName } from "../core/names.js";
import { type Item, itemId, type Pack, qualifiedId } from "./item.js";
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
    // `help` when two plugins' `help` were loaded as `<plugin>-help`: the candidates, not "not found"
    const namespaced = cat.items.filter(
      (i) => i.name.endsWith(`-${name}`) && (!kind || i.kind === kind) && (!pack || i.pack === pack),
    );
    if (namespaced.length > 1) return { ok: false, reason: "ambiguous", candidates: namespaced };
    const lower = name.toLowerCase();
    found = cat.items.filter((i) => i.name.includes(lower) && (!kind || i.kind === kind)).slice(0, 5);
    return { ok: false, reason: "not-found", candidates: found };
  }
  return { ok: false, reason: "ambiguous", candidates: found };
}

/** One item given another name so that it does not land on a name another item also takes. */
export interface Rename {
  from: string;
  to: string;
  /** Why: the other items that wanted the same name. */
  rivals: string[];
  /** Or why: the hosts whose built-in `/from` the name would shadow (display names; `rivals` is then empty). */
  builtin?: string[];
}

type Named = Pick<Item, "id" | "kind" | "name">;

/**
 * Items of one pack that share an id because they come from different plugins of a marketplace (or different
 * category folders): each becomes `<plugin>-<name>`, so none is dropped — except the one from a plugin of the
 * item's own name (plugin `code-simplifier`'s agent `code-simplifier`) and the one from the repo's own host folder
 * (group `""`: `.claude/commands/x.md` beside plugin `p`'s `x`), which keep it. Changes the drafts in place. Pure.
 */
export function namespacePluginDuplicates<T extends Named>(
  items: T[],
  groupOf: (item: T) => string | undefined,
): Rename[] {
  const byId = new Map<string, T[]>();
  for (const it of items) byId.set(it.id, [...(byId.get(it.id) ?? []), it]);
  const out: Rename[] = [];
  for (const [id, list] of byId) {
    const groups = list.map(groupOf);
    const distinct = new Set(groups);
    if (list.length < 2 || distinct.size < list.length || distinct.has(undefined)) continue;
    list.forEach((it, i) => {
      // The repo's own host folder (group "") and the plugin named after the item keep the name.
      if (groups[i] === "" || groups[i] === it.name) return;
      const to = `${groups[i]}-${it.name}`;
      if (checkName(to)) return;
      out.push({
        from: `${groups[i]}:${id}`,
        to: `${it.kind}:${to}`,
        rivals: [...distinct].map((g) => g || "the repo's own host folder"),
      });
      it.name = to;
      it.id = itemId(it.kind, to);
    });
  }
  return out;
}

/** The kinds that share one invocation namespace on a host: `/name` is a skill or a command. */
function slot(kind: Kind): string {
  return kind === "skill" || kind === "command" ? "skill|command" : kind;
}

/** The item and every other loaded item that would want its host name (for `cadre info`). */
export function namesakes(cat: Catalog, item: Item): Item[] {
  return cat.items.filter((i) => i === item || (i.name === item.name && slot(i.kind) === slot(item.kind)));
}

/**
 * The names items are installed under when several selected items would land on one host name (same kind,
 * or a skill and a command, of one name): every one of them is renamed, deterministically — `<pack>-<name>`
 * when they come from different packs, then `-<kind>` appended where two of one pack still meet (a skill and
 * a command). Items that do not collide keep their name. Hooks keep theirs (they are keyed by command). Pure.
 */
export function installNames(items: readonly Item[]): Map<string, Rename> {
  const groups = new Map<string, Item[]>();
  for (const it of items) {
    if (it.kind === "hook" || it.kind === "profile") continue;
    const k = `${slot(it.kind)}\u0000${it.name}`;
    groups.set(k, [...(groups.get(k) ?? []), it]);
  }
  const out = new Map<string, Rename>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const crossPack = new Set(list.map((i) => i.pack)).size > 1;
    const first = list.map((i) => (crossPack ? `${i.pack}-${i.name}` : i.name));
    const names = first.map((n, i) =>
      first.filter((x) => x === n).length > 1 ? `${n}-${(list[i] as Item).kind}` : n,
    );
    if (new Set(names).size < names.length) continue; // the same item twice: nothing to tell apart
    const rivals = list.map(qualifiedId);
    list.forEach((it, i) => {
      const to = names[i] as string;
      if (to !== it.name && !checkName(to))
        out.set(qualifiedId(it), { from: it.name, to, rivals: rivals.filter((r) => r !== qualifiedId(it)) });
    });
  }
  return out;
}

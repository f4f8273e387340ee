import type { HookProtocol, HostDef, ReadPath, Scope } from "../hosts/define.js";
import { targetAt } from "../hosts/define.js";
import { type HostEnv, resolveTemplate } from "../hosts/paths.js";
import type { Item } from "../model/item.js";
import type { HookData } from "../model/kinds.js";
import { hookMatcher } from "./hooks.js";

/** Where each item was written so far, and for which host: qualified id → outputs. */
export type Placed = Map<string, Array<{ host: string; path: string }>>;

export function hasNativeReads(host: HostDef): boolean {
  return Object.values(host.reads ?? {}).some((list) => (list ?? []).some((r: ReadPath) => r.native));
}

/**
 * The output another selected host got for this item that `host` reads as its own (`ReadPath.native`), so
 * `host` needs no copy: the first such path with the host it was written for, or undefined. A hook counts
 * only where the other host's entry runs the same `cadre hook` protocol on at least the host's events and
 * tools; otherwise the host keeps its own copy (and `render/reads.ts` reports the double read).
 */
export function nativeCopy(
  host: HostDef,
  item: Item,
  qid: string,
  placed: Placed,
  byId: ReadonlyMap<string, HostDef>,
  env: HostEnv,
): { host: HostDef; path: string } | undefined {
  const reads = Object.values(host.reads ?? {})
    .flat()
    .filter((r): r is ReadPath => !!r?.native && r.when === undefined && r.unless === undefined);
  for (const r of reads) {
    const at = resolveTemplate(r, env);
    if (at === undefined) continue;
    for (const p of placed.get(qid) ?? []) {
      const other = byId.get(p.host);
      if (!other || other.id === host.id || !(p.path === at || p.path.startsWith(`${at}/`))) continue;
      if (item.kind !== "hook" || sameHook(host, other, item, env.scope))
        return { host: other, path: p.path };
    }
  }
  return undefined;
}

/** Whether `other`'s rendering of the hook runs wherever `host`'s own would. */
function sameHook(host: HostDef, other: HostDef, item: Item, scope: Scope): boolean {
  const mine = targetAt(host, "hook", scope)?.hooks;
  const theirs = targetAt(other, "hook", scope)?.hooks;
  if (!mine || !theirs || mine.host !== theirs.host) return false;
  const h = item.meta as unknown as HookData;
  const want = mine.events[h.event] ?? [];
  const have = new Set(theirs.events[h.event] ?? []);
  if (!want.every((e) => have.has(e))) return false;
  return covers(hookMatcher(h, theirs), hookMatcher(h, mine), theirs, mine);
}

/** Whether matcher `a` (another host's) matches every tool matcher `b` (the host's own) does. */
function covers(
  a: string | undefined | null,
  b: string | undefined | null,
  pa: HookProtocol,
  pb: HookProtocol,
): boolean {
  if (b === null || a === undefined) return true;
  if (a === null || b === undefined || !!pa.anchored !== !!pb.anchored) return false;
  const names = (m: string) => (pa.anchored ? m.replace(/^\^\(|\)\$$/g, "") : m).split("|");
  const have = new Set(names(a));
  return names(b).every((n) => have.has(n));
}

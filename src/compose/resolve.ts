/**
 * Resolution: which expertise modules a role loads, in priority order — its `always` set (or its mode's set),
 * `auto` (every role's, then the role's own), each stack's, each concern's — deduplicated, then cut to a
 * module cap, a token ceiling and, optionally, a character ceiling. Pure.
 *
 * The cut keeps the longest prefix of the priority order that fits every limit and drops the rest, so a
 * module is never dropped while a lower-priority one stays; each dropped module says why.
 */
import type { ComposeLayer, CompositionMap } from "../model/composition.js";

/** What resolution knows of a module: its size. Undefined when the library has no such module. */
export interface ModuleSize {
  tokens: number;
  /** Characters of the text that would be inlined (for a host's character limit). */
  chars: number;
}

export interface Limits {
  maxModules: number;
  /** Token ceiling of the kept modules together. */
  tokens: number;
  /** Character ceiling of the kept modules together (a host that inlines them into a size-limited agent). */
  chars?: number;
}

/** Where a module comes from: its layer and, for stacks, concerns and modes, the key. */
export interface Source {
  layer: ComposeLayer;
  key?: string;
}

export interface Kept extends Source {
  module: string;
  tokens: number;
  chars: number;
  /** Other places in the map that name it too (deduplicated into this entry). */
  alsoFrom: Source[];
}

export interface Dropped extends Source {
  module: string;
  tokens?: number;
  reason: string;
}

export interface Resolution {
  role: string;
  mode?: string;
  kept: Kept[];
  dropped: Dropped[];
  tokens: number;
  chars: number;
  limits: Limits;
}

export interface ResolveInput {
  map: CompositionMap;
  role: string;
  mode?: string;
  stacks: readonly string[];
  concerns: readonly string[];
  size: (module: string) => ModuleSize | undefined;
  limits: Limits;
}

/** The role key of `auto` that applies to every role. */
export const ALL_ROLES = "all-roles";

/**
 * Every (module, source) the map names for the role, in priority order, duplicates included. Within the
 * stacks layer, and within the concerns layer, the keys take turns: each key's first module, then each key's
 * second, and so on, so a project with many stacks gets every stack's own module (`<stack>-practices`, listed
 * first) before any stack's third.
 */
export function candidates(
  map: CompositionMap,
  role: string,
  mode: string | undefined,
  stacks: readonly string[],
  concerns: readonly string[],
): Array<Source & { module: string }> {
  const out: Array<Source & { module: string }> = [];
  const push = (mods: readonly string[] | undefined, s: Source) => {
    for (const module of mods ?? []) out.push({ module, ...s });
  };
  const modeSet = mode === undefined ? undefined : map.modes?.[role]?.[mode];
  if (modeSet) push(modeSet, { layer: "mode", key: mode });
  else push(map.always[role], { layer: "always" });
  push(map.auto[ALL_ROLES], { layer: "auto" });
  if (role !== ALL_ROLES) push(map.auto[role], { layer: "auto" });
  const turns = (layer: "stacks" | "concerns", keys: readonly string[]) => {
    const lists = uniq(keys).map((key) => ({ key, mods: map[layer][key]?.[role] ?? [] }));
    const rounds = Math.max(0, ...lists.map((l) => l.mods.length));
    for (let i = 0; i < rounds; i++)
      for (const l of lists)
        if (i < l.mods.length) out.push({ module: l.mods[i] as string, layer, key: l.key });
  };
  turns("stacks", stacks);
  turns("concerns", concerns);
  return out;
}

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

function sourceText(s: Source): string {
  return s.key ? `${s.layer}.${s.key}` : s.layer;
}

/** Resolve one role's modules within the limits. Deterministic: the same input gives the same output. */
export function resolveModules(input: ResolveInput): Resolution {
  const { limits } = input;
  const dropped: Dropped[] = [];
  const ordered: Kept[] = [];
  const byName = new Map<string, Kept>();
  for (const c of candidates(input.map, input.role, input.mode, input.stacks, input.concerns)) {
    const seen = byName.get(c.module);
    const src: Source = c.key === undefined ? { layer: c.layer } : { layer: c.layer, key: c.key };
    if (seen) {
      seen.alsoFrom.push(src);
      continue;
    }
    const size = input.size(c.module);
    if (!size) {
      if (!dropped.some((d) => d.module === c.module))
        dropped.push({ ...src, module: c.module, reason: "not an expertise module of the library" });
      continue;
    }
    const k: Kept = { ...src, module: c.module, tokens: size.tokens, chars: size.chars, alsoFrom: [] };
    byName.set(c.module, k);
    ordered.push(k);
  }
  const kept: Kept[] = [];
  let tokens = 0;
  let chars = 0;
  let cut: string | undefined;
  for (const k of ordered) {
    if (cut === undefined) {
      const over = overLimit(kept.length, tokens, chars, k, limits);
      if (over === undefined) {
        kept.push(k);
        tokens += k.tokens;
        chars += k.chars;
        continue;
      }
      cut = k.module;
      dropped.push({ ...sourceOf(k), module: k.module, tokens: k.tokens, reason: over });
      continue;
    }
    dropped.push({
      ...sourceOf(k),
      module: k.module,
      tokens: k.tokens,
      reason: `lower priority than ${cut}, which did not fit`,
    });
  }
  return {
    role: input.role,
    ...(input.mode === undefined ? {} : { mode: input.mode }),
    kept,
    dropped,
    tokens,
    chars,
    limits,
  };
}

function sourceOf(k: Kept): Source {
  return k.key === undefined ? { layer: k.layer } : { layer: k.layer, key: k.key };
}

/** Why adding `k` would break a limit, or undefined when it fits. */
function overLimit(count: number, tokens: number, chars: number, k: Kept, l: Limits): string | undefined {
  const from = sourceText(k);
  if (count + 1 > l.maxModules) return `module cap of ${l.maxModules} reached (from ${from})`;
  if (tokens + k.tokens > l.tokens)
    return `over the token budget: ${tokens} + ${k.tokens} > ${l.tokens} (from ${from})`;
  if (l.chars !== undefined && chars + k.chars > l.chars)
    return `over the host's size limit: ${chars} + ${k.chars} > ${l.chars} characters (from ${from})`;
  return undefined;
}

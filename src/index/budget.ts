import { countTokens, countTokensMany } from "../core/tokens.js";

/** Fit ranked recall items into a token budget, choosing for each the most useful tier that fits. */

export type Tier = "L0" | "L1" | "L2";
export interface Candidate {
  tier: Tier;
  text: string;
  /** Offered only when this tier is asked for (a generated file's source); see `chooseCandidates`. */
  optIn?: boolean;
}
export interface RecallItem {
  ref: string;
  path: string;
  fresh: boolean;
  /** Ascending usefulness (and size): L0 first. */
  candidates: Candidate[];
}
export interface Chosen {
  ref: string;
  path: string;
  tier: Tier;
  tokens: number;
  fresh: boolean;
  text: string;
  /** The tier's text was cut (at a line) to use the rest of the budget. */
  partial?: boolean;
}
export interface Fitted {
  items: Chosen[];
  tokens: number;
  /** The highest tier used, or null when nothing fits. */
  tier: Tier | null;
  omitted: number;
  text: string;
}

const SEP = "\n\n";
const ORDER: Record<Tier, number> = { L0: 0, L1: 1, L2: 2 };

/** Cut text to at most `budget` tokens, marking the cut with `…` (at a line end when `atLine`). */
export async function truncateToTokens(text: string, budget: number, atLine = false): Promise<string> {
  if (budget <= 0) return "";
  if ((await countTokens(text)) <= budget) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if ((await countTokens(`${text.slice(0, mid)}…`)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  if (atLine) {
    const nl = text.lastIndexOf("\n", lo);
    return nl > 0 ? `${text.slice(0, nl)}\n…` : "";
  }
  return lo > 0 ? `${text.slice(0, lo)}…` : "";
}

/**
 * The candidates the budget may choose from. Without a tier: every candidate but the opt-in ones. With a tier
 * (`--tier`): only that tier's candidate, opt-in ones included, whatever the budget; an item without one keeps
 * its richest lower tier (a file without symbols has no L1), and one with only richer tiers is dropped.
 */
export function chooseCandidates(items: readonly RecallItem[], tier?: Tier): RecallItem[] {
  const out: RecallItem[] = [];
  for (const it of items) {
    let cands: Candidate[];
    if (!tier) cands = it.candidates.filter((c) => !c.optIn);
    else {
      const at = it.candidates.filter((c) => ORDER[c.tier] <= ORDER[tier]);
      const exact = at.find((c) => c.tier === tier);
      const lower = at.filter((c) => !c.optIn);
      const pick = exact ?? lower[lower.length - 1];
      cands = pick ? [pick] : [];
    }
    if (cands.length) out.push({ ...it, candidates: cands });
  }
  return out;
}

export async function fitToBudget(items: RecallItem[], budget: number): Promise<Fitted> {
  const counts = await countTokensMany(items.flatMap((i) => i.candidates.map((c) => c.text)));
  let k = 0;
  const sized = items.map((i) => i.candidates.map((c) => ({ ...c, tokens: counts[k++] as number })));
  const sepTokens = 1;
  const pick: number[] = [];
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    const c0 = sized[i]?.[0];
    if (!c0) continue;
    const cost = c0.tokens + (pick.length ? sepTokens : 0);
    if (used + cost > budget) break;
    pick.push(0);
    used += cost;
  }
  // Upgrade in rank order: each item to the richest candidate that still fits.
  for (let i = 0; i < pick.length; i++) {
    const cands = sized[i] as Array<Candidate & { tokens: number }>;
    const cur = cands[pick[i] as number] as { tokens: number };
    for (let j = cands.length - 1; j > (pick[i] as number); j--) {
      const delta = (cands[j]?.tokens ?? 0) - cur.tokens;
      if (used + delta <= budget) {
        used += delta;
        pick[i] = j;
        break;
      }
    }
  }
  let chosen: Chosen[] = pick.map((j, i) => {
    const c = sized[i]?.[j] as Candidate & { tokens: number };
    const it = items[i] as RecallItem;
    return { ref: it.ref, path: it.path, tier: c.tier, tokens: c.tokens, fresh: it.fresh, text: c.text };
  });
  // Spend what is left on the top item: the start of its next-richer candidate, cut at a line.
  const top = chosen[0];
  const topCands = sized[0];
  if (top && topCands && pick[0] !== undefined && pick[0] < topCands.length - 1 && budget - used > 24) {
    const next = topCands[pick[0] + 1] as Candidate & { tokens: number };
    const room = budget - used + top.tokens - 2;
    const cut = await truncateToTokens(next.text, room, true);
    const tokens = cut ? await countTokens(cut) : 0;
    if (tokens > top.tokens) chosen[0] = { ...top, tier: next.tier, tokens, text: cut, partial: true };
  }
  if (chosen.length === 0 && items[0]?.candidates[0] && budget > 0) {
    const it = items[0];
    const whole = it.candidates[0]?.text ?? "";
    // Source and outlines are cut at a line end when one fits; a single line is cut where the budget ends.
    const text =
      (it.candidates[0]?.tier !== "L0" ? await truncateToTokens(whole, budget, true) : "") ||
      (await truncateToTokens(whole, budget));
    if (text)
      chosen = [
        {
          ref: it.ref,
          path: it.path,
          tier: it.candidates[0]?.tier ?? "L0",
          tokens: await countTokens(text),
          fresh: it.fresh,
          text,
          ...(text !== it.candidates[0]?.text ? { partial: true } : {}),
        },
      ];
  }
  // The joined text can tokenise differently from the parts: verify and drop from the end if needed.
  let text = chosen.map((c) => c.text).join(SEP);
  let total = text ? await countTokens(text) : 0;
  while (total > budget && chosen.length > 0) {
    chosen.pop();
    text = chosen.map((c) => c.text).join(SEP);
    total = text ? await countTokens(text) : 0;
  }
  const tier = chosen.reduce<Tier | null>(
    (t, c) => (t === null || ORDER[c.tier] > ORDER[t] ? c.tier : t),
    null,
  );
  return { items: chosen, tokens: total, tier, omitted: items.length - chosen.length, text };
}

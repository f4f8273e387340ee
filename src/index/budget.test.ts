import { describe, expect, it } from "vitest";
import { countTokens } from "../core/tokens.js";
import { chooseCandidates, fitToBudget, type RecallItem, type Tier, truncateToTokens } from "./budget.js";

const item = (ref: string, sizes: [number, number, number]): RecallItem => ({
  ref,
  path: `${ref}.ts`,
  fresh: true,
  candidates: [
    { tier: "L0", text: `${ref} `.repeat(sizes[0]) },
    { tier: "L1", text: `${ref} structure `.repeat(sizes[1]) },
    { tier: "L2", text: `${ref} source line\n`.repeat(sizes[2]) },
  ],
});

describe("fitToBudget", () => {
  it("never exceeds the budget and prefers richer tiers for higher-ranked items", async () => {
    const items = [item("alpha", [5, 40, 400]), item("beta", [5, 40, 400]), item("gamma", [5, 40, 400])];
    for (const budget of [1, 3, 10, 30, 100, 300, 1000, 5000]) {
      const r = await fitToBudget(items, budget);
      expect(r.tokens).toBeLessThanOrEqual(budget);
      expect(await countTokens(r.text)).toBe(r.tokens);
    }
    const mid = await fitToBudget(items, 300);
    expect(mid.items.map((i) => i.tier)).toEqual(["L2", "L1", "L1"]);
    expect(mid.items[0]?.partial).toBe(true);
    const big = await fitToBudget(items, 2000);
    expect(big.items[0]?.tier).toBe("L2");
    expect(big.tier).toBe("L2");
  });

  it("fills the rest of the budget with the start of the top item's next tier", async () => {
    const r = await fitToBudget([item("omega", [3, 10, 400])], 120);
    expect(r.items[0]).toMatchObject({ tier: "L2", partial: true });
    expect(r.items[0]?.text.endsWith("\n…")).toBe(true);
    expect(r.tokens).toBeLessThanOrEqual(120);
  });

  it("truncates a lone item's L0 rather than returning nothing", async () => {
    const r = await fitToBudget([item("delta", [50, 100, 200])], 8);
    expect(r.items).toHaveLength(1);
    expect(r.tokens).toBeLessThanOrEqual(8);
    expect(await truncateToTokens("one two three four five six", 3)).toMatch(/…$/);
  });
});

describe("chooseCandidates", () => {
  const item = (cands: Array<[Tier, boolean?]>): RecallItem => ({
    ref: "r",
    path: "p",
    fresh: true,
    candidates: cands.map(([tier, optIn]) => ({ tier, text: tier, ...(optIn ? { optIn } : {}) })),
  });
  it("drops opt-in candidates unless their tier is asked for", () => {
    const gen = item([["L0"], ["L1"], ["L2", true]]);
    expect(chooseCandidates([gen])[0]?.candidates.map((c) => c.tier)).toEqual(["L0", "L1"]);
    expect(chooseCandidates([gen], "L2")[0]?.candidates.map((c) => c.tier)).toEqual(["L2"]);
  });
  it("forces one tier, falling back to the richest lower one", () => {
    const noL1 = item([["L0"], ["L2"]]);
    expect(chooseCandidates([noL1], "L1")[0]?.candidates.map((c) => c.tier)).toEqual(["L0"]);
    expect(chooseCandidates([noL1], "L0")[0]?.candidates.map((c) => c.tier)).toEqual(["L0"]);
  });
  it("a forced tier that does not fit is cut at a line and marked partial", async () => {
    const long = Array.from({ length: 200 }, (_, i) => `line ${i} of the source`).join("\n");
    const it: RecallItem = { ref: "r", path: "p", fresh: true, candidates: [{ tier: "L2", text: long }] };
    const f = await fitToBudget(chooseCandidates([it], "L2"), 50);
    expect(f.tier).toBe("L2");
    expect(f.items[0]?.partial).toBe(true);
    expect(f.tokens).toBeLessThanOrEqual(50);
    expect(f.text.startsWith("line 0 of the source\nline 1")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { searchItems } from "../../src/app/search.js";
import { library } from "./load.js";
import { QUERIES } from "./search-queries.js";

/** The share of queries whose right item must rank in the top 3. */
const TOP3_RATE = 0.9;

describe("search finds the right item for obvious queries", async () => {
  const cat = await library();

  it("has at least 100 queries, each naming items that exist", () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(100);
    const ids = new Set<string>(cat.items.map((i) => i.id));
    const unknown = QUERIES.flatMap(([, e]) => (Array.isArray(e) ? e : [e])).filter((id) => !ids.has(id));
    expect(unknown).toEqual([]);
  });

  it(`puts the right item in the top 3 for at least ${TOP3_RATE * 100}% of them`, () => {
    const misses: string[] = [];
    for (const [query, expected] of QUERIES) {
      const top = searchItems(cat.items, query, { limit: 3 }).map((r) => r.item.id);
      const wanted = Array.isArray(expected) ? expected : [expected];
      if (!top.some((id) => wanted.includes(id)))
        misses.push(`${query} → ${wanted.join("|")} (top 3: ${top.join(", ")})`);
    }
    const rate = 1 - misses.length / QUERIES.length;
    expect(rate, `misses:\n${misses.join("\n")}`).toBeGreaterThanOrEqual(TOP3_RATE);
  });
});

import { describe, expect, it } from "vitest";
import { searchItems } from "../../src/app/search.js";
import { library } from "./load.js";
import { QUERIES } from "./search-queries.js";

describe("search finds the right item for obvious queries", async () => {
  const cat = await library();

  it(`has at least 40 queries`, () => expect(QUERIES.length).toBeGreaterThanOrEqual(40));

  it.each(QUERIES)("%s → %s (top 3)", (query, expected) => {
    const top = searchItems(cat.items, query, { limit: 3 }).map((r) => r.item.id);
    const wanted = Array.isArray(expected) ? expected : [expected];
    expect(
      top.filter((id) => wanted.includes(id)),
      `top 3: ${top.join(", ")}`,
    ).not.toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { pageRank } from "./pagerank.js";

describe("pageRank", () => {
  it("ranks the most referenced node first and sums to one", () => {
    const r = pageRank(3, [
      { from: 0, to: 2, weight: 1 },
      { from: 1, to: 2, weight: 1 },
      { from: 2, to: 0, weight: 1 },
    ]);
    expect(r[2]).toBeGreaterThan(r[0] as number);
    expect(r[0]).toBeGreaterThan(r[1] as number);
    expect([...r].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
  it("personalises towards the focus", () => {
    const edges = [
      { from: 0, to: 1, weight: 1 },
      { from: 2, to: 3, weight: 1 },
    ];
    const r = pageRank(4, edges, { personalization: new Map([[2, 1]]) });
    expect(r[3]).toBeGreaterThan(r[1] as number);
  });
});

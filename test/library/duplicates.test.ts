import { describe, expect, it } from "vitest";
import { library } from "./load.js";

/** Word 5-gram shingles of a text, outside code fences (shared boilerplate code is not prose duplication). */
function shingles(text: string): Set<string> {
  const prose = text.replace(/```[\s\S]*?```/g, " ");
  const words = prose.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 5 <= words.length; i++) out.add(words.slice(i, i + 5).join(" "));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/** The largest overlap two different items may share, as Jaccard similarity of 5-word shingles. */
const NEAR_DUPLICATE = 0.25;

describe("no near-duplicate bodies", async () => {
  const cat = await library();
  const docs = cat.items
    .filter((i) => ["skill", "agent", "command", "rule", "expertise", "template"].includes(i.kind))
    .map((i) => ({ id: i.id, s: shingles(i.body) }));

  it(`no two items share more than ${NEAR_DUPLICATE * 100}% of their 5-word shingles`, () => {
    const pairs: string[] = [];
    for (let i = 0; i < docs.length; i++)
      for (let j = i + 1; j < docs.length; j++) {
        const a = docs[i]!;
        const b = docs[j]!;
        const sim = jaccard(a.s, b.s);
        if (sim > NEAR_DUPLICATE) pairs.push(`${a.id} ~ ${b.id}: ${(sim * 100).toFixed(1)}%`);
      }
    expect(pairs).toEqual([]);
  });

  it("the detector flags a copied body", () => {
    const a = docs.find((d) => d.id.startsWith("expertise:"))!;
    expect(jaccard(a.s, new Set(a.s))).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { countTokens, countTokensMany, MemoryTokenCache } from "./tokens.js";

describe("countTokens", () => {
  it("counts special-token text such as <|endoftext|> as plain text instead of throwing", async () => {
    const specials = ["<|endoftext|>", "<|fim_prefix|>", "<|endofprompt|>", "<|im_start|>"];
    for (const s of specials) {
      const n = await countTokens(`before ${s} after`);
      // Plain text: the marker costs several ordinary tokens, more than the words around it alone.
      expect(n, s).toBeGreaterThan(await countTokens("before  after"));
    }
    const [a, b] = await countTokensMany(["x <|endoftext|> y", "x <|endoftext y"], new MemoryTokenCache());
    expect(a).toBeGreaterThan(b as number);
  });

  it("gives the same count with and without a cache", async () => {
    const text = "a pack body that mentions <|endoftext|> in a code sample";
    const cache = new MemoryTokenCache();
    const first = await countTokens(text, cache);
    expect(cache.entries.size).toBe(1);
    expect(await countTokens(text, cache)).toBe(first);
    expect(await countTokens(text)).toBe(first);
  });
});

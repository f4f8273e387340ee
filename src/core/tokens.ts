import { sha256 } from "./hash.js";

/**
 * Token counting with a real BPE tokenizer (o200k_base, via gpt-tokenizer), cached by content hash.
 * The tokenizer (~160 ms to load) is imported only when a count misses the cache.
 */
export interface TokenCache {
  get(hash: string): number | undefined;
  set(hash: string, tokens: number): void;
}

type CountFn = (text: string) => number;
let encoder: CountFn | undefined;

async function loadEncoder(): Promise<CountFn> {
  if (!encoder) {
    const mod = await import("gpt-tokenizer/encoding/o200k_base");
    // Text that spells a special token (`<|endoftext|>`) is counted as plain text: by default the
    // tokenizer throws on it, and any file may contain it (docs about tokenizers, fixtures, this comment).
    const plain = { disallowedSpecial: new Set<string>() };
    encoder = (text: string) => mod.countTokens(text, plain);
  }
  return encoder;
}

/** Count tokens of many texts; cached counts are reused and new ones stored. */
export async function countTokensMany(texts: readonly string[], cache?: TokenCache): Promise<number[]> {
  const hashes = texts.map((t) => sha256(t));
  const out: number[] = new Array(texts.length);
  let count: CountFn | undefined;
  for (let i = 0; i < texts.length; i++) {
    const h = hashes[i] as string;
    const hit = cache?.get(h);
    if (hit !== undefined) {
      out[i] = hit;
      continue;
    }
    count ??= await loadEncoder();
    const n = count(texts[i] as string);
    cache?.set(h, n);
    out[i] = n;
  }
  return out;
}

export async function countTokens(text: string, cache?: TokenCache): Promise<number> {
  return (await countTokensMany([text], cache))[0] as number;
}

/** A simple in-memory cache (also the shape a persistent cache loads into). */
export class MemoryTokenCache implements TokenCache {
  readonly entries = new Map<string, number>();
  dirty = false;
  get(hash: string): number | undefined {
    return this.entries.get(hash);
  }
  set(hash: string, tokens: number): void {
    this.entries.set(hash, tokens);
    this.dirty = true;
  }
}

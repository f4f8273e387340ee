const STOP = new Set(
  "a an and are as at be by can do does for from has have how i in into is it its me my of on or our should that the this to was we were what will with you your when use".split(
    " ",
  ),
);

const WORD = /[\p{L}\p{N}]+/gu;
const UPPER = /\p{Lu}/u;

/** Split text into lowercase search terms: on non-alphanumerics and camelCase boundaries; drops stop words. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    if (!UPPER.test(raw)) {
      if (raw.length <= 40 && !STOP.has(raw)) out.push(raw);
      continue;
    }
    const parts = raw
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
      .split(" ");
    for (const p of parts) {
      const t = p.toLowerCase();
      if (t.length > 0 && t.length <= 40 && !STOP.has(t)) out.push(t);
    }
  }
  return out;
}

/** Levenshtein distance, or max+1 when it exceeds max (bounded, early exit). */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

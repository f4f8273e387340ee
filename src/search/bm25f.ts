import { boundedEditDistance, tokenize } from "./tokenize.js";

/**
 * BM25F ranking over weighted fields (name > tags > description > body), with prefix and
 * typo-tolerant term matching. Pure: build once, query many times.
 */
export const FIELDS = ["name", "tags", "description", "body"] as const;
export type Field = (typeof FIELDS)[number];

export interface SearchDoc {
  id: string;
  fields: Record<Field, string>;
}

export interface FieldParams {
  weight: number;
  /** Length normalisation (0 = none, 1 = full). */
  b: number;
}

export const DEFAULT_PARAMS: Record<Field, FieldParams> = {
  name: { weight: 8, b: 0.3 },
  tags: { weight: 4, b: 0.5 },
  description: { weight: 2.5, b: 0.6 },
  body: { weight: 1, b: 0.75 },
};
const K1 = 1.2;

interface Posting {
  doc: number;
  tf: Float32Array; // one per field
}

export interface SearchIndex {
  docs: SearchDoc[];
  postings: Map<string, Posting[]>;
  /** Sorted vocabulary, for prefix lookup. */
  vocab: string[];
  lengths: Float32Array[]; // per field, per doc
  avgLength: number[];
  params: Record<Field, FieldParams>;
}

export function buildIndex(docs: SearchDoc[], params = DEFAULT_PARAMS): SearchIndex {
  const postings = new Map<string, Posting[]>();
  const lengths = FIELDS.map(() => new Float32Array(docs.length));
  docs.forEach((d, di) => {
    const local = new Map<string, Float32Array>();
    FIELDS.forEach((f, fi) => {
      const words = tokenize(d.fields[f]);
      (lengths[fi] as Float32Array)[di] = words.length;
      for (const t of withBigrams(words)) {
        let tf = local.get(t);
        if (!tf) {
          tf = new Float32Array(FIELDS.length);
          local.set(t, tf);
        }
        tf[fi] = (tf[fi] as number) + 1;
      }
    });
    for (const [t, tf] of local) {
      const list = postings.get(t);
      if (list) list.push({ doc: di, tf });
      else postings.set(t, [{ doc: di, tf }]);
    }
  });
  const avgLength = lengths.map((l) => (l.length ? l.reduce((a, b) => a + b, 0) / l.length : 0) || 1);
  return { docs, postings, vocab: [...postings.keys()].sort(), lengths, avgLength, params };
}

export interface Hit {
  id: string;
  score: number;
  /** The index terms each query term matched (for highlighting). */
  matched: string[];
}

export interface QueryOptions {
  limit?: number;
  filter?: (id: string) => boolean;
}

/** Expand a query term to index terms: exact (1), prefix (0.7–0.9), typo within 1–2 edits (0.5). */
export function expandTerm(index: SearchIndex, q: string): Array<{ term: string; factor: number }> {
  const out = new Map<string, number>();
  if (index.postings.has(q)) out.set(q, 1);
  if (q.length >= 2) {
    let lo = 0;
    let hi = index.vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((index.vocab[mid] as string) < q) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < index.vocab.length && (index.vocab[i] as string).startsWith(q); i++) {
      const t = index.vocab[i] as string;
      if (t !== q) out.set(t, Math.max(out.get(t) ?? 0, 0.6 + 0.3 * (q.length / t.length)));
    }
  }
  const maxEdits = q.length >= 8 ? 2 : q.length >= 4 ? 1 : 0;
  if (maxEdits > 0 && out.size < 50) {
    for (const t of index.vocab) {
      if (out.has(t) || Math.abs(t.length - q.length) > maxEdits || t[0] !== q[0]) continue;
      const d = boundedEditDistance(q, t, maxEdits);
      if (d <= maxEdits) out.set(t, d === 1 ? 0.55 : 0.4);
    }
  }
  return [...out].map(([term, factor]) => ({ term, factor }));
}

/** Words plus adjacent-word pairs ("review comments" → "review_comments"), so phrases rank higher. */
function withBigrams(words: string[]): string[] {
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]}_${words[i + 1]}`);
  return out;
}

export function search(index: SearchIndex, query: string, opts: QueryOptions = {}): Hit[] {
  const words = tokenize(query);
  const terms = [...new Set(words)];
  if (terms.length === 0) return [];
  const phrases = [...new Set(withBigrams(words).slice(words.length))];
  const n = index.docs.length;
  const scores = new Map<number, { score: number; matched: Set<string>; hits: number }>();
  for (const q of [...terms, ...phrases]) {
    const phrase = q.includes("_");
    // A query term is the disjunction of its expansions: its document frequency is the union's size,
    // so a rare prefix or typo expansion does not outrank the exact word by rarity alone.
    const expansions = phrase ? (index.postings.has(q) ? [{ term: q, factor: 0.5 }] : []) : expandTerm(index, q);
    const union = new Set<number>();
    for (const { term } of expansions) for (const p of index.postings.get(term) as Posting[]) union.add(p.doc);
    const idf = Math.log(1 + (n - union.size + 0.5) / (union.size + 0.5));
    const best = new Map<number, { tf: number; term: string }>();
    for (const { term, factor } of expansions) {
      for (const p of index.postings.get(term) as Posting[]) {
        let tf = 0;
        FIELDS.forEach((f, fi) => {
          const raw = p.tf[fi] as number;
          if (raw === 0) return;
          const { weight, b } = index.params[f];
          const len = (index.lengths[fi] as Float32Array)[p.doc] as number;
          tf += (weight * raw) / (1 - b + (b * len) / (index.avgLength[fi] as number));
        });
        tf *= factor;
        const prev = best.get(p.doc);
        if (!prev || tf > prev.tf) best.set(p.doc, { tf, term });
      }
    }
    for (const [doc, { tf, term }] of best) {
      const s = idf * (tf / (K1 + tf));
      const cur = scores.get(doc) ?? { score: 0, matched: new Set<string>(), hits: 0 };
      scores.set(doc, cur);
      cur.score += s;
      if (phrase) continue;
      cur.hits++;
      cur.matched.add(term);
    }
  }
  const hits: Hit[] = [];
  for (const [doc, v] of scores) {
    const id = (index.docs[doc] as SearchDoc).id;
    if (opts.filter && !opts.filter(id)) continue;
    // Documents matching every query term rank above partial matches.
    const coverage = v.hits / terms.length;
    hits.push({ id, score: v.score * (0.5 + 0.5 * coverage * coverage), matched: [...v.matched] });
  }
  hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return hits.slice(0, opts.limit ?? 20);
}

/** Wrap the words of `text` that match any of `terms` (by prefix of the word) with open/close marks. */
export function highlight(text: string, terms: readonly string[], open: string, close: string): string {
  if (terms.length === 0) return text;
  return text.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const w = word.toLowerCase();
    return terms.some((t) => w === t || (w.startsWith(t) && t.length >= 3) || (t.startsWith(w) && w.length >= 4))
      ? `${open}${word}${close}`
      : word;
  });
}

import { boundedEditDistance, tokenize } from "./tokenize.js";

/**
 * BM25F ranking over weighted fields (name > tags > description > body), with prefix and
 * typo-tolerant term matching and a bonus for adjacent query words. Pure: build once, query many times.
 * Field weights and length normalisation are query-independent, so each posting stores the document's
 * combined, normalised term frequency (the BM25F pseudo-frequency) and a query only saturates and sums.
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
  /** Index adjacent-word pairs of this field (phrases). */
  phrases: boolean;
}

export const DEFAULT_PARAMS: Record<Field, FieldParams> = {
  name: { weight: 8, b: 0.3, phrases: true },
  tags: { weight: 4, b: 0.5, phrases: true },
  description: { weight: 2.5, b: 0.6, phrases: true },
  body: { weight: 1, b: 0.75, phrases: false },
};
const K1 = 1.2;
const PHRASE_FACTOR = 0.5;

interface Postings {
  docs: number[];
  /** BM25F pseudo term frequency per document. */
  tfs: number[];
}

export interface SearchIndex {
  docs: SearchDoc[];
  postings: Map<string, Postings>;
  /** Sorted single-word vocabulary, for prefix lookup. */
  vocab: string[];
  /** Single words by first character, for typo lookup. */
  byFirst: Map<string, string[]>;
}

export function buildIndex(docs: SearchDoc[], params = DEFAULT_PARAMS): SearchIndex {
  const tokens = docs.map((d) => FIELDS.map((f) => tokenize(d.fields[f])));
  const avg = FIELDS.map(
    (_, fi) => tokens.reduce((a, t) => a + (t[fi] as string[]).length, 0) / (docs.length || 1) || 1,
  );
  const postings = new Map<string, Postings>();
  const local = new Map<string, number>();
  tokens.forEach((fields, di) => {
    local.clear();
    FIELDS.forEach((f, fi) => {
      const words = fields[fi] as string[];
      const { weight, b, phrases } = params[f];
      const w = weight / (1 - b + (b * words.length) / (avg[fi] as number));
      for (const t of words) local.set(t, (local.get(t) ?? 0) + w);
      if (phrases)
        for (let i = 0; i + 1 < words.length; i++) {
          const p = `${words[i]}_${words[i + 1]}`;
          local.set(p, (local.get(p) ?? 0) + w);
        }
    });
    for (const [t, tf] of local) {
      let p = postings.get(t);
      if (!p) {
        p = { docs: [], tfs: [] };
        postings.set(t, p);
      }
      p.docs.push(di);
      p.tfs.push(tf);
    }
  });
  const vocab = [...postings.keys()].filter((t) => !t.includes("_")).sort();
  const byFirst = new Map<string, string[]>();
  for (const t of vocab) {
    const list = byFirst.get(t[0] as string);
    if (list) list.push(t);
    else byFirst.set(t[0] as string, [t]);
  }
  return { docs, postings, vocab, byFirst };
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

/** Expand a query word to index words: exact (1), prefix (0.6–0.9), one or two typos (0.55 / 0.4). */
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
    for (
      let i = lo;
      i < index.vocab.length && (index.vocab[i] as string).startsWith(q) && out.size < 64;
      i++
    ) {
      const t = index.vocab[i] as string;
      if (t !== q) out.set(t, 0.6 + 0.3 * (q.length / t.length));
    }
  }
  const maxEdits = q.length >= 8 ? 2 : q.length >= 4 ? 1 : 0;
  if (maxEdits > 0) {
    for (const t of index.byFirst.get(q[0] as string) ?? []) {
      if (out.has(t) || Math.abs(t.length - q.length) > maxEdits) continue;
      const d = boundedEditDistance(q, t, maxEdits);
      if (d <= maxEdits) out.set(t, d === 1 ? 0.55 : 0.4);
    }
  }
  return [...out].map(([term, factor]) => ({ term, factor }));
}

export function search(index: SearchIndex, query: string, opts: QueryOptions = {}): Hit[] {
  const words = tokenize(query);
  const terms = [...new Set(words)];
  if (terms.length === 0) return [];
  const phrases = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) phrases.add(`${words[i]}_${words[i + 1]}`);
  const n = index.docs.length;
  const scores = new Map<number, { score: number; matched: Set<string>; hits: number }>();
  const best = new Map<number, { tf: number; term: string }>();

  const score = (q: string, expansions: Array<{ term: string; factor: number }>, phrase: boolean) => {
    // A query word is the disjunction of its expansions: its document frequency is the union's size,
    // so a rare prefix or typo expansion does not outrank the exact word by rarity alone.
    best.clear();
    for (const { term, factor } of expansions) {
      const p = index.postings.get(term) as Postings;
      for (let i = 0; i < p.docs.length; i++) {
        const doc = p.docs[i] as number;
        const tf = (p.tfs[i] as number) * factor;
        const prev = best.get(doc);
        if (!prev || tf > prev.tf) best.set(doc, { tf, term });
      }
    }
    const idf = Math.log(1 + (n - best.size + 0.5) / (best.size + 0.5));
    for (const [doc, { tf, term }] of best) {
      let cur = scores.get(doc);
      if (!cur) {
        cur = { score: 0, matched: new Set<string>(), hits: 0 };
        scores.set(doc, cur);
      }
      cur.score += idf * (tf / (K1 + tf));
      if (phrase) continue;
      cur.hits++;
      cur.matched.add(term);
    }
    return q;
  };

  for (const q of terms) score(q, expandTerm(index, q), false);
  for (const p of phrases) if (index.postings.has(p)) score(p, [{ term: p, factor: PHRASE_FACTOR }], true);

  const hits: Hit[] = [];
  for (const [doc, v] of scores) {
    const id = (index.docs[doc] as SearchDoc).id;
    if (opts.filter && !opts.filter(id)) continue;
    // Documents matching every query word rank above partial matches.
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
    return terms.some(
      (t) => w === t || (w.startsWith(t) && t.length >= 3) || (t.startsWith(w) && w.length >= 4),
    )
      ? `${open}${word}${close}`
      : word;
  });
}

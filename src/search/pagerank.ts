/** Personalised PageRank over a weighted directed graph (pure). */

export interface Edge {
  from: number;
  to: number;
  weight: number;
}

export function pageRank(
  n: number,
  edges: readonly Edge[],
  opts: { personalization?: ReadonlyMap<number, number>; damping?: number; iterations?: number } = {},
): Float64Array {
  const d = opts.damping ?? 0.85;
  const iters = opts.iterations ?? 40;
  const out = new Float64Array(n);
  for (const e of edges) out[e.from] = (out[e.from] ?? 0) + e.weight;
  const p = new Float64Array(n);
  const pers = opts.personalization;
  let psum = 0;
  if (pers && pers.size > 0) for (const [i, w] of pers) psum += i < n ? w : 0;
  for (let i = 0; i < n; i++) p[i] = psum > 0 ? (pers?.get(i) ?? 0) / psum : 1 / n;
  let rank = Float64Array.from(p);
  for (let it = 0; it < iters; it++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let i = 0; i < n; i++) if ((out[i] ?? 0) === 0) dangling += rank[i] ?? 0;
    for (const e of edges)
      next[e.to] = (next[e.to] ?? 0) + (d * (rank[e.from] ?? 0) * e.weight) / (out[e.from] ?? 1);
    for (let i = 0; i < n; i++) next[i] = (next[i] ?? 0) + (1 - d + d * dangling) * (p[i] ?? 0);
    rank = next;
  }
  return rank;
}

/**
 * The phase graph of a workflow, checked as a graph: every id a phase names exists, every phase is
 * reachable from `start` along `next`, and `next` has no cycle other than a declared review loop (a
 * review phase may lead back to the phase it reviews). Used by lint (the library's YAML) and by
 * `cadre run start` (a workflow that fails here is never started). Pure data in, problems out.
 */

export interface GraphPhase {
  id: string;
  next?: readonly string[];
  review_of?: string;
}

export interface GraphProblem {
  /** Which check: unknown-phase, duplicate-phase, unreachable, cycle, review-of. */
  check: "unknown-phase" | "duplicate-phase" | "unreachable" | "cycle" | "review-of";
  message: string;
  /** The phase the problem is in (its `- id:` line), absent for top-level fields. */
  phase?: string;
  /** The field that names the problem (`next`, `review_of`, `start`, `edits_from`). */
  key?: string;
}

interface GraphInput {
  start?: string;
  edits_from?: string;
  phases: readonly GraphPhase[];
}

function unknownIds(wf: GraphInput, ids: Set<string>): GraphProblem[] {
  const out: GraphProblem[] = [];
  const known = [...ids].join(", ");
  for (const key of ["start", "edits_from"] as const) {
    const v = wf[key];
    if (v !== undefined && !ids.has(v))
      out.push({ check: "unknown-phase", key, message: `${key} "${v}" is not a phase (phases: ${known})` });
  }
  for (const p of wf.phases) {
    for (const n of p.next ?? [])
      if (!ids.has(n))
        out.push({
          check: "unknown-phase",
          phase: p.id,
          key: "next",
          message: `phase ${p.id}: next "${n}" is not a phase`,
        });
    if (p.review_of !== undefined && !ids.has(p.review_of))
      out.push({
        check: "unknown-phase",
        phase: p.id,
        key: "review_of",
        message: `phase ${p.id}: review_of "${p.review_of}" is not a phase`,
      });
  }
  return out;
}

/** Phases reachable from `from` along `next` (an edge into an unknown id is ignored). */
export function reachableFrom(phases: readonly GraphPhase[], from: string): Set<string> {
  const byId = new Map(phases.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const todo = byId.has(from) ? [from] : [];
  while (todo.length > 0) {
    const id = todo.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const n of byId.get(id)?.next ?? []) if (byId.has(n) && !seen.has(n)) todo.push(n);
  }
  return seen;
}

/** Cycles along `next`, leaving out a review phase's edge back to the phase it reviews (a declared loop). */
function cycles(phases: readonly GraphPhase[]): GraphProblem[] {
  const byId = new Map(phases.map((p) => [p.id, p]));
  const edges = (p: GraphPhase) => (p.next ?? []).filter((n) => byId.has(n) && n !== p.review_of);
  const state = new Map<string, "open" | "done">();
  const out: GraphProblem[] = [];
  const path: string[] = [];
  const visit = (id: string) => {
    state.set(id, "open");
    path.push(id);
    for (const n of edges(byId.get(id) as GraphPhase)) {
      if (state.get(n) === "open") {
        const loop = [...path.slice(path.indexOf(n)), n];
        out.push({
          check: "cycle",
          phase: id,
          key: "next",
          message: `phases form a cycle ${loop.join(" → ")}; only a review phase may lead back (declare it with review_of)`,
        });
      } else if (!state.has(n)) visit(n);
    }
    path.pop();
    state.set(id, "done");
  };
  for (const p of phases) if (!state.has(p.id)) visit(p.id);
  return out;
}

/** Every problem of a workflow's phase graph, in the order of the file. */
export function workflowGraphProblems(wf: GraphInput): GraphProblem[] {
  const ids = new Set<string>();
  const out: GraphProblem[] = [];
  for (const p of wf.phases) {
    if (ids.has(p.id))
      out.push({ check: "duplicate-phase", phase: p.id, message: `phase id "${p.id}" is used twice` });
    ids.add(p.id);
  }
  out.push(...unknownIds(wf, ids));
  if (wf.start !== undefined && ids.has(wf.start)) {
    const seen = reachableFrom(wf.phases, wf.start);
    for (const p of wf.phases)
      if (!seen.has(p.id))
        out.push({
          check: "unreachable",
          phase: p.id,
          message: `phase ${p.id} cannot be reached from start "${wf.start}"`,
        });
  }
  out.push(...cycles(wf.phases));
  for (const p of wf.phases) {
    const r = p.review_of;
    if (r === undefined || !ids.has(r)) continue;
    if (r === p.id)
      out.push({
        check: "review-of",
        phase: p.id,
        key: "review_of",
        message: `phase ${p.id} reviews itself`,
      });
    else if (!reachableFrom(wf.phases, r).has(p.id))
      out.push({
        check: "review-of",
        phase: p.id,
        key: "review_of",
        message: `phase ${p.id}: review_of "${r}" does not lead to ${p.id}, so a reject could not send the run back to it`,
      });
  }
  return out;
}

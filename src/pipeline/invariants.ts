/**
 * What must hold of every run status, whatever sequence of actions produced it: the shape of
 * `status.json`, and its consistency with the workflow (a known phase, the history ending in it, loops
 * only on review phases and never past the depth's cap). Used by the property tests and by
 * `cadre run status` to say a hand-edited status.json is inconsistent.
 */
import { type RunStatus, statusProblem, type Workflow } from "../model/run.js";
import { capOf, phaseOf } from "./machine.js";

export function statusViolations(s: RunStatus, wf: Workflow): string[] {
  const shape = statusProblem(s);
  if (shape) return [shape];
  const out: string[] = [];
  if (s.workflow !== wf.name) out.push(`workflow is ${s.workflow}, the snapshot is ${wf.name}`);
  if ((s.phase === null) !== (s.phase_state === null))
    out.push("phase and phase_state are not both set or both null");
  if (s.phase !== null && !phaseOf(wf, s.phase)) out.push(`phase ${s.phase} is not in workflow ${wf.name}`);
  const last = s.history[s.history.length - 1];
  if (s.phase === null && last) out.push("phase is null but the history has entries");
  if (s.phase !== null) {
    if (last?.phase !== s.phase) out.push(`the history does not end in phase ${s.phase}`);
    else if ((last.exited_at !== undefined) !== (s.phase_state === "exited"))
      out.push(`the last history entry's exited_at does not match phase_state ${s.phase_state}`);
  }
  for (const [i, h] of s.history.entries()) {
    if (!phaseOf(wf, h.phase)) out.push(`history[${i}] names unknown phase ${h.phase}`);
    if (i < s.history.length - 1 && h.exited_at === undefined)
      out.push(`history[${i}] (${h.phase}) was never exited`);
  }
  if (s.history[0] && s.history[0].phase !== wf.start)
    out.push(`the first phase is ${s.history[0].phase}, not ${wf.start}`);
  for (const g of s.gates) if (!phaseOf(wf, g.phase)) out.push(`a gate names unknown phase ${g.phase}`);
  const cap = capOf(wf, s.depth);
  for (const [k, n] of Object.entries(s.loops)) {
    if (!phaseOf(wf, k)?.review_of) out.push(`loops counts ${k}, which is not a review phase`);
    if (n > cap) out.push(`loops[${k}] is ${n}, over the cap ${cap} at depth ${s.depth}`);
  }
  return out;
}

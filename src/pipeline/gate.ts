/**
 * What the pipeline-gate hook enforces, decided on a run's status and workflow: whether source edits are
 * open yet (from the workflow's `edits_from` phase on), and what keeps the current phase from being done
 * (its artifact missing or invalid). Pure: the artifact facts come in, as for the state machine.
 */
import { RUN_FILES, type RunStatus, type Workflow } from "../model/run.js";
import type { Facts } from "./machine.js";
import { phaseOf } from "./machine.js";

export interface EditStage {
  allowed: boolean;
  /** Why, in a sentence the agent can act on. */
  why: string;
}

/** The phases reachable from `from` along `next` (itself included): the phases at or after it. */
export function phasesFrom(wf: Workflow, from: string): Set<string> {
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length > 0) {
    const id = todo.pop() as string;
    if (seen.has(id)) continue;
    const p = phaseOf(wf, id);
    if (!p) continue;
    seen.add(id);
    todo.push(...p.next);
  }
  return seen;
}

/** The folder where a run's artifacts live, project-relative: edits there are always allowed. */
export function artifactsDir(id: string): string {
  return `${RUN_FILES.root}/${id}/${RUN_FILES.artifacts}`;
}

/**
 * Whether an active run lets the agent change source files now: only at or after the workflow's
 * `edits_from` phase. A workflow without `edits_from` (an audit) changes no source at all.
 */
export function editStage(s: RunStatus, wf: Workflow): EditStage {
  const where = `Run ${s.id} (workflow ${wf.name})`;
  const instead = `Write the phase's artifact under ${artifactsDir(s.id)}/ instead`;
  if (!wf.edits_from)
    return {
      allowed: false,
      why: `${where} changes no source files: the workflow has no phase that edits code. ${instead}, or end the run (cadre run end) if the work needs code changes.`,
    };
  const open = wf.edits_from;
  if (s.phase === null)
    return {
      allowed: false,
      why: `${where} has not entered its first phase; source edits open at phase ${open}. Start with \`cadre run phase enter ${wf.start}\`.`,
    };
  if (phasesFrom(wf, open).has(s.phase))
    return { allowed: true, why: `${where} is in phase ${s.phase}, at or after ${open}` };
  return {
    allowed: false,
    why: `${where} is in phase ${s.phase}, before ${open}: source edits open at phase ${open}. ${instead}, and move the run on (\`cadre run status\` shows the next step).`,
  };
}

/**
 * Why the current phase is not done, for the stop gate: its artifact is missing or does not validate.
 * Undefined when nothing is missing (no phase entered, the phase exited, no artifact, or a valid one).
 */
export function unfinished(s: RunStatus, wf: Workflow, facts: Facts): string | undefined {
  if (s.phase === null || s.phase_state !== "entered") return undefined;
  const p = phaseOf(wf, s.phase);
  if (!p?.artifact) return undefined;
  const a = facts.artifacts[p.id];
  const dir = `${artifactsDir(s.id)}/${p.id}`;
  if (!a)
    return `Phase ${p.id} of run ${s.id} is not done: its artifact ${p.artifact} is missing (${dir}/${p.artifact}.json or .md). Write it (\`cadre artifact new ${p.artifact} --run ${s.id}\` gives the template) and check it with \`cadre artifact validate\` before you finish; if you need the user's input for it, write what you have and ask.`;
  if (!a.valid) {
    const errs = a.errors.slice(0, 3).join("; ") || "invalid";
    return `Phase ${p.id} of run ${s.id} is not done: its artifact ${a.file} does not validate against schema ${p.artifact}: ${errs}${a.errors.length > 3 ? ` (and ${a.errors.length - 3} more)` : ""}. Fix it (\`cadre artifact validate ${a.file}\`) before you finish.`;
  }
  return undefined;
}

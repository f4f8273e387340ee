/** The next step of a run, as the command to type and why: what `cadre run status` and session-bootstrap show. */
import type { RunStatus, Workflow } from "../model/run.js";
import { approvedSinceEntered, type Facts, phaseOf } from "./machine.js";

export interface NextStep {
  command: string;
  why: string;
}

export function nextStep(s: RunStatus, wf: Workflow, facts: Facts): NextStep {
  if (s.state === "ended") return { command: "cadre run start", why: `run ${s.id} has ended` };
  if (s.state === "abandoned")
    return {
      command: `cadre run resume ${s.id}`,
      why: `run ${s.id} was abandoned; resume it or start a new one`,
    };
  if (s.phase === null)
    return { command: `cadre run phase enter ${wf.start}`, why: `the run starts with phase ${wf.start}` };
  const p = phaseOf(wf, s.phase);
  if (!p)
    return { command: `cadre run repair ${s.id}`, why: `phase ${s.phase} is not in workflow ${wf.name}` };
  if (s.phase_state === "entered") {
    const does = p.command ? ` (the /${p.command} command${p.role ? `, role ${p.role}` : ""})` : "";
    const a = facts.artifacts[p.id];
    if (p.artifact && !a)
      return {
        command: `cadre artifact new ${p.artifact} --run ${s.id}`,
        why: `phase ${p.id}${does} needs its artifact ${p.artifact}`,
      };
    if (p.artifact && a && !a.valid)
      return { command: `cadre artifact validate ${a.file}`, why: `${a.file} does not validate yet` };
    if (p.gate === "user" && !approvedSinceEntered(s, p.id))
      return {
        command: `cadre run gate approve ${p.id} --reason "<why>"`,
        why: `phase ${p.id} needs the user's approval${p.review_of ? ` (or reject it to send the run back to ${p.review_of})` : ""}`,
      };
    return { command: `cadre run phase exit ${p.id}`, why: `phase ${p.id} has what it needs` };
  }
  if (p.next.length === 0) return { command: "cadre run end", why: `${p.id} was the last phase` };
  return {
    command: `cadre run phase enter ${p.next.length === 1 ? p.next[0] : `<${p.next.join("|")}>`}`,
    why: `phase ${p.id} is done`,
  };
}

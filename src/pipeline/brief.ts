/**
 * The active run in a few lines, for session-bootstrap: the run, its phase and role, what the phase needs
 * (its artifact and whether it exists and validates, its gate) and the next command (next.ts). Pure.
 */
import type { RunStatus, Workflow } from "../model/run.js";
import { editStage } from "./gate.js";
import { approvedSinceEntered, type Facts, phaseOf } from "./machine.js";
import { nextStep } from "./next.js";

/** What the current phase's artifact is: missing, valid, or invalid with its first errors. */
export function artifactLine(s: RunStatus, wf: Workflow, facts: Facts): string | undefined {
  const p = s.phase ? phaseOf(wf, s.phase) : undefined;
  if (!p?.artifact) return p ? `Artifact: none required for phase ${p.id}.` : undefined;
  const a = facts.artifacts[p.id];
  if (!a)
    return `Artifact: ${p.artifact}, missing (write .cadre/runs/${s.id}/artifacts/${p.id}/${p.artifact}.json or .md; \`cadre artifact new ${p.artifact} --run ${s.id}\`).`;
  if (a.valid) return `Artifact: ${a.file}, valid against schema ${p.artifact}.`;
  const errs = a.errors.slice(0, 3).join("; ") || "invalid";
  return `Artifact: ${a.file}, does NOT validate against schema ${p.artifact}: ${errs}${a.errors.length > 3 ? ` (and ${a.errors.length - 3} more)` : ""}.`;
}

function gateLine(s: RunStatus, wf: Workflow): string | undefined {
  const p = s.phase ? phaseOf(wf, s.phase) : undefined;
  if (!p) return undefined;
  if (p.gate !== "user") return "Gate: none (the phase is left with `cadre run phase exit`).";
  const last = [...s.gates].reverse().find((g) => g.phase === p.id);
  if (approvedSinceEntered(s, p.id)) return `Gate: approved by the user (${last?.reason ?? ""}).`;
  return `Gate: the user's approval is needed (they run \`cadre run gate approve ${p.id} --reason <why>\`)${last?.decision === "reject" ? `; last rejected: ${last.reason}` : ""}.`;
}

/** The session-bootstrap section for an active run. */
export function runBrief(s: RunStatus, wf: Workflow, facts: Facts): string {
  const p = s.phase ? phaseOf(wf, s.phase) : undefined;
  const head = `Active pipeline run ${s.id}: workflow ${wf.name}, depth ${s.depth}${s.intent ? `, intent "${s.intent}"` : ""}.`;
  const phase = p
    ? `Phase: ${p.id} (${s.phase_state}${p.role ? `; role ${p.role}` : ""}${p.command ? `; the /${p.command} command` : ""}).`
    : `Phase: none entered yet (the run starts with ${wf.start}).`;
  const edits = editStage(s, wf);
  const next = nextStep(s, wf, facts);
  const lines = [
    head,
    phase,
    s.phase_state === "entered" ? artifactLine(s, wf, facts) : undefined,
    s.phase_state === "entered" ? gateLine(s, wf) : undefined,
    `Source edits: ${edits.allowed ? "open" : `not yet — they open at phase ${wf.edits_from ?? "(none: this workflow changes no source)"}`}.`,
    `Next: \`${next.command}\` — ${next.why}.`,
  ];
  return lines.filter((l): l is string => l !== undefined).join("\n");
}

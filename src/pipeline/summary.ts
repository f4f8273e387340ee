/**
 * A run's `summary.md` and `handoff.md`, synthesised from what the run recorded — its status, its events
 * (phases, gates, loops, refusals, validations, captured outputs, denied edits, compactions) and the
 * current phase's artifact — with no model call. Written by the run-summary hook before a compaction and
 * when a turn ends, so a fresh context (or the next person) picks the run up from files. Pure.
 */
import type { RunEvent, RunStatus, Workflow } from "../model/run.js";
import { artifactLine } from "./brief.js";
import { type Facts, phaseOf } from "./machine.js";
import { nextStep } from "./next.js";

export interface RunDocs {
  summary: string;
  handoff: string;
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
/** Table cells: one line, no pipes. */
const cell = (s: string) => s.replace(/\s+/g, " ").replace(/\|/g, "\\|");
const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const kib = (b: number) => (b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b} B`);

function byType(events: readonly RunEvent[], type: string): RunEvent[] {
  return events.filter((e) => e.type === type);
}

/** The artifact each exited phase left (recorded on its phase-exit event: valid when the phase was left). */
function exitedArtifacts(events: readonly RunEvent[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of byType(events, "phase-exit")) {
    const a = str(e.artifact);
    if (e.phase && a) m.set(e.phase, a);
  }
  return m;
}

function phaseTable(s: RunStatus, wf: Workflow, events: readonly RunEvent[]): string[] {
  const left = exitedArtifacts(events);
  const rows = s.history.map((h, i) => {
    const p = phaseOf(wf, h.phase);
    const current = i === s.history.length - 1 && h.exited_at === undefined;
    const artifact = left.get(h.phase) ?? (p?.artifact ? (current ? "(in progress)" : "—") : "none needed");
    return `| ${h.phase} | ${p?.role ?? ""} | ${h.entered_at} | ${h.exited_at ?? (current ? "(current)" : "")} | ${cell(artifact)} |`;
  });
  if (rows.length === 0) return ["No phase entered yet."];
  return ["| Phase | Role | Entered | Exited | Artifact |", "|---|---|---|---|---|", ...rows];
}

function gateLines(s: RunStatus, events: readonly RunEvent[]): string[] {
  const out = s.gates.map((g) => `- ${g.at} ${g.decision} ${g.phase}: ${clip(g.reason)}`);
  for (const e of byType(events, "loop-cap"))
    out.push(
      `- ${e.at} loop cap reached on ${e.phase}: ${num(e.loops) ?? "?"} of ${num(e.cap) ?? "?"} (${clip(str(e.reason) ?? "")})`,
    );
  for (const [phase, n] of Object.entries(s.loops)) out.push(`- review loops on ${phase}: ${n}`);
  return out.length ? out : ["None yet."];
}

function captureLines(events: readonly RunEvent[], phase?: string): string[] {
  return byType(events, "capture")
    .filter((e) => phase === undefined || e.phase === phase)
    .slice(-10)
    .map((e) => {
      const exit = num(e.exit);
      const status = exit !== undefined ? `exit ${exit}` : e.failed === true ? "failed" : "ok";
      return `- ${e.at}${e.phase ? ` (${e.phase})` : ""}: \`${clip(str(e.command) ?? "?", 100)}\` ${status}, ${kib(num(e.bytes) ?? 0)} → ${str(e.file) ?? "?"}`;
    });
}

function problemLines(events: readonly RunEvent[], limit: number): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.type === "refusal")
      out.push(`- ${e.at} refused ${str(e.action) ?? "?"}: ${clip(str(e.reason) ?? "")}`);
    else if (e.type === "edit-denied")
      out.push(`- ${e.at} source edit denied in ${e.phase ?? "?"}: ${clip(str(e.target) ?? "")}`);
    else if (e.type === "artifact-validate" && e.valid === false)
      out.push(`- ${e.at} ${str(e.file) ?? "?"} did not validate (${num(e.errors) ?? "?"} errors)`);
  }
  return out.slice(-limit);
}

function counts(events: readonly RunEvent[]): string {
  const m = new Map<string, number>();
  for (const e of events) m.set(e.type, (m.get(e.type) ?? 0) + 1);
  return [...m.entries()].map(([t, n]) => `${t} ${n}`).join(", ") || "none";
}

/** `summary.md`: the run as recorded, phase by phase. */
export function runSummary(s: RunStatus, wf: Workflow, events: readonly RunEvent[], now: string): string {
  const captures = captureLines(events);
  const problems = problemLines(events, 10);
  const last = events[events.length - 1];
  return [
    `# Run ${s.id}: summary`,
    "",
    `Written by cadre's run-summary hook at ${now} from the run's events (no model call); rewritten on every update.`,
    "",
    `- Workflow: ${wf.name}, depth ${s.depth}, state ${s.state}`,
    ...(s.intent ? [`- Intent: ${s.intent}`] : []),
    `- Started: ${s.created_at}; last event: ${last ? `${last.at} (seq ${last.seq}, ${last.type})` : "none"}`,
    `- Phase: ${s.phase ? `${s.phase} (${s.phase_state})` : "none entered"}`,
    `- Events: ${counts(events)}`,
    "",
    "## Phases",
    "",
    ...phaseTable(s, wf, events),
    "",
    "## Gates and review loops",
    "",
    ...gateLines(s, events),
    "",
    `## Captured outputs (${byType(events, "capture").length}${captures.length < byType(events, "capture").length ? `, last ${captures.length}` : ""})`,
    "",
    ...(captures.length ? captures : ["None."]),
    "",
    "## Refusals, denied edits and failed validations",
    "",
    ...(problems.length ? problems : ["None."]),
    "",
  ].join("\n");
}

/** `handoff.md`: where the run stands and what the next session does first. */
export function runHandoff(
  s: RunStatus,
  wf: Workflow,
  events: readonly RunEvent[],
  facts: Facts,
  now: string,
): string {
  const p = s.phase ? phaseOf(wf, s.phase) : undefined;
  const next = nextStep(s, wf, facts);
  const done = [...exitedArtifacts(events).entries()].map(([ph, f]) => `- ${ph}: ${f}`);
  const current = s.phase_state === "entered" ? artifactLine(s, wf, facts) : undefined;
  const recent = p ? captureLines(events, p.id).slice(-5) : [];
  const problems = problemLines(events, 5);
  return [
    `# Run ${s.id}: handoff`,
    "",
    `Written by cadre's run-summary hook at ${now} from the run's events and artifacts (no model call). Read this first, then \`cadre run status ${s.id}\`.`,
    "",
    "## Where it stands",
    "",
    `- Workflow ${wf.name} (depth ${s.depth}), state ${s.state}${s.intent ? `; intent: ${s.intent}` : ""}`,
    `- Phase: ${p ? `${p.id} (${s.phase_state}${p.role ? `, role ${p.role}` : ""}${p.command ? `, the /${p.command} command` : ""})` : "none entered"}`,
    ...(current ? [`- ${current}`] : []),
    "",
    "## Next",
    "",
    `\`${next.command}\` — ${next.why}.`,
    "",
    "## Artifacts so far",
    "",
    ...(done.length ? done : ["None yet."]),
    "",
    ...(recent.length ? ["## Recent outputs in this phase", "", ...recent, ""] : []),
    ...(problems.length ? ["## Open problems (most recent)", "", ...problems, ""] : []),
  ].join("\n");
}

export function runDocs(
  s: RunStatus,
  wf: Workflow,
  events: readonly RunEvent[],
  facts: Facts,
  now: string,
): RunDocs {
  return { summary: runSummary(s, wf, events, now), handoff: runHandoff(s, wf, events, facts, now) };
}

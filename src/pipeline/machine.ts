/**
 * The run state machine, pure: `fold` turns a run's events into its status, `step` folds one event, and
 * `transition` decides what an action does to a status — an event to append, or a refusal that says
 * exactly what is missing. What cadre knows about artifacts on disk comes in as `Facts`; the clock comes
 * in on the events (`at`, stamped by the store).
 *
 * Rules: a run enters its workflow's `start` first, and then only a phase in the current phase's `next`,
 * after exiting it. Exiting (and approving) needs the phase's artifact to exist and validate; exiting a
 * `gate: user` phase also needs an approval given since the phase was last entered. A reject on a review
 * phase (`review_of`) sends the run back to the phase it reviews and counts one loop; once the loops reach
 * the workflow's cap for the run's depth, a reject is a stop recorded as a `loop-cap` event instead.
 */
import { didYouMean } from "../core/names.js";
import {
  DEPTHS,
  type Depth,
  type NewRunEvent,
  type RunEvent,
  type RunStatus,
  STATE_EVENTS,
  type Workflow,
  type WorkflowPhase,
} from "../model/run.js";

/** What cadre found of a phase's artifact: the file, and whether it validates against its schema. */
export interface ArtifactFact {
  file: string;
  valid: boolean;
  errors: string[];
}

/** Facts gathered by the caller: per phase id, its artifact as found on disk (absent: none found). */
export interface Facts {
  artifacts: Record<string, ArtifactFact | undefined>;
}

export type Action =
  | { type: "start"; id: string; depth: Depth; intent?: string }
  | { type: "enter"; phase: string }
  | { type: "exit"; phase: string }
  | { type: "approve"; phase: string; reason: string }
  | { type: "reject"; phase: string; reason: string }
  | { type: "end" }
  | { type: "abandon"; reason?: string }
  | { type: "resume" };

/** An event to append (`stop`: the action did not happen as asked, e.g. a reject at the loop cap). */
export type Outcome = { event: NewRunEvent; stop?: string } | { refusal: string };

const STATE = new Set<string>(STATE_EVENTS);

export function phaseOf(workflow: Workflow, id: string): WorkflowPhase | undefined {
  return workflow.phases.find((p) => p.id === id);
}

export function isStateEvent(e: { type: string }): boolean {
  return STATE.has(e.type);
}

/** The loop cap for a review phase at the run's depth. */
export function capOf(workflow: Workflow, depth: Depth): number {
  return workflow.caps[depth];
}

/**
 * Whether the phase has an approval given since it was last entered (and no reject after it). Event times
 * of a run strictly increase (the store stamps them so), so `at` orders gates against entries.
 */
export function approvedSinceEntered(status: RunStatus, phase: string): boolean {
  const last = [...status.history].reverse().find((h) => h.phase === phase);
  if (!last) return false;
  const decisions = status.gates.filter((g) => g.phase === phase && g.at > last.entered_at);
  return decisions.length > 0 && decisions[decisions.length - 1]?.decision === "approve";
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** A new status from a run-start event. */
function started(e: RunEvent): RunStatus {
  const depth = DEPTHS.includes(e.depth as Depth) ? (e.depth as Depth) : "standard";
  const s: RunStatus = {
    schema_version: 1,
    id: e.run,
    workflow: str(e.workflow) ?? "",
    depth,
    state: "active",
    phase: null,
    phase_state: null,
    created_at: e.at,
    updated_at: e.at,
    history: [],
    gates: [],
    loops: {},
    seq: e.seq,
  };
  const intent = str(e.intent);
  if (intent !== undefined) s.intent = intent;
  return s;
}

function entered(s: RunStatus, phase: string, at: string): RunStatus {
  const history = s.history.map((h, i) =>
    i === s.history.length - 1 && h.exited_at === undefined ? { ...h, exited_at: at } : h,
  );
  return { ...s, phase, phase_state: "entered", history: [...history, { phase, entered_at: at }] };
}

/**
 * Fold one event into a status. Measurement events leave it as it is; a state event that does not fit
 * the status (it cannot come from `transition`) is an error naming its seq.
 */
export function step(status: RunStatus | null, e: RunEvent, workflow: Workflow): RunStatus {
  if (!isStateEvent(e)) return status as RunStatus;
  if (e.type === "run-start") {
    if (status) throw new Error(`event ${e.seq}: a second run-start`);
    return started(e);
  }
  if (!status) throw new Error(`event ${e.seq}: ${e.type} before run-start`);
  const s = { ...status, seq: e.seq, updated_at: e.at };
  const phase = str(e.phase);
  switch (e.type) {
    case "phase-enter":
      if (!phase || !phaseOf(workflow, phase))
        throw new Error(`event ${e.seq}: phase-enter of unknown phase ${phase}`);
      return entered(s, phase, e.at);
    case "phase-exit": {
      if (phase !== s.phase || s.phase_state !== "entered")
        throw new Error(`event ${e.seq}: phase-exit of ${phase}, which is not the entered phase`);
      const history = s.history.map((h, i) => (i === s.history.length - 1 ? { ...h, exited_at: e.at } : h));
      return { ...s, phase_state: "exited", history };
    }
    case "gate": {
      const decision = e.decision === "reject" ? "reject" : "approve";
      if (!phase) throw new Error(`event ${e.seq}: gate without a phase`);
      const next = {
        ...s,
        gates: [...s.gates, { phase, decision, reason: str(e.reason) ?? "", at: e.at }],
      } as RunStatus;
      const back = decision === "reject" ? phaseOf(workflow, phase)?.review_of : undefined;
      if (!back) return next;
      return { ...entered(next, back, e.at), loops: { ...s.loops, [phase]: (s.loops[phase] ?? 0) + 1 } };
    }
    case "loop-cap":
      return s;
    case "run-end":
      return { ...s, state: e.abandoned === true ? "abandoned" : "ended" };
    case "run-resume":
      return { ...s, state: "active" };
  }
  return s;
}

/** A run's status from its events (measurement events are skipped). */
export function fold(events: readonly RunEvent[], workflow: Workflow): RunStatus {
  let s: RunStatus | null = null;
  for (const e of events) s = step(s, e, workflow);
  if (!s) throw new Error("no run-start event");
  return s;
}

function unknownPhase(workflow: Workflow, phase: string): string {
  const near = didYouMean(
    phase,
    workflow.phases.map((p) => p.id),
  );
  return `workflow ${workflow.name} has no phase "${phase}"${near ? `; ${near}` : ""} (phases: ${workflow.phases.map((p) => p.id).join(", ")})`;
}

/** Why the artifact of a phase does not let the run leave it, or undefined when it does. */
function artifactMissing(p: WorkflowPhase, facts: Facts): string | undefined {
  if (!p.artifact) return undefined;
  const a = facts.artifacts[p.id];
  if (!a)
    return `phase ${p.id} needs its artifact "${p.artifact}" (artifacts/${p.id}/${p.artifact}.json or .md), and there is none`;
  if (!a.valid) {
    const errs = a.errors.map((e) => (e.startsWith(`${a.file}:`) ? `line ${e.slice(a.file.length + 1)}` : e));
    return `the artifact ${a.file} of phase ${p.id} does not validate against schema ${p.artifact}: ${errs.slice(0, 3).join("; ") || "invalid"}${errs.length > 3 ? ` (and ${errs.length - 3} more)` : ""}`;
  }
  return undefined;
}

function enter(s: RunStatus, wf: Workflow, phase: string, facts: Facts): Outcome {
  const p = phaseOf(wf, phase);
  if (!p) return { refusal: unknownPhase(wf, phase) };
  if (s.phase === null)
    return phase === wf.start
      ? { event: { type: "phase-enter", phase, ...(p.role ? { role: p.role } : {}) } }
      : { refusal: `a run of ${wf.name} starts with phase ${wf.start}, not ${phase}` };
  const cur = phaseOf(wf, s.phase) as WorkflowPhase;
  if (s.phase_state === "entered")
    return { refusal: `phase ${s.phase} is still entered; exit it first (cadre run phase exit ${s.phase})` };
  if (!cur.next.includes(phase))
    return {
      refusal: `phase ${phase} does not follow ${cur.id} (next: ${cur.next.join(", ") || "none, the run can end"})`,
    };
  const missing = artifactMissing(cur, facts);
  if (missing) return { refusal: missing };
  if (cur.gate === "user" && !approvedSinceEntered(s, cur.id))
    return {
      refusal: `phase ${cur.id} needs an approval (cadre run gate approve ${cur.id} --reason <text>)`,
    };
  return { event: { type: "phase-enter", phase, ...(p.role ? { role: p.role } : {}) } };
}

function current(s: RunStatus, wf: Workflow, phase: string, verb: string): WorkflowPhase | string {
  const p = phaseOf(wf, phase);
  if (!p) return unknownPhase(wf, phase);
  if (s.phase !== phase || s.phase_state !== "entered")
    return `cannot ${verb} ${phase}: the run is ${s.phase === null ? "before its first phase" : `${s.phase_state === "entered" ? "in" : "past"} phase ${s.phase}`}`;
  return p;
}

function exit(s: RunStatus, wf: Workflow, phase: string, facts: Facts): Outcome {
  const p = current(s, wf, phase, "exit");
  if (typeof p === "string") return { refusal: p };
  const missing = artifactMissing(p, facts);
  if (missing) return { refusal: missing };
  if (p.gate === "user" && !approvedSinceEntered(s, p.id))
    return { refusal: `phase ${p.id} needs an approval (cadre run gate approve ${p.id} --reason <text>)` };
  const file = facts.artifacts[p.id]?.file;
  return {
    event: {
      type: "phase-exit",
      phase,
      ...(p.role ? { role: p.role } : {}),
      ...(file ? { artifact: file } : {}),
    },
  };
}

function decide(s: RunStatus, wf: Workflow, a: Extract<Action, { reason: string }>, facts: Facts): Outcome {
  const p = current(s, wf, a.phase, a.type);
  if (typeof p === "string") return { refusal: p };
  if (a.reason.trim() === "") return { refusal: `a gate decision needs a reason (--reason <text>)` };
  if (a.type === "approve") {
    const missing = artifactMissing(p, facts);
    if (missing) return { refusal: missing };
    return { event: { type: "gate", phase: p.id, decision: "approve", reason: a.reason } };
  }
  if (p.review_of) {
    const loops = s.loops[p.id] ?? 0;
    const cap = capOf(wf, s.depth);
    if (loops >= cap)
      return {
        event: { type: "loop-cap", phase: p.id, loops, cap, reason: a.reason },
        stop: `review loop cap reached: ${p.id} has sent ${p.review_of} back ${loops} time${loops === 1 ? "" : "s"} (cap ${cap} at depth ${s.depth}); approve ${p.id} as it stands (cadre run gate approve ${p.id} --reason <text>) or abandon the run (cadre run end --abandon)`,
      };
    return { event: { type: "gate", phase: p.id, decision: "reject", reason: a.reason, to: p.review_of } };
  }
  return { event: { type: "gate", phase: p.id, decision: "reject", reason: a.reason } };
}

/** What an action does to a run: the event to append, or a refusal naming what is missing. */
export function transition(status: RunStatus | null, wf: Workflow, a: Action, facts: Facts): Outcome {
  if (a.type === "start") {
    if (status) return { refusal: `run ${status.id} already exists` };
    if (!DEPTHS.includes(a.depth))
      return { refusal: `depth "${a.depth}" is not one of ${DEPTHS.join(", ")}` };
    return {
      event: {
        type: "run-start",
        workflow: wf.name,
        depth: a.depth,
        ...(a.intent ? { intent: a.intent } : {}),
      },
    };
  }
  if (!status) return { refusal: "the run has not started" };
  if (a.type === "resume") {
    if (status.state === "ended")
      return { refusal: `run ${status.id} has ended; start a new run (cadre run start)` };
    return { event: { type: "run-resume" } };
  }
  if (status.state !== "active")
    return {
      refusal: `run ${status.id} is ${status.state}${status.state === "abandoned" ? ` (cadre run resume ${status.id})` : ""}`,
    };
  switch (a.type) {
    case "enter":
      return enter(status, wf, a.phase, facts);
    case "exit":
      return exit(status, wf, a.phase, facts);
    case "approve":
    case "reject":
      return decide(status, wf, a, facts);
    case "abandon":
      return { event: { type: "run-end", abandoned: true, ...(a.reason ? { reason: a.reason } : {}) } };
    case "end": {
      const p = status.phase ? phaseOf(wf, status.phase) : undefined;
      if (!p || p.next.length > 0 || status.phase_state !== "exited")
        return {
          refusal: `the run can end only after exiting a last phase (${wf.phases
            .filter((x) => x.next.length === 0)
            .map((x) => x.id)
            .join(
              ", ",
            )}); it is ${status.phase ? `${status.phase_state} ${status.phase}` : "before its first phase"} (or end it with --abandon)`,
        };
      return { event: { type: "run-end" } };
    }
  }
}

/**
 * The pipeline's run state as data: workflows (the phase graph, snapshotted into each run as
 * `workflow.json`), a run's `status.json` and the lines of its `events.ndjson`. Import-free and without
 * zod, so the hook runtime can read a run without loading the library; the structural checks below are
 * hand-written for the same reason (the library's YAML workflows are checked by zod in kinds.ts).
 */

export type Depth = "quick" | "standard" | "deep";
export const DEPTHS: readonly Depth[] = ["quick", "standard", "deep"];

export interface WorkflowPhase {
  id: string;
  /** The library command that runs the phase. */
  command?: string;
  /** The library agent that owns the phase. */
  role?: string;
  /** Schema name of the artifact required to exit the phase. */
  artifact?: string;
  /** `user`: an approval (`cadre run gate approve`) is needed to leave the phase. */
  gate: "user" | "none";
  /** Declares a review loop: a reject sends the run back to this phase. */
  review_of?: string;
  next: string[];
}

export interface Workflow {
  name: string;
  description: string;
  start: string;
  /** Source edits are allowed from this phase on (the pipeline-gate hook). */
  edits_from?: string;
  /** How many times a review may send its phase back, per depth. */
  caps: Record<Depth, number>;
  phases: WorkflowPhase[];
}

export type RunState = "active" | "ended" | "abandoned";

export interface RunStatus {
  schema_version: 1;
  id: string;
  workflow: string;
  depth: Depth;
  intent?: string;
  state: RunState;
  phase: string | null;
  phase_state: "entered" | "exited" | null;
  created_at: string;
  updated_at: string;
  history: { phase: string; entered_at: string; exited_at?: string }[];
  gates: { phase: string; decision: "approve" | "reject"; reason: string; at: string }[];
  /** Key: the review phase id; value: rejects so far. */
  loops: Record<string, number>;
  /** Seq of the last event folded in. */
  seq: number;
}

export interface RunEvent {
  seq: number;
  at: string;
  type: string;
  run: string;
  phase?: string;
  role?: string;
  [k: string]: unknown;
}

/** An event as a writer hands it to the store: seq and run are assigned there, `at` when absent. */
export type NewRunEvent = Omit<RunEvent, "seq" | "run" | "at"> & { at?: string };

/** Event types the state machine folds into status; every other type is a measurement. */
export const STATE_EVENTS = [
  "run-start",
  "phase-enter",
  "phase-exit",
  "gate",
  "loop-cap",
  "run-end",
  "run-resume",
] as const;
export type StateEventType = (typeof STATE_EVENTS)[number];

/** Run ids: lowercase a-z, 0-9 and '-', at most 64 characters (they are folder names). */
export const RUN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const RUN_FILES = {
  root: ".cadre/runs",
  latest: ".cadre/runs/latest",
  status: "status.json",
  events: "events.ndjson",
  workflow: "workflow.json",
  artifacts: "artifacts",
  captures: "captures",
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === "string";
const isStrs = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** Why a value is not a `Workflow` (the first problem, with its path), or undefined when it is one. */
export function workflowProblem(v: unknown): string | undefined {
  if (!isObj(v)) return "is not an object";
  for (const k of ["name", "description", "start"] as const)
    if (!isStr(v[k]) || v[k] === "") return `${k} is not a non-empty string`;
  if (v.edits_from !== undefined && !isStr(v.edits_from)) return "edits_from is not a string";
  if (!isObj(v.caps)) return "caps is not an object";
  for (const d of DEPTHS) if (!isCount(v.caps[d])) return `caps.${d} is not a whole number ≥ 0`;
  if (!Array.isArray(v.phases) || v.phases.length === 0) return "phases is not a non-empty list";
  for (const [i, p] of v.phases.entries()) {
    const at = `phases[${i}]`;
    if (!isObj(p)) return `${at} is not an object`;
    if (!isStr(p.id) || p.id === "") return `${at}.id is not a non-empty string`;
    for (const k of ["command", "role", "artifact", "review_of"] as const)
      if (p[k] !== undefined && !isStr(p[k])) return `${at}.${k} is not a string`;
    if (p.gate !== "user" && p.gate !== "none") return `${at}.gate is not "user" or "none"`;
    if (!isStrs(p.next)) return `${at}.next is not a list of phase ids`;
  }
  return undefined;
}

/** Why a value is not a `RunStatus` (the first problem, with its path), or undefined when it is one. */
export function statusProblem(v: unknown): string | undefined {
  if (!isObj(v)) return "is not an object";
  if (v.schema_version !== 1) return "schema_version is not 1";
  for (const k of ["id", "workflow", "created_at", "updated_at"] as const)
    if (!isStr(v[k])) return `${k} is not a string`;
  if (!DEPTHS.includes(v.depth as Depth)) return `depth is not one of ${DEPTHS.join(", ")}`;
  if (v.intent !== undefined && !isStr(v.intent)) return "intent is not a string";
  if (!["active", "ended", "abandoned"].includes(v.state as string))
    return "state is not active, ended or abandoned";
  if (v.phase !== null && !isStr(v.phase)) return "phase is not a string or null";
  if (![null, "entered", "exited"].includes(v.phase_state as string | null))
    return "phase_state is not entered, exited or null";
  if (!Array.isArray(v.history)) return "history is not a list";
  for (const [i, h] of v.history.entries())
    if (
      !isObj(h) ||
      !isStr(h.phase) ||
      !isStr(h.entered_at) ||
      (h.exited_at !== undefined && !isStr(h.exited_at))
    )
      return `history[${i}] is not {phase, entered_at, exited_at?}`;
  if (!Array.isArray(v.gates)) return "gates is not a list";
  for (const [i, g] of v.gates.entries())
    if (
      !isObj(g) ||
      !isStr(g.phase) ||
      (g.decision !== "approve" && g.decision !== "reject") ||
      !isStr(g.reason) ||
      !isStr(g.at)
    )
      return `gates[${i}] is not {phase, decision, reason, at}`;
  if (!isObj(v.loops) || !Object.values(v.loops).every(isCount)) return "loops is not a map of counts";
  if (!isCount(v.seq)) return "seq is not a whole number ≥ 0";
  return undefined;
}

/** Why a parsed `events.ndjson` line is not a `RunEvent`, or undefined when it is one. */
export function eventProblem(v: unknown): string | undefined {
  if (!isObj(v)) return "is not a JSON object";
  if (!isCount(v.seq) || v.seq === 0) return "seq is not a whole number ≥ 1";
  if (!isStr(v.at)) return "at is not a string";
  if (!isStr(v.type) || v.type === "") return "type is not a non-empty string";
  if (!isStr(v.run)) return "run is not a string";
  return undefined;
}

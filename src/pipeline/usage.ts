/**
 * `cadre usage`: measured usage, as sums of recorded events and nothing else. Pure: the events of each run
 * (and of the project's usage log) come in, the report goes out. Events are read defensively (any field may
 * be absent or mistyped, as writers differ); what a figure could not include is counted and said.
 */
import type { RunEvent } from "../model/run.js";
import { USAGE_EVENTS } from "../model/usage.js";

/** One source of events: a run (with its workflow's phase roles) or the project log (`run: null`). */
export interface UsageSource {
  run: string | null;
  roles?: Record<string, string | undefined>;
  events: readonly RunEvent[];
  /** Lines of the events file that were not events (torn, damaged). */
  skipped?: number;
}

export interface UsageRow {
  key: string;
  captures: number;
  captured_bytes: number;
  captured_tokens: number;
  returned_bytes: number;
  returned_tokens: number;
  answers: number;
  answer_bytes: number;
  answer_tokens: number;
  /** Answers whose event records the full size of the files they stand for, and those sums. */
  answers_with_full: number;
  answer_tokens_with_full: number;
  full_tokens: number;
  compactions: number;
}

export interface UsageReport {
  runs: string[];
  project_log: boolean;
  totals: UsageRow;
  by_phase: UsageRow[];
  by_role: UsageRow[];
  by_run: UsageRow[];
  /** Answers per `via:tool`. */
  by_tool: UsageRow[];
  counts: {
    events: number;
    measurements: number;
    capture_duplicates: number;
    compactions_merged: number;
    placed_by_position: number;
    skipped_lines: number;
  };
  /** What the figures do not include or cannot know, each with its count. */
  unknowns: string[];
}

export const NO_RUN_KEY = "(no run)";
export const NO_PHASE_KEY = "(no phase)";
export const BETWEEN_KEY = "(between phases)";
export const NO_ROLE_KEY = "(no role)";
/** Compaction events of one host session closer than this are one compaction (several hooks on one event). */
export const COMPACTION_MERGE_MS = 10_000;

export function emptyRow(key: string): UsageRow {
  return {
    key,
    captures: 0,
    captured_bytes: 0,
    captured_tokens: 0,
    returned_bytes: 0,
    returned_tokens: 0,
    answers: 0,
    answer_bytes: 0,
    answer_tokens: 0,
    answers_with_full: 0,
    answer_tokens_with_full: 0,
    full_tokens: 0,
    compactions: 0,
  };
}

const NUMERIC = Object.keys(emptyRow("")).filter((k) => k !== "key") as Exclude<keyof UsageRow, "key">[];

function addRow(into: UsageRow, from: Omit<UsageRow, "key">): void {
  for (const k of NUMERIC) into[k] += from[k];
}

/** A measured count: a finite number ≥ 0, else undefined (absent or not a count). */
function count(e: RunEvent, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = e[k];
    if (typeof v === "number" && Number.isFinite(v) && v >= 0) return v;
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export const isCapture = (e: RunEvent) => e.type === USAGE_EVENTS.capture || e.type === "output-capture";
export const isAnswer = (e: RunEvent) => e.type === USAGE_EVENTS.answer;
export const isCompaction = (e: RunEvent) => e.type === USAGE_EVENTS.compaction || e.type === "pre-compact";

/** Missing fields, by name, across the events that lacked them. */
type Gaps = Map<string, number>;
const gap = (g: Gaps, what: string) => g.set(what, (g.get(what) ?? 0) + 1);

/** The contribution of one capture event; each missing figure is a gap, not a zero taken as measured. */
export function captureRow(e: RunEvent, gaps: Gaps): Omit<UsageRow, "key"> {
  const r = emptyRow("");
  r.captures = 1;
  const fields: [keyof UsageRow, string[]][] = [
    ["captured_bytes", ["captured_bytes", "bytes", "output_bytes"]],
    ["captured_tokens", ["captured_tokens", "tokens", "output_tokens"]],
    ["returned_bytes", ["returned_bytes", "context_bytes"]],
    ["returned_tokens", ["returned_tokens", "context_tokens"]],
  ];
  for (const [k, names] of fields) {
    const v = count(e, ...names);
    if (v === undefined) gap(gaps, `capture:${k}`);
    else (r[k] as number) = v;
  }
  return r;
}

export function answerRow(e: RunEvent, gaps: Gaps): Omit<UsageRow, "key"> {
  const r = emptyRow("");
  r.answers = 1;
  const tokens = count(e, "tokens");
  const bytes = count(e, "bytes");
  const full = count(e, "full_tokens");
  if (tokens === undefined) gap(gaps, "answer:tokens");
  else r.answer_tokens = tokens;
  if (bytes === undefined) gap(gaps, "answer:bytes");
  else r.answer_bytes = bytes;
  if (full === undefined) gap(gaps, "answer:full_tokens");
  else if (tokens !== undefined) {
    r.answers_with_full = 1;
    r.answer_tokens_with_full = tokens;
    r.full_tokens = full;
  }
  return r;
}

/** Capture events naming the same capture file are one capture: the first value of each field wins. */
export function mergeCaptures(events: readonly RunEvent[]): { events: RunEvent[]; duplicates: number } {
  const out: RunEvent[] = [];
  const byPath = new Map<string, number>();
  let duplicates = 0;
  for (const e of events) {
    const path = isCapture(e) ? (str(e.path) ?? str(e.file)) : undefined;
    const at = path === undefined ? undefined : byPath.get(path);
    if (path === undefined || at === undefined) {
      if (path !== undefined) byPath.set(path, out.length);
      out.push(e);
      continue;
    }
    duplicates++;
    const kept = out[at] as RunEvent;
    const merged: RunEvent = { ...kept };
    for (const [k, v] of Object.entries(e)) if (merged[k] === undefined) merged[k] = v;
    out[at] = merged;
  }
  return { events: out, duplicates };
}

/** Compaction events of one host session within COMPACTION_MERGE_MS of the previous one are merged. */
export function mergeCompactions(events: readonly RunEvent[]): { events: RunEvent[]; merged: number } {
  const last = new Map<string, number>();
  const out: RunEvent[] = [];
  let merged = 0;
  for (const e of events) {
    const t = Date.parse(e.at);
    if (!isCompaction(e) || !Number.isFinite(t)) {
      out.push(e);
      continue;
    }
    const key = `${str(e.host) ?? ""}\u0000${str(e.session) ?? ""}`;
    const prev = last.get(key);
    last.set(key, t);
    if (prev !== undefined && Math.abs(t - prev) < COMPACTION_MERGE_MS) merged++;
    else out.push(e);
  }
  return { events: out, merged };
}

/**
 * Where each event belongs: its own `phase`/`role` when it names them, else the phase the run was in at
 * that point of its events (the last phase-enter or phase-exit before it) and that phase's role.
 */
export function placeEvents(
  src: UsageSource,
): Array<{ event: RunEvent; phase: string; role: string; byPosition: boolean }> {
  let phase: string | undefined;
  let inside = false;
  const out: Array<{ event: RunEvent; phase: string; role: string; byPosition: boolean }> = [];
  for (const e of src.events) {
    if (e.type === "phase-enter" || e.type === "phase-exit") {
      phase = str(e.phase) ?? phase;
      inside = e.type === "phase-enter";
    }
    const own = str(e.phase);
    const derived = src.run === null ? NO_RUN_KEY : !phase ? NO_PHASE_KEY : inside ? phase : BETWEEN_KEY;
    const p = own ?? derived;
    const role = str(e.role) ?? src.roles?.[p] ?? NO_ROLE_KEY;
    out.push({ event: e, phase: p, role, byPosition: own === undefined && src.run !== null });
  }
  return out;
}

function bump(rows: Map<string, UsageRow>, key: string, add: Omit<UsageRow, "key">): void {
  const r = rows.get(key) ?? emptyRow(key);
  rows.set(key, r);
  addRow(r, add);
}

const sorted = (m: Map<string, UsageRow>) => [...m.values()].sort((a, b) => a.key.localeCompare(b.key));

const GAP_TEXT: Record<string, string> = {
  "capture:captured_bytes": "capture event(s) record no captured bytes",
  "capture:captured_tokens": "capture event(s) record no captured tokens",
  "capture:returned_bytes": "capture event(s) record no returned bytes",
  "capture:returned_tokens": "capture event(s) record no returned tokens",
  "answer:tokens": "answer event(s) record no tokens",
  "answer:bytes": "answer event(s) record no bytes",
  "answer:full_tokens":
    "answer(s) stand for no whole file (search results, maps, library items) or record no full size: they are left out of the served-vs-full comparison",
};

/** What the report cannot know, always said, then the gaps in the events it read. */
export function unknownsOf(gaps: Gaps, counts: UsageReport["counts"]): string[] {
  const out = [
    "whether the host also passed a captured command's full output to the model: a capture records what the hook returned, not what the host sent",
    "tokens the model spent beyond what cadre served or captured (prompts, file reads, replies): hosts do not report them to hooks",
    "compactions of sessions without a pre-compact hook installed, or in hosts without that event",
    "what the agent would have read without recall or the MCP server: full_tokens is the size of the files an answer stands for, not a counterfactual",
  ];
  for (const [k, n] of [...gaps.entries()].sort()) out.push(`${n} ${GAP_TEXT[k] ?? k}`);
  if (counts.skipped_lines > 0)
    out.push(
      `${counts.skipped_lines} line(s) of events files were not events (torn or damaged) and are not counted`,
    );
  if (counts.placed_by_position > 0)
    out.push(
      `${counts.placed_by_position} measurement(s) name no phase: placed in the phase their run was in at that point of its events`,
    );
  return out;
}

/** The report: every figure a sum over the measurement events of the sources given. */
export function aggregateUsage(sources: readonly UsageSource[]): UsageReport {
  const phases = new Map<string, UsageRow>();
  const roles = new Map<string, UsageRow>();
  const runs = new Map<string, UsageRow>();
  const tools = new Map<string, UsageRow>();
  const totals = emptyRow("total");
  const gaps: Gaps = new Map();
  const counts: UsageReport["counts"] = {
    events: 0,
    measurements: 0,
    capture_duplicates: 0,
    compactions_merged: 0,
    placed_by_position: 0,
    skipped_lines: 0,
  };
  for (const src of sources) {
    counts.events += src.events.length;
    counts.skipped_lines += src.skipped ?? 0;
    const caps = mergeCaptures(src.events);
    const comps = mergeCompactions(caps.events);
    counts.capture_duplicates += caps.duplicates;
    counts.compactions_merged += comps.merged;
    const runKey = src.run ?? NO_RUN_KEY;
    for (const p of placeEvents({ ...src, events: comps.events })) {
      const e = p.event;
      let add: Omit<UsageRow, "key">;
      if (isCapture(e)) add = captureRow(e, gaps);
      else if (isAnswer(e)) add = answerRow(e, gaps);
      else if (isCompaction(e)) add = { ...emptyRow(""), compactions: 1 };
      else continue;
      counts.measurements++;
      if (p.byPosition) counts.placed_by_position++;
      addRow(totals, add);
      bump(phases, p.phase, add);
      bump(roles, p.role, add);
      bump(runs, runKey, add);
      if (isAnswer(e)) bump(tools, `${str(e.via) ?? "?"}:${str(e.tool) ?? "?"}`, add);
    }
  }
  return {
    runs: sources.flatMap((s) => (s.run === null ? [] : [s.run])),
    project_log: sources.some((s) => s.run === null),
    totals,
    by_phase: sorted(phases),
    by_role: sorted(roles),
    by_run: sorted(runs),
    by_tool: sorted(tools),
    counts,
    unknowns: unknownsOf(gaps, counts),
  };
}

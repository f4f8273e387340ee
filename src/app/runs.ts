/**
 * `cadre run …`: runs of a pipeline workflow. Every state change is decided by the pure machine
 * (src/pipeline/machine.ts) on the run's events as they are under the run's lock, appended as one event,
 * and status.json rewritten from them before the lock is released; a refusal is recorded as a `refusal`
 * event and reported as an error that says what is missing. Artifact facts come from the artifacts module.
 */
import { readdir } from "node:fs/promises";
import { ErrorCodes, UserError } from "../core/errors.js";
import { didYouMean } from "../core/names.js";
import { builtinRename } from "../hosts/builtins.js";
import type { Item } from "../model/item.js";
import { WorkflowSchema } from "../model/kinds.js";
import {
  DEPTHS,
  type Depth,
  RUN_FILES,
  RUN_ID_PATTERN,
  type RunEvent,
  type RunStatus,
  type Workflow,
  workflowProblem,
} from "../model/run.js";
import { workflowGraphProblems } from "../model/workflow-graph.js";
import { formatArtifactError } from "../pipeline/artifact.js";
import { statusViolations } from "../pipeline/invariants.js";
import {
  type Action,
  type ArtifactFact,
  type Facts,
  fold,
  type Outcome,
  step,
  transition,
} from "../pipeline/machine.js";
import { type NextStep, nextStep } from "../pipeline/next.js";
import {
  activeRunId,
  createRunDir,
  readEvents,
  readRun,
  readWorkflow,
  repairEvents,
  runFolder,
  type SkippedLine,
  setActiveRun,
  transactRun,
  writeRunFile,
  writeStatus,
} from "../runs/store.js";
import { findPhaseArtifact, validateArtifactFile } from "./artifacts.js";
import { openCatalog } from "./catalog.js";
import { layoutOf } from "./layout.js";

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now?: () => Date;
}

export function runRoot(o: RunOptions): string {
  return layoutOf({ cwd: o.cwd, env: o.env }).root;
}

/** What cadre finds of a phase's artifact: the file and its validation (the one call into the artifacts module). */
export async function artifactFact(
  root: string,
  id: string,
  phase: string,
  kind: string,
): Promise<ArtifactFact | undefined> {
  const abs = await findPhaseArtifact(root, id, phase, kind);
  if (!abs) return undefined;
  const v = await validateArtifactFile(root, abs);
  return { file: v.file, valid: v.valid, errors: v.errors.map(formatArtifactError) };
}

async function factsFor(root: string, id: string, wf: Workflow, phases: Iterable<string>): Promise<Facts> {
  const artifacts: Facts["artifacts"] = {};
  for (const ph of new Set(phases)) {
    const kind = wf.phases.find((p) => p.id === ph)?.artifact;
    if (kind) artifacts[ph] = await artifactFact(root, id, ph, kind);
  }
  return { artifacts };
}

function foldOrExplain(id: string, events: RunEvent[], wf: Workflow): RunStatus {
  try {
    return fold(events, wf);
  } catch (e) {
    throw new UserError(
      ErrorCodes.parse,
      `${RUN_FILES.root}/${id}/${RUN_FILES.events}: ${(e as Error).message}`,
      "the events do not describe a run of its workflow; start a new run",
    );
  }
}

async function resolveId(root: string, id: string | undefined): Promise<string> {
  if (id) return id;
  const active = await activeRunId(root);
  if (!active)
    throw new UserError(
      ErrorCodes.notFound,
      "no active run",
      "start one with `cadre run start`, or name a run (`cadre run list`)",
    );
  return active;
}

export interface ActResult {
  id: string;
  event: RunEvent;
  status: RunStatus;
  /** Set when the action stopped instead of moving the run (a reject at the loop cap). */
  stop?: string;
}

function hintFor(a: Action, id: string): string {
  return a.type === "enter" || a.type === "exit" || a.type === "approve" || a.type === "end"
    ? `\`cadre run status ${id}\` shows what the phase needs`
    : `\`cadre run status ${id}\` shows the run`;
}

/** Decide and record one action on a run, under its lock; a refusal is recorded and thrown (exit 1). */
export async function act(o: RunOptions, id: string | undefined, action: Action): Promise<ActResult> {
  const root = runRoot(o);
  const run = await resolveId(root, id);
  const wf = await readWorkflow(root, run);
  let before: RunStatus | null = null;
  let out: Outcome = { refusal: "not decided" };
  let after: RunStatus | undefined;
  const [event] = await transactRun(
    root,
    run,
    async (read) => {
      before = read.events.length > 0 ? foldOrExplain(run, read.events, wf) : null;
      const facts = await factsFor(root, run, wf, before?.phase ? [before.phase] : []);
      out = transition(before, wf, action, facts);
      return ["refusal" in out ? { type: "refusal", action: action.type, reason: out.refusal } : out.event];
    },
    async ([e]) => {
      if ("refusal" in out || !e) return;
      after = step(before, e, wf);
      await writeStatus(root, run, after);
    },
    o.now,
  );
  const decided = out as Outcome;
  if ("refusal" in decided) throw new UserError(ErrorCodes.refused, decided.refusal, hintFor(action, run));
  if (action.type === "end" || action.type === "abandon") await setActiveRun(root, undefined);
  if (action.type === "resume") await setActiveRun(root, run);
  return {
    id: run,
    event: event as RunEvent,
    status: after as RunStatus,
    ...(decided.stop ? { stop: decided.stop } : {}),
  };
}

/** `YYYYMMDD-HHMMSS-<slug>`: the start time (UTC) and the intent (or workflow) as ≤24 chars of [a-z0-9-]. */
export function runIdFor(now: Date, text: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 24)
    .replace(/-+$/, "");
  return slug ? `${stamp}-${slug}` : stamp;
}

/** The workflow named in the catalog the project uses, checked (schema and phase graph) and ready to snapshot. */
export async function findWorkflow(o: RunOptions, name: string): Promise<Workflow> {
  const { cat } = await openCatalog({ cwd: o.cwd, env: o.env });
  const all = cat.items.filter((i) => i.kind === "workflow");
  const item = all.find((i) => i.name === name);
  if (!item) {
    const near = didYouMean(
      name,
      all.map((i) => i.name),
    );
    throw new UserError(
      ErrorCodes.notFound,
      `no workflow "${name}" in the catalog`,
      `${near ? `${near} ` : ""}workflows: ${all.map((i) => i.name).join(", ") || "none (select the pipeline profile)"}`,
    );
  }
  return installedCommands(checkedWorkflow(item), cat.items, item.pack);
}

/**
 * The workflow with each phase's command under the name it is installed as: a command named like a host's
 * built-in (`/review`) is installed as `<pack>-<name>` (hosts/builtins.ts), and the run's next step names
 * what the user types. The command of the workflow's own pack wins over a namesake in another pack.
 */
export function installedCommands(wf: Workflow, items: readonly Item[], pack: string): Workflow {
  const phases = wf.phases.map((p) => {
    if (!p.command) return p;
    const named = items.filter((i) => i.kind === "command" && i.name === p.command);
    const cmd = named.find((i) => i.pack === pack) ?? named[0];
    const b = cmd ? builtinRename(cmd) : undefined;
    return b ? { ...p, command: b.to } : p;
  });
  return { ...wf, phases };
}

function checkedWorkflow(item: Item): Workflow {
  const where = `${item.pack}/${item.path}`;
  const r = WorkflowSchema.safeParse(item.meta);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new UserError(
      ErrorCodes.parse,
      `${where}: ${first?.path.join(".") || "workflow"}: ${first?.message}`,
      "`cadre lint` checks workflows",
    );
  }
  const { tags: _t, ...wf } = r.data;
  const graph = workflowGraphProblems(wf);
  if (graph.length > 0)
    throw new UserError(ErrorCodes.parse, `${where}: ${graph[0]?.message}`, "`cadre lint` checks workflows");
  const p = workflowProblem(wf);
  if (p) throw new UserError(ErrorCodes.parse, `${where}: ${p}`);
  return wf as Workflow;
}

export interface StartOptions extends RunOptions {
  workflow?: string;
  intent?: string;
  depth?: string;
}

/** Start a run: the workflow snapshotted as workflow.json, run-start, the start phase entered, and `latest`. */
export async function runStart(o: StartOptions): Promise<ActResult> {
  const root = runRoot(o);
  const depth = (o.depth ?? "standard") as Depth;
  if (!DEPTHS.includes(depth))
    throw new UserError(ErrorCodes.usage, `depth "${o.depth}" is not one of ${DEPTHS.join(", ")}`);
  const active = await activeRunId(root);
  if (active) {
    const st = await readRun(root, active).catch(() => undefined);
    if (!st || st.status.state === "active")
      throw new UserError(
        ErrorCodes.refused,
        `run ${active} is active`,
        `end it (\`cadre run end\`, or \`cadre run end --abandon\`) before starting another`,
      );
  }
  const wf = await findWorkflow(o, o.workflow ?? "standard");
  const now = (o.now ?? (() => new Date()))();
  const base = runIdFor(now, o.intent ?? wf.name);
  let id = base;
  for (let n = 2; ; n++) {
    try {
      await createRunDir(root, id);
      break;
    } catch (e) {
      if (!(e instanceof UserError && /already exists/.test(e.message)) || n > 99) throw e;
      id = `${base.slice(0, 60)}-${n}`;
    }
  }
  await writeRunFile(root, id, RUN_FILES.workflow, `${JSON.stringify(wf, null, 2)}\n`);
  const intent = o.intent?.trim();
  await act(o, id, { type: "start", id, depth, ...(intent ? { intent } : {}) });
  const entered = await act(o, id, { type: "enter", phase: wf.start });
  await setActiveRun(root, id);
  return entered;
}

export interface ArtifactRow {
  phase: string;
  kind: string;
  file: string | null;
  valid: boolean | null;
  errors: string[];
}

export interface RunReport {
  id: string;
  active: boolean;
  status: RunStatus;
  workflow: Workflow;
  loops: { phase: string; reviews: string; count: number; cap: number }[];
  artifacts: ArtifactRow[];
  next: NextStep;
  events: { count: number; skipped: SkippedLine[] };
  warnings: string[];
}

/** A run's status with its artifacts validated, loop counts against their caps and the next step. */
export async function runStatus(o: RunOptions, id?: string): Promise<RunReport> {
  const root = runRoot(o);
  const run = await resolveId(root, id);
  const { status, workflow: wf } = await readRun(root, run);
  const read = await readEvents(root, run);
  const warnings = read.skipped.map(
    (s) =>
      `${RUN_FILES.root}/${run}/${RUN_FILES.events}:${s.line}: skipped: ${s.reason} (\`cadre run repair\` drops it)`,
  );
  try {
    const folded = fold(read.events, wf);
    if (JSON.stringify(folded) !== JSON.stringify(status))
      warnings.push(
        `status.json (seq ${status.seq}) differs from events.ndjson (seq ${folded.seq}); \`cadre run repair\` rebuilds it`,
      );
  } catch (e) {
    warnings.push(`events.ndjson: ${(e as Error).message}`);
  }
  for (const v of statusViolations(status, wf)) warnings.push(`status.json: ${v}`);
  const visited = [...new Set(status.history.map((h) => h.phase))];
  const facts = await factsFor(root, run, wf, visited);
  const artifacts: ArtifactRow[] = wf.phases
    .filter((p) => p.artifact && visited.includes(p.id))
    .map((p) => {
      const a = facts.artifacts[p.id];
      return {
        phase: p.id,
        kind: p.artifact as string,
        file: a?.file ?? null,
        valid: a ? a.valid : null,
        errors: a?.errors ?? [],
      };
    });
  const loops = wf.phases
    .filter((p) => p.review_of)
    .map((p) => ({
      phase: p.id,
      reviews: p.review_of as string,
      count: status.loops[p.id] ?? 0,
      cap: wf.caps[status.depth],
    }));
  return {
    id: run,
    active: (await activeRunId(root)) === run,
    status,
    workflow: wf,
    loops,
    artifacts,
    next: nextStep(status, wf, facts),
    events: { count: read.events.length, skipped: read.skipped },
    warnings,
  };
}

export interface RunRow {
  id: string;
  active: boolean;
  workflow: string;
  state: string;
  phase: string | null;
  created_at: string | null;
  problem?: string;
}

/** Every run under .cadre/runs/, oldest first; a run whose files are damaged is listed with its problem. */
export async function runList(o: RunOptions): Promise<RunRow[]> {
  const root = runRoot(o);
  const dir = await runFolder(root, RUN_FILES.root, false);
  if (!dir) return [];
  const active = await activeRunId(root);
  const ids = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && RUN_ID_PATTERN.test(e.name))
    .map((e) => e.name)
    .sort();
  const rows: RunRow[] = [];
  for (const id of ids) {
    try {
      const { status } = await readRun(root, id);
      rows.push({
        id,
        active: id === active,
        workflow: status.workflow,
        state: status.state,
        phase: status.phase,
        created_at: status.created_at,
      });
    } catch (e) {
      rows.push({
        id,
        active: id === active,
        workflow: "?",
        state: "damaged",
        phase: null,
        created_at: null,
        problem: (e as Error).message,
      });
    }
  }
  return rows;
}

export interface RepairResult {
  id: string;
  dropped: SkippedLine[];
  /** What status.json was before: current, stale (behind or different from the events), malformed or missing. */
  before: "current" | "stale" | "malformed" | "missing";
  /** Events kept in events.ndjson. */
  events: number;
  status: RunStatus;
}

/** Rebuild status.json from the events, dropping lines that are not events (a torn last line). */
export async function runRepair(o: RunOptions, id?: string): Promise<RepairResult> {
  const root = runRoot(o);
  const run = await resolveId(root, id);
  const wf = await readWorkflow(root, run);
  let before: RepairResult["before"] = "current";
  try {
    const { status } = await readRun(root, run);
    before =
      JSON.stringify(status) === JSON.stringify(foldOrExplain(run, (await readEvents(root, run)).events, wf))
        ? "current"
        : "stale";
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    before = e.code === ErrorCodes.notFound ? "missing" : e.code === ErrorCodes.parse ? "malformed" : "stale";
  }
  let status: RunStatus | undefined;
  const read = await repairEvents(root, run, async (r) => {
    status = foldOrExplain(run, r.events, wf);
    await writeStatus(root, run, status);
  });
  if (read.skipped.length > 0 && before === "current") before = "stale";
  return { id: run, dropped: read.skipped, before, events: read.events.length, status: status as RunStatus };
}

/** `run status --json` and the MCP tool `run_status`: the same data. */
export function runStatusJson(r: RunReport) {
  return {
    id: r.id,
    active: r.active,
    status: r.status,
    workflow: { name: r.workflow.name, phases: r.workflow.phases.map((p) => p.id) },
    loops: r.loops,
    artifacts: r.artifacts,
    next: r.next,
    events: r.events,
    warnings: r.warnings,
  };
}

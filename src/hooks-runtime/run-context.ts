/**
 * The active pipeline run for a hook call: read from `.cadre/runs/` (runs/store.ts: no links followed,
 * malformed files are errors naming the file) and decided with src/pipeline/ (the edit stage, what the
 * phase still needs, the bootstrap brief, the summary and handoff). Loaded by the runtime only for the
 * handlers that read a run; the artifact validator (yaml, Ajv) only when the current phase's artifact
 * exists and the handler needs its validity (stop, session start, pre-compact), never on a tool call.
 */
import { lstat } from "node:fs/promises";
import { join } from "node:path";
import type { RunContext } from "../hooks/handlers.js";
import { RUN_FILES, type RunStatus, type Workflow } from "../model/run.js";
import { runBrief } from "../pipeline/brief.js";
import { editStage, unfinished } from "../pipeline/gate.js";
import type { Facts } from "../pipeline/machine.js";
import { runDocs } from "../pipeline/summary.js";
import { activeRunId, readEvents, readRun } from "../runs/store.js";

export interface RunNeeds {
  /** The current phase's artifact validity (stop gate, brief, summary). */
  facts: boolean;
  brief: boolean;
  docs: boolean;
  now: number;
}

/** What a handler on an event needs of the run beyond its phase and edit stage. */
export function runNeeds(handler: string, event: string, now: number): RunNeeds {
  return {
    facts:
      (handler === "pipeline-gate" && event === "stop") ||
      handler === "session-bootstrap" ||
      handler === "run-summary",
    brief: handler === "session-bootstrap",
    docs: handler === "run-summary",
    now,
  };
}

async function isFile(abs: string): Promise<boolean> {
  return lstat(abs).then(
    (st) => st.isFile(),
    () => false,
  );
}

/** The current phase's artifact as found and validated (the same check `cadre run status` makes). */
export async function currentFacts(root: string, s: RunStatus, wf: Workflow): Promise<Facts> {
  const p = s.phase && s.phase_state === "entered" ? wf.phases.find((x) => x.id === s.phase) : undefined;
  if (!p?.artifact) return { artifacts: {} };
  const dir = join(root, RUN_FILES.root, s.id, RUN_FILES.artifacts, p.id);
  for (const ext of [".json", ".md"]) {
    const abs = join(dir, `${p.artifact}${ext}`);
    if (!(await isFile(abs))) continue;
    const [{ validateArtifactFile }, { formatArtifactError }] = await Promise.all([
      import("../app/artifacts.js"),
      import("../pipeline/artifact.js"),
    ]);
    const v = await validateArtifactFile(root, abs);
    return {
      artifacts: { [p.id]: { file: v.file, valid: v.valid, errors: v.errors.map(formatArtifactError) } },
    };
  }
  return { artifacts: {} };
}

/**
 * The active run as the handler needs it; undefined when there is none (no `latest` pointer, or the run
 * has ended or been abandoned). Throws when the run's files cannot be read: a fail-closed hook then blocks.
 */
export async function loadRunContext(root: string, needs: RunNeeds): Promise<RunContext | undefined> {
  const id = await activeRunId(root);
  if (!id) return undefined;
  const { status, workflow } = await readRun(root, id);
  if (status.state !== "active") return undefined;
  const phase = status.phase ? workflow.phases.find((p) => p.id === status.phase) : undefined;
  const ctx: RunContext = { id, phase: status.phase, edits: editStage(status, workflow) };
  if (phase?.role) ctx.role = phase.role;
  if (!needs.facts) return ctx;
  const facts = await currentFacts(root, status, workflow);
  const left = unfinished(status, workflow, facts);
  if (left) ctx.unfinished = left;
  if (needs.brief) ctx.brief = runBrief(status, workflow, facts);
  if (needs.docs) {
    const { events } = await readEvents(root, id);
    ctx.docs = runDocs(status, workflow, events, facts, new Date(needs.now).toISOString());
  }
  return ctx;
}

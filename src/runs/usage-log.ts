/**
 * Where usage measurements go: the active run's `events.ndjson` (stamped with the run's phase and that
 * phase's role when the writer does not know them), else the project's usage log. Lean (node:fs through
 * store.ts, the tokenizer loaded only when something is counted), as the hook runtime records captures.
 */
import { countTokens } from "../core/tokens.js";
import type { NewRunEvent, RunEvent } from "../model/run.js";
import { type AnswerFields, type CaptureFields, USAGE_EVENTS } from "../model/usage.js";
import { activeRunId, appendEvent, appendProjectEvent, readRun } from "./store.js";

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

/** The active run's id, phase and the phase's role; undefined when no run is active. */
export async function usageTarget(
  root: string,
): Promise<{ run: string; phase?: string; role?: string } | undefined> {
  const run = await activeRunId(root);
  if (!run) return undefined;
  try {
    const { status, workflow } = await readRun(root, run);
    if (status.state !== "active") return undefined;
    const phase = status.phase ?? undefined;
    const role = workflow.phases.find((p) => p.id === phase)?.role;
    return { run, ...(phase ? { phase } : {}), ...(role ? { role } : {}) };
  } catch {
    // A damaged status.json: the event still belongs to the run; `cadre usage` places it by its seq.
    return { run };
  }
}

/** Append a measurement to the active run (phase and role filled in when absent), else to the project log. */
export async function recordUsage(root: string, event: NewRunEvent): Promise<RunEvent> {
  const t = await usageTarget(root);
  if (!t) return appendProjectEvent(root, event);
  const { run, ...where } = t;
  return appendEvent(root, run, { ...where, ...event });
}

/** An answer of recall or an MCP tool, measured: its tokens and bytes, and the full files it stands for. */
export async function recordAnswer(
  root: string,
  a: Omit<AnswerFields, "tokens" | "bytes"> & { text: string },
): Promise<RunEvent> {
  const { text, ...rest } = a;
  const fields: AnswerFields = { ...rest, tokens: await countTokens(text), bytes: utf8(text) };
  return recordUsage(root, { type: USAGE_EVENTS.answer, ...fields });
}

/** What the hook runtime hands over after a built-in hook ran (the shape of `decide`'s output). */
export interface HookRun {
  event?: { result?: { output?: string } };
  answer: { stdout: string; stderr: string };
  writes?: Array<{ path: string; content: string }>;
}

/**
 * After a hook call: output-capture's capture (the output kept, the answer returned, both measured) and
 * pre-compact calls (a compaction) become usage events. Anything else records nothing.
 */
export async function recordHookUsage(
  root: string,
  host: string,
  settings: { handler: string; event: string },
  session: string,
  out: HookRun,
): Promise<void> {
  if (settings.event === "pre-compact") {
    await recordUsage(root, { type: USAGE_EVENTS.compaction, host, session, handler: settings.handler });
    return;
  }
  const fields = await captureFields(host, settings, out);
  if (fields) await recordUsage(root, { type: USAGE_EVENTS.capture, session, ...fields });
}

/** output-capture's capture, measured: the output kept and the answer returned, in bytes and tokens. */
export async function captureFields(
  host: string,
  settings: { handler: string },
  out: HookRun,
): Promise<CaptureFields | undefined> {
  const write = out.writes?.[0];
  const output = out.event?.result?.output;
  if (settings.handler !== "output-capture" || !write || output === undefined) return undefined;
  const returned = `${out.answer.stdout}${out.answer.stderr}`;
  const command = write.content.startsWith("$ ") ? write.content.slice(2, write.content.indexOf("\n")) : "";
  return {
    path: write.path,
    host,
    ...(command ? { command: command.slice(0, 200) } : {}),
    captured_bytes: utf8(output),
    captured_tokens: await countTokens(output),
    returned_bytes: utf8(returned),
    returned_tokens: await countTokens(returned),
  };
}

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countTokens } from "../core/tokens.js";
import type { RunStatus, Workflow } from "../model/run.js";
import {
  appendProjectEvent,
  createRunDir,
  readEvents,
  readProjectEvents,
  setActiveRun,
  writeRunFile,
  writeStatus,
} from "./store.js";
import { recordAnswer, recordHookUsage } from "./usage-log.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "cadre-usage-log-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const output = `${"line of build output\n".repeat(600)}error: it broke\n`;
const captureRun = {
  event: { result: { output } },
  answer: { stdout: '{"hookSpecificOutput":{"additionalContext":"long output, see file"}}', stderr: "" },
  writes: [{ path: ".cadre/captures/x.log", content: `$ npm test\n${output}[exit 1]\n` }],
};

async function startRun(id: string, phase: string) {
  await createRunDir(root, id);
  const wf: Workflow = {
    name: "w",
    description: "d",
    start: "clarify",
    caps: { quick: 1, standard: 2, deep: 3 },
    phases: [{ id: "clarify", role: "clarifier", gate: "none", next: [] }],
  };
  const status: RunStatus = {
    schema_version: 1,
    id,
    workflow: "w",
    depth: "standard",
    state: "active",
    phase,
    phase_state: "entered",
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    history: [{ phase, entered_at: "2026-01-01T00:00:00.000Z" }],
    gates: [],
    loops: {},
    seq: 0,
  };
  await writeRunFile(root, id, "workflow.json", JSON.stringify(wf));
  await writeStatus(root, id, status);
  await setActiveRun(root, id);
}

describe("usage log", () => {
  it("records a capture with no active run in the project's log, measured from what the hook saw and said", async () => {
    await recordHookUsage(
      root,
      "claude-code",
      { handler: "output-capture", event: "post-tool-use" },
      "s1",
      captureRun,
    );
    const { events } = await readProjectEvents(root);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "capture",
      run: "",
      path: ".cadre/captures/x.log",
      command: "npm test",
      host: "claude-code",
      session: "s1",
      captured_bytes: Buffer.byteLength(output),
      captured_tokens: await countTokens(output),
      returned_bytes: Buffer.byteLength(captureRun.answer.stdout),
      returned_tokens: await countTokens(captureRun.answer.stdout),
    });
  });

  it("stamps events of the active run with its phase and the phase's role", async () => {
    await startRun("r1", "clarify");
    await recordAnswer(root, {
      via: "cli",
      tool: "recall",
      tier: "L1",
      text: "hello world",
      full_tokens: 40,
    });
    await recordHookUsage(
      root,
      "codex",
      { handler: "session-bootstrap", event: "pre-compact" },
      "s",
      captureRun,
    );
    const { events } = await readEvents(root, "r1");
    expect(events.map((e) => [e.type, e.phase, e.role])).toEqual([
      ["answer", "clarify", "clarifier"],
      ["compaction", "clarify", "clarifier"],
    ]);
    expect(events[0]).toMatchObject({ tokens: await countTokens("hello world"), bytes: 11, full_tokens: 40 });
    expect((await readProjectEvents(root)).events).toEqual([]);
  });

  it("records nothing for other handlers or a capture without output", async () => {
    await recordHookUsage(root, "h", { handler: "loop-cap", event: "post-tool-use" }, "s", captureRun);
    await recordHookUsage(root, "h", { handler: "output-capture", event: "post-tool-use" }, "s", {
      answer: { stdout: "", stderr: "" },
    });
    expect((await readProjectEvents(root)).events).toEqual([]);
  });

  it("serialises concurrent appends to the project log", async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => appendProjectEvent(root, { type: "answer", n: i })),
    );
    const { events, skipped } = await readProjectEvents(root);
    expect(skipped).toEqual([]);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });
});

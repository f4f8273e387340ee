import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { sample } from "../../test/helpers/artifacts.js";
import { act, runStart } from "../app/runs.js";
import { readEvents } from "../runs/store.js";
import { runHook } from "./run.js";
import { loadRunContext, runNeeds } from "./run-context.js";

const stdin = (v: unknown) => Readable.from([Buffer.from(JSON.stringify(v))]);

async function project() {
  const root = mkdtempSync(join(tmpdir(), "cadre-hook-run-"));
  writeFileSync(join(root, "cadre.yaml"), "version: 1\nhosts: [claude-code]\n");
  const o = { cwd: root, env: { HOME: join(root, "home") } };
  const { id } = await runStart({ ...o, workflow: "quick", intent: "fix login" });
  return { root, o, id };
}

function writeArtifact(root: string, id: string, phase: string, kind: string, value?: unknown) {
  const schema = JSON.parse(
    readFileSync(join(import.meta.dirname, "../../library/schemas", `${kind}.schema.json`), "utf8"),
  );
  const dir = join(root, ".cadre/runs", id, "artifacts", phase);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${kind}.json`), `${JSON.stringify(value ?? sample(schema), null, 2)}\n`);
}

const edit = (root: string, file: string) => ({
  session_id: "s1",
  cwd: root,
  hook_event_name: "PreToolUse",
  tool_name: "Edit",
  tool_input: { file_path: join(root, file), old_string: "a", new_string: "b" },
});
const denied = (stdout: string) =>
  stdout !== "" && JSON.parse(stdout).hookSpecificOutput?.permissionDecision === "deny";

describe("the hook runtime reads the active run", () => {
  it("pipeline-gate denies a source edit in clarify and plan, allows it in execute, and records the denial", async () => {
    const { root, o, id } = await project();
    const gate = (file: string) =>
      runHook(
        { id: "pipeline-gate", host: "claude-code" },
        { stdin: stdin(edit(root, file)), env: {}, cwd: root },
      );
    expect(denied((await gate("src/a.ts")).stdout)).toBe(true);
    expect(denied((await gate(`.cadre/runs/${id}/artifacts/clarify/clarification.json`)).stdout)).toBe(false);
    writeArtifact(root, id, "clarify", "clarification");
    await act(o, id, { type: "approve", phase: "clarify", reason: "ok" });
    await act(o, id, { type: "exit", phase: "clarify" });
    await act(o, id, { type: "enter", phase: "plan" });
    expect(denied((await gate("src/a.ts")).stdout)).toBe(true);
    writeArtifact(root, id, "plan", "plan");
    await act(o, id, { type: "approve", phase: "plan", reason: "ok" });
    await act(o, id, { type: "exit", phase: "plan" });
    await act(o, id, { type: "enter", phase: "execute" });
    expect((await gate("src/a.ts")).stdout).toBe("");
    const denials = (await readEvents(root, id)).events.filter((e) => e.type === "edit-denied");
    expect(denials.map((e) => [e.phase, e.role, e.target])).toEqual([
      ["clarify", "clarifier", "src/a.ts"],
      ["plan", "planner", "src/a.ts"],
    ]);
  });

  it("the stop gate validates the phase's artifact: missing and invalid block, valid passes", async () => {
    const { root, id } = await project();
    const stop = async () =>
      (
        await runHook(
          { id: "pipeline-stop-gate", host: "claude-code", handler: "pipeline-gate", event: "stop" },
          { stdin: stdin({ session_id: "s", cwd: root, hook_event_name: "Stop" }), env: {}, cwd: root },
        )
      ).stdout;
    expect(JSON.parse(await stop())).toMatchObject({
      decision: "block",
      reason: expect.stringMatching(/clarification is missing/),
    });
    writeArtifact(root, id, "clarify", "clarification", { request: 42 });
    expect(JSON.parse(await stop()).reason).toMatch(
      new RegExp(
        `artifacts/clarify/clarification\\.json does not validate against schema clarification: \\.cadre/runs/${id}/artifacts/clarify/clarification\\.json:\\d+: `,
      ),
    );
    writeArtifact(root, id, "clarify", "clarification");
    expect(await stop()).toBe("");
  });

  it("a damaged status.json fails the gate closed and leaves session-bootstrap with a note", async () => {
    const { root, id } = await project();
    writeFileSync(join(root, ".cadre/runs", id, "status.json"), '{"schema_version": 1, "id": ');
    const gate = await runHook(
      { id: "pipeline-gate", host: "claude-code" },
      { stdin: stdin(edit(root, "src/a.ts")), env: {}, cwd: root },
    );
    expect(JSON.parse(gate.stdout).hookSpecificOutput.permissionDecisionReason).toMatch(
      /cadre hook pipeline-gate failed \(.*status\.json is not valid JSON.*\)\. This guard fails closed/,
    );
    const boot = await runHook(
      { id: "session-bootstrap", host: "claude-code" },
      { stdin: stdin({ session_id: "s", cwd: root, hook_event_name: "SessionStart" }), env: {}, cwd: root },
    );
    expect(JSON.parse(boot.stdout).hookSpecificOutput.additionalContext).toMatch(
      /^There is an active pipeline run, but it could not be read: .*status\.json is not valid JSON/,
    );
  });

  it("run-summary writes summary.md and handoff.md from the events; an ended run is no active run", async () => {
    const { root, o, id } = await project();
    const big = { stdout: `${"ok\n".repeat(4000)}FAIL a.test.ts\n`, stderr: "", interrupted: false };
    const cap = await runHook(
      { id: "output-capture", host: "claude-code" },
      {
        stdin: stdin({
          session_id: "s",
          cwd: root,
          hook_event_name: "PostToolUse",
          tool_name: "Bash",
          tool_input: { command: "npm test" },
          tool_response: big,
        }),
        env: {},
        cwd: root,
        now: () => Date.UTC(2026, 11, 3, 9, 0, 0),
      },
    );
    expect(JSON.parse(cap.stdout).hookSpecificOutput.additionalContext).toContain(
      `.cadre/runs/${id}/captures/20261203T090000Z-npm-test.log`,
    );
    const r = await runHook(
      { id: "run-summary", host: "claude-code" },
      {
        stdin: stdin({ session_id: "s", cwd: root, hook_event_name: "PreCompact", trigger: "auto" }),
        env: {},
        cwd: root,
      },
    );
    expect(r).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    const summary = readFileSync(join(root, ".cadre/runs", id, "summary.md"), "utf8");
    expect(summary).toContain(`# Run ${id}: summary`);
    expect(summary).toContain("`npm test` ok, 11.7 KiB");
    const handoff = readFileSync(join(root, ".cadre/runs", id, "handoff.md"), "utf8");
    expect(handoff).toContain("`cadre artifact new clarification --run");
    const types = (await readEvents(root, id)).events.map((e) => e.type);
    expect(types.slice(-2)).toEqual(["capture", "compaction"]);
    await act(o, id, { type: "abandon" });
    expect(await loadRunContext(root, runNeeds("pipeline-gate", "pre-tool-use", 0))).toBeUndefined();
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { act, runStatus, runStatusJson } from "../app/runs.js";
import type { Workflow } from "../model/run.js";
import { createRunDir, setActiveRun, writeRunFile } from "../runs/store.js";
import { createMcpServer } from "./server.js";

const WF: Workflow = {
  name: "mini",
  description: "Two phases.",
  start: "clarify",
  caps: { quick: 1, standard: 2, deep: 3 },
  phases: [
    { id: "clarify", artifact: "clarification", gate: "user", next: ["review"] },
    { id: "review", gate: "none", review_of: "clarify", next: [] },
  ],
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "cadre-mcp-run-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function connect() {
  const server = createMcpServer({
    target: { root, dbPath: join(root, ".cadre/index.db") },
    env: { HOME: root },
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "1" });
  await Promise.all([server.connect(a), client.connect(b)]);
  return client;
}
const text = (r: unknown) => ((r as { content: { text: string }[] }).content[0]?.text ?? "") as string;

describe("MCP run_status", () => {
  it("answers with the same data as `cadre run status --json`", async () => {
    const id = "20261202-120000-mcp";
    await createRunDir(root, id);
    await writeRunFile(root, id, "workflow.json", JSON.stringify(WF));
    const o = { cwd: root, env: { HOME: root } };
    await act(o, id, { type: "start", id, depth: "standard", intent: "try mcp" });
    await act(o, id, { type: "enter", phase: "clarify" });
    await setActiveRun(root, id);
    const client = await connect();
    const r = await client.callTool({ name: "run_status", arguments: {} });
    expect(r.isError).toBeFalsy();
    const data = JSON.parse(text(r));
    expect(data).toEqual(JSON.parse(JSON.stringify(runStatusJson(await runStatus(o)))));
    expect(data).toMatchObject({
      id,
      active: true,
      status: { phase: "clarify", phase_state: "entered", intent: "try mcp" },
      loops: [{ phase: "review", reviews: "clarify", count: 0, cap: 2 }],
      artifacts: [{ phase: "clarify", kind: "clarification", file: null, valid: null }],
      next: { command: `cadre artifact new clarification --run ${id}` },
    });
  });

  it("says there is no active run, and refuses an id that is not one", async () => {
    const client = await connect();
    const none = await client.callTool({ name: "run_status", arguments: {} });
    expect(none.isError).toBe(true);
    expect(text(none)).toBe(
      "E_NOT_FOUND: no active run (hint: start one with `cadre run start`, or name a run (`cadre run list`))",
    );
    const bad = await client.callTool({ name: "run_status", arguments: { id: "../x" } });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/id/);
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Item } from "../model/item.js";
import type { Workflow } from "../model/run.js";
import { createRunDir, readEvents, readRun, writeRunFile } from "../runs/store.js";
import { act, installedCommands, runIdFor, runList, runRepair } from "./runs.js";

const WF: Workflow = {
  name: "mini",
  description: "Two phases.",
  start: "a",
  caps: { quick: 0, standard: 1, deep: 2 },
  phases: [
    { id: "a", gate: "user", next: ["b"] },
    { id: "b", gate: "none", next: [] },
  ],
};

let root: string;
const o = () => ({ cwd: root, env: { HOME: root } });
const ID = "20261202-120000-mini";
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "cadre-runs-app-"));
  await createRunDir(root, ID);
  await writeRunFile(root, ID, "workflow.json", JSON.stringify(WF));
  await act(o(), ID, { type: "start", id: ID, depth: "standard" });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("run ids", () => {
  it("are the UTC start time and a slug of at most 24 characters of a-z, 0-9 and '-'", () => {
    const at = new Date("2026-12-02T09:05:07.123Z");
    expect(runIdFor(at, "Fix the LOGIN page — now, please!!")).toBe(
      "20261202-090507-fix-the-login-page-now-p",
    );
    expect(runIdFor(at, "../../etc/passwd")).toBe("20261202-090507-etc-passwd");
    expect(runIdFor(at, "日本語")).toBe("20261202-090507");
  });
});

describe("run actions", () => {
  it("writes status.json from the events and records a refusal as an event", async () => {
    await act(o(), ID, { type: "enter", phase: "a" });
    await expect(act(o(), ID, { type: "exit", phase: "a" })).rejects.toThrow(
      "phase a needs an approval (cadre run gate approve a --reason <text>)",
    );
    const { events } = await readEvents(root, ID);
    expect(events.map((e) => e.type)).toEqual(["run-start", "phase-enter", "refusal"]);
    expect(events[2]).toMatchObject({ action: "exit", reason: expect.stringMatching(/needs an approval/) });
    const { status } = await readRun(root, ID);
    expect(status).toMatchObject({ phase: "a", phase_state: "entered", seq: 2 });
    await act(o(), ID, { type: "approve", phase: "a", reason: "ok" });
    const r = await act(o(), ID, { type: "exit", phase: "a" });
    expect(r.status.phase_state).toBe("exited");
    expect((await readRun(root, ID)).status).toEqual(r.status);
  });

  it("lists a damaged run with its problem, and repair rebuilds it", async () => {
    await writeRunFile(root, ID, "status.json", "[]");
    const rows = await runList(o());
    expect(rows).toEqual([
      {
        id: ID,
        active: false,
        workflow: "?",
        state: "damaged",
        phase: null,
        created_at: null,
        problem: `.cadre/runs/${ID}/status.json: is not an object`,
      },
    ]);
    const fixed = await runRepair(o(), ID);
    expect(fixed).toMatchObject({
      before: "malformed",
      events: 1,
      dropped: [],
      status: { state: "active", phase: null },
    });
    expect((await runList(o()))[0]?.state).toBe("active");
  });
});

describe("a phase's command, as installed", () => {
  it("is <pack>-<name> when the name is a host's built-in (/review), and kept otherwise", () => {
    const cmd = (pack: string, name: string) => ({ kind: "command", name, pack }) as Item;
    const wf: Workflow = {
      ...WF,
      phases: [
        { id: "a", command: "triage", gate: "user", next: ["b"] },
        { id: "b", command: "review", gate: "none", next: [] },
      ],
    };
    const items = [cmd("other", "review"), cmd("acme", "review"), cmd("acme", "triage")];
    expect(installedCommands(wf, items, "acme").phases.map((p) => p.command)).toEqual([
      "triage",
      "acme-review",
    ]);
    expect(installedCommands(WF, items, "acme")).toEqual(WF);
  });
});

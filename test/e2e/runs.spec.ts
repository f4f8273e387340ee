import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { runStatusJson } from "../../src/app/runs.js";
import { sample } from "../helpers/artifacts.js";
import { cadre, homeEnv, json, ROOT } from "./helpers.js";

type StatusData = ReturnType<typeof runStatusJson>;
const bases: string[] = [];
let appender = "";
afterAll(() => {
  for (const b of bases) rmSync(b, { recursive: true, force: true });
});
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "cadre-runs-bundle-"));
  bases.push(dir);
  appender = join(dir, "append-events.mjs");
  await build({
    entryPoints: [join(ROOT, "test/e2e/fixtures/append-events.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: appender,
    logLevel: "silent",
  });
});

function project() {
  const base = mkdtempSync(join(tmpdir(), "cadre-runs-e2e-"));
  bases.push(base);
  const dir = join(base, "app");
  mkdirSync(dir);
  const env = homeEnv(join(base, "home"));
  const run = (...args: string[]) => cadre(["run", ...args], { cwd: dir, env });
  return { dir, env, run };
}

type Env = ReturnType<typeof project>;
const runDir = (p: Env, id: string) => join(p.dir, ".cadre/runs", id);
const events = (p: Env, id: string) =>
  readFileSync(join(runDir(p, id), "events.ndjson"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { seq: number; type: string; phase?: string; tag?: string; n?: number });

/** A valid artifact of a kind, from its schema in the library, written where the run looks for it. */
function writeArtifact(p: Env, id: string, phase: string, kind: string, value?: unknown) {
  const schema = JSON.parse(readFileSync(join(ROOT, "library/schemas", `${kind}.schema.json`), "utf8"));
  const dir = join(runDir(p, id), "artifacts", phase);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${kind}.json`), `${JSON.stringify(value ?? sample(schema), null, 2)}\n`);
}

async function start(p: Env, ...args: string[]) {
  const r = await p.run("start", ...args);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const id = r.stdout.trim();
  expect(id).toMatch(/^\d{8}-\d{6}-[a-z0-9-]+$/);
  return id;
}

function appendChild(p: Env, id: string, count: number, tag: string): ChildProcess {
  return spawn(process.execPath, [appender, p.dir, id, String(count), tag], {
    stdio: ["ignore", "pipe", "pipe"],
  });
}
const exited = (c: ChildProcess) => new Promise<number | null>((ok) => c.on("close", (code) => ok(code)));

interface Phase {
  id: string;
  artifact?: string;
  gate: string;
  review_of?: string;
  next: string[];
}

describe("cadre run: a full run of the standard workflow", () => {
  it("goes through every phase with real artifacts, gates and a review loop, refusing what is missing", async () => {
    const p = project();
    const id = await start(p, "--intent", "Login page", "--depth", "standard");
    expect(id).toMatch(/-login-page$/);
    const wf = JSON.parse(readFileSync(join(runDir(p, id), "workflow.json"), "utf8")) as { phases: Phase[] };
    expect(wf.phases.map((x) => x.id)).toEqual([
      "clarify",
      "discover",
      "specify",
      "spec-challenge",
      "author",
      "design",
      "design-review",
      "plan",
      "plan-review",
      "execute",
      "verify",
      "review",
      "learn",
      "prepare-next",
    ]);

    // An invalid artifact (the schema's required fields missing) is refused with its file and line.
    writeArtifact(p, id, "clarify", "clarification", { request: 42 });
    const bad = await p.run("phase", "exit", "clarify");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /error: the artifact \.cadre\/runs\/[^ ]+\/artifacts\/clarify\/clarification\.json of phase clarify does not validate against schema clarification: line \d+: /,
    );
    writeArtifact(p, id, "clarify", "clarification");
    const unapproved = await p.run("phase", "exit", "clarify");
    expect(unapproved.code).toBe(1);
    expect(unapproved.stderr).toContain(
      "phase clarify needs an approval (cadre run gate approve clarify --reason <text>)",
    );

    let rejected = false;
    for (const [i, ph] of wf.phases.entries()) {
      if (i > 0) expect((await p.run("phase", "enter", ph.id)).code).toBe(0);
      if (ph.artifact) writeArtifact(p, id, ph.id, ph.artifact);
      if (ph.id === "spec-challenge" && !rejected) {
        rejected = true;
        const r = await p.run("gate", "reject", "spec-challenge", "--reason", "AC-2 is untestable");
        expect(r.code).toBe(0);
        expect(r.stdout).toContain("sent back to specify, loop 1");
        // Back in specify: its approval is needed again, then the challenge runs again.
        expect((await p.run("gate", "approve", "specify", "--reason", "AC-2 rewritten")).code).toBe(0);
        expect((await p.run("phase", "exit", "specify")).code).toBe(0);
        expect((await p.run("phase", "enter", "spec-challenge")).code).toBe(0);
      }
      if (ph.gate === "user")
        expect((await p.run("gate", "approve", ph.id, "--reason", "looks right")).code).toBe(0);
      const out = await p.run("phase", "exit", ph.id);
      expect(out.stderr).toBe("");
      expect(out.code).toBe(0);
    }
    const status = json<{ data: StatusData }>(await p.run("status", "--json")).data;
    expect(status.status.state).toBe("active");
    expect(status.status.phase).toBe("prepare-next");
    expect(status.loops.find((l) => l.phase === "spec-challenge")).toEqual({
      phase: "spec-challenge",
      reviews: "specify",
      count: 1,
      cap: 2,
    });
    expect(status.artifacts.every((a) => a.valid === true)).toBe(true);
    expect(status.artifacts).toHaveLength(14);
    expect(status.next.command).toBe("cadre run end");
    expect(status.warnings).toEqual([]);
    expect((await p.run("end")).code).toBe(0);
    const list = await p.run("list");
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+standard\\s+ended\\s+prepare-next`));
    const seqs = events(p, id).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const ended = json<{ data: StatusData }>(await p.run("status", id, "--json")).data;
    expect(ended.status.history.map((h) => h.phase)).toEqual([
      "clarify",
      "discover",
      "specify",
      "spec-challenge",
      "specify",
      "spec-challenge",
      ...wf.phases.slice(4).map((x) => x.id),
    ]);
  }, 300_000);

  it("stops a review loop at its cap with a loop-cap event", async () => {
    const p = project();
    const id = await start(p, "--workflow", "quick", "--depth", "quick", "--intent", "fix typo");
    const through = async (phases: string[]) => {
      for (const ph of phases) {
        const wf = JSON.parse(readFileSync(join(runDir(p, id), "workflow.json"), "utf8")) as {
          phases: Phase[];
        };
        const def = wf.phases.find((x) => x.id === ph) as Phase;
        if (def.artifact) writeArtifact(p, id, ph, def.artifact);
        if (def.gate === "user") await p.run("gate", "approve", ph, "--reason", "ok");
        expect((await p.run("phase", "exit", ph)).code).toBe(0);
        const next = def.next[0];
        if (next) expect((await p.run("phase", "enter", next)).code).toBe(0);
      }
    };
    await through(["clarify", "plan", "execute", "verify"]);
    writeArtifact(p, id, "review", "review-report");
    expect((await p.run("gate", "reject", "review", "--reason", "no test for the fix")).code).toBe(0);
    await through(["execute", "verify"]);
    const stop = await p.run("gate", "reject", "review", "--reason", "still no test", "--json");
    expect(stop.code).toBe(1);
    const env = json<{ ok: boolean; errors: { code: string; message: string }[] }>(stop);
    expect(env.ok).toBe(false);
    expect(env.errors[0]?.message).toMatch(
      /^review loop cap reached: review has sent execute back 1 time \(cap 1 at depth quick\)/,
    );
    const last = events(p, id).at(-1);
    expect(last).toMatchObject({ type: "loop-cap", phase: "review", loops: 1, cap: 1 });
    const s = json<{ data: StatusData }>(await p.run("status", "--json")).data;
    expect(s.status).toMatchObject({ phase: "review", phase_state: "entered", loops: { review: 1 } });
  }, 180_000);
});

describe("cadre run: concurrent writers and crashes", () => {
  it("8 processes appending 200 events each lose no line and never share a seq", async () => {
    const p = project();
    const id = await start(p, "--intent", "concurrency");
    const before = events(p, id).length;
    const kids = Array.from({ length: 8 }, (_, k) => appendChild(p, id, 200, `w${k}`));
    expect(await Promise.all(kids.map(exited))).toEqual(Array(8).fill(0));
    const text = readFileSync(join(runDir(p, id), "events.ndjson"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const all = events(p, id);
    expect(all).toHaveLength(before + 1600);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    for (let k = 0; k < 8; k++) {
      const mine = all.filter((e) => e.tag === `w${k}`).map((e) => e.n);
      expect(mine).toEqual(Array.from({ length: 200 }, (_, i) => i));
    }
    const s = json<{ data: StatusData }>(await p.run("status", "--json")).data;
    expect(s.events).toEqual({ count: before + 1600, skipped: [] });
    expect(s.warnings).toEqual([]);
  }, 180_000);

  it("a writer killed with SIGKILL mid-append leaves a run that status, repair and the next append handle", async () => {
    const p = project();
    const id = await start(p, "--intent", "kill nine");
    const child = appendChild(p, id, 0, "doomed");
    await new Promise<void>((ok) => child.stdout?.once("data", () => ok()));
    await new Promise((ok) => setTimeout(ok, 150));
    child.kill("SIGKILL");
    await exited(child);
    // Whatever the kill left (a torn line, a lock owned by a dead process), the run goes on.
    const status = await p.run("status", "--json");
    expect(status.code).toBe(0);
    const repair = await p.run("repair");
    expect(repair.code).toBe(0);
    expect(repair.stdout).toMatch(
      /status\.json was (current|stale); rebuilt from \d+ event\(s\): active, phase clarify \(entered\)/,
    );
    writeArtifact(p, id, "clarify", "clarification");
    expect((await p.run("gate", "approve", "clarify", "--reason", "ok")).code).toBe(0);
    const all = events(p, id);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all.at(-1)).toMatchObject({ type: "gate", phase: "clarify" });
    expect(all.filter((e) => e.tag === "doomed").length).toBeGreaterThan(0);
    const after = json<{ data: StatusData }>(await p.run("status", "--json")).data;
    expect(after.warnings).toEqual([]);
  }, 120_000);

  it("resumes a run after a crash left its status.json behind and no active pointer", async () => {
    const p = project();
    const id = await start(p, "--intent", "crash");
    writeArtifact(p, id, "clarify", "clarification");
    await p.run("gate", "approve", "clarify", "--reason", "ok");
    // The crash: status.json from before the approval, and the pointer gone.
    const dir = runDir(p, id);
    const stale = JSON.parse(readFileSync(join(dir, "status.json"), "utf8"));
    stale.gates = [];
    stale.seq = 2;
    writeFileSync(join(dir, "status.json"), JSON.stringify(stale));
    rmSync(join(p.dir, ".cadre/runs/latest"));
    const none = await p.run("status");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("error: no active run");
    const r = await p.run("resume", id);
    expect(r.code).toBe(0);
    expect(readFileSync(join(p.dir, ".cadre/runs/latest"), "utf8").trim()).toBe(id);
    const s = json<{ data: StatusData }>(await p.run("status", "--json")).data;
    expect(s.status.gates).toHaveLength(1);
    expect(s.warnings).toEqual([]);
    expect((await p.run("phase", "exit", "clarify")).code).toBe(0);
  }, 120_000);
});

describe("cadre run: bad input", () => {
  it("malformed status.json, a truncated events line, an unknown phase and an unknown workflow are clear errors", async () => {
    const p = project();
    const wrong = await p.run("start", "--workflow", "standrd");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('error: no workflow "standrd" in the catalog');
    expect(wrong.stderr).toMatch(/hint: did you mean standard\?.*workflows: .*quick/);

    const id = await start(p);
    const unknown = await p.run("phase", "enter", "specifyy");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'error: workflow standard has no phase "specifyy"; did you mean specify?',
    );

    const dir = runDir(p, id);
    writeFileSync(join(dir, "status.json"), '{"schema_version": 1, "id": ');
    const malformed = await p.run("status");
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain(`error: .cadre/runs/${id}/status.json is not valid JSON`);
    expect(malformed.stderr).toContain("hint: run `cadre run repair` to rebuild it from events.ndjson");

    appendFileSync(join(dir, "events.ndjson"), '{"seq":3,"at":"2026-12-02T10:00:00Z","type":"phase-ex');
    const repaired = await p.run("repair");
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toBe(
      "dropped events.ndjson line 4: cut off (no newline): a writer was interrupted\nstatus.json was malformed; rebuilt from 3 event(s): active, phase clarify (entered)\n",
    );
    const s = json<{ data: StatusData }>(await p.run("status", "--json")).data;
    expect(s.warnings).toEqual([]);
    expect(s.events.count).toBe(3);

    appendFileSync(join(dir, "events.ndjson"), "garbage\n");
    const warned = await p.run("status");
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(`warning: .cadre/runs/${id}/events.ndjson:4: skipped: not valid JSON`);

    const gateless = await p.run("gate", "approve", "clarify");
    expect(gateless.code).toBe(2);
    expect(gateless.stderr).toContain("run gate approve needs --reason <text>");
  }, 120_000);
});

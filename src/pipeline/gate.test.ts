import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../core/frontmatter.js";
import { WorkflowSchema } from "../model/kinds.js";
import type { RunEvent, RunStatus, Workflow } from "../model/run.js";
import { runBrief } from "./brief.js";
import { editStage, phasesFrom, unfinished } from "./gate.js";
import { type Action, type Facts, fold, step, transition } from "./machine.js";
import { nextStep } from "./next.js";
import { runDocs } from "./summary.js";

const load = (name: string): Workflow =>
  WorkflowSchema.parse(
    parseYaml(readFileSync(join(import.meta.dirname, `../../library/workflows/${name}.yaml`), "utf8")).value,
  ) as Workflow;
const STANDARD = load("standard");
const QUICK = load("quick");
const AUDIT = load("audit");

const valid = (file: string) => ({ file, valid: true, errors: [] });

/** A run driven through the real machine: every action must be accepted. */
class Run {
  events: RunEvent[] = [];
  status: RunStatus | null = null;
  constructor(readonly wf: Workflow) {}
  private push(e: Omit<RunEvent, "seq" | "at" | "run">) {
    const seq = this.events.length + 1;
    const ev = { ...e, seq, at: new Date(Date.UTC(2026, 11, 3, 9, 0, 0, seq)).toISOString(), run: "r1" };
    this.events.push(ev as RunEvent);
    this.status = step(this.status, ev as RunEvent, this.wf);
  }
  /** The artifacts written so far (valid), as the caller would find them on disk. */
  facts: Facts = { artifacts: {} };
  act(a: Action, extra: Facts = { artifacts: {} }): this {
    const facts = { artifacts: { ...this.facts.artifacts, ...extra.artifacts } };
    const o = transition(this.status, this.wf, a, facts);
    if ("refusal" in o) throw new Error(`refused: ${o.refusal}`);
    this.push(o.event);
    return this;
  }
  /** A measurement event (capture, refusal, …), as a hook or the CLI appends it. */
  record(e: Omit<RunEvent, "seq" | "at" | "run">): this {
    this.push(e);
    return this;
  }
  /** Enter, approve (when gated) and exit a phase with a valid artifact. */
  pass(phase: string): this {
    const p = this.wf.phases.find((x) => x.id === phase);
    if (this.status?.phase !== phase || this.status.phase_state !== "entered")
      this.act({ type: "enter", phase });
    this.facts.artifacts[phase] = valid(`.cadre/runs/r1/artifacts/${phase}/${p?.artifact}.json`);
    if (p?.gate === "user") this.act({ type: "approve", phase, reason: "ok" });
    return this.act({ type: "exit", phase });
  }
  get s(): RunStatus {
    return this.status as RunStatus;
  }
}

const started = (wf: Workflow) => new Run(wf).act({ type: "start", id: "r1", depth: "standard" });

describe("the edit stage of a run (pipeline-gate)", () => {
  it("opens at edits_from and stays open for every phase after it", () => {
    expect([...phasesFrom(STANDARD, "execute")].sort()).toEqual(
      ["execute", "learn", "prepare-next", "review", "verify"].sort(),
    );
    const r = started(QUICK);
    const before = editStage(r.s, QUICK);
    expect(before.allowed).toBe(false);
    expect(before.why).toMatch(/has not entered its first phase; source edits open at phase execute/);
    r.act({ type: "enter", phase: "clarify" });
    expect(editStage(r.s, QUICK)).toMatchObject({ allowed: false });
    expect(editStage(r.s, QUICK).why).toMatch(/in phase clarify, before execute/);
    r.pass("clarify").pass("plan");
    // Plan exited, execute not entered yet: still before it.
    expect(editStage(r.s, QUICK).allowed).toBe(false);
    r.act({ type: "enter", phase: "execute" });
    expect(editStage(r.s, QUICK)).toEqual({
      allowed: true,
      why: "Run r1 (workflow quick) is in phase execute, at or after execute",
    });
    r.pass("execute").act({ type: "enter", phase: "verify" });
    expect(editStage(r.s, QUICK).allowed).toBe(true);
  });

  it("a review that sends the run back to execute keeps edits open; one that sends it back to specify closes them", () => {
    const r = started(STANDARD);
    for (const ph of ["clarify", "specify", "spec-challenge"]) r.pass(ph);
    r.act({ type: "enter", phase: "plan" });
    expect(editStage(r.s, STANDARD).allowed).toBe(false);
    for (const ph of ["plan", "plan-review", "execute", "verify"]) r.pass(ph);
    r.act({ type: "enter", phase: "review" });
    r.act({ type: "reject", phase: "review", reason: "tests missing" });
    expect(r.s.phase).toBe("execute");
    expect(editStage(r.s, STANDARD).allowed).toBe(true);
  });

  it("a workflow without edits_from (an audit) never opens source edits", () => {
    const r = started(AUDIT).act({ type: "enter", phase: "clarify" });
    const s = editStage(r.s, AUDIT);
    expect(s.allowed).toBe(false);
    expect(s.why).toMatch(/changes no source files/);
  });
});

describe("what keeps the current phase from being done (the stop gate)", () => {
  it("names a missing artifact, an invalid one with its errors, and nothing once it validates", () => {
    const r = started(QUICK).act({ type: "enter", phase: "clarify" });
    expect(unfinished(r.s, QUICK, { artifacts: {} })).toMatch(
      /^Phase clarify of run r1 is not done: its artifact clarification is missing \(\.cadre\/runs\/r1\/artifacts\/clarify\/clarification\.json or \.md\)/,
    );
    const bad = {
      file: ".cadre/runs/r1/artifacts/clarify/clarification.md",
      valid: false,
      errors: ["a:3: /request must be string", "a:4: x", "a:5: y", "a:6: z"],
    };
    const msg = unfinished(r.s, QUICK, { artifacts: { clarify: bad } }) as string;
    expect(msg).toContain(
      "does not validate against schema clarification: a:3: /request must be string; a:4: x; a:5: y (and 1 more)",
    );
    expect(unfinished(r.s, QUICK, { artifacts: { clarify: valid(bad.file) } })).toBeUndefined();
    // Between phases (exited) and before any phase, nothing is pending.
    r.pass("clarify");
    expect(unfinished(r.s, QUICK, { artifacts: {} })).toBeUndefined();
    expect(unfinished(started(QUICK).s, QUICK, { artifacts: {} })).toBeUndefined();
  });
});

describe("the session-bootstrap brief", () => {
  it("shows the run, phase and role, the artifact's state, the gate and next.ts's next command", () => {
    const r = started(QUICK);
    r.act({ type: "enter", phase: "clarify" });
    const facts: Facts = { artifacts: {} };
    const text = runBrief(r.s, QUICK, facts);
    const next = nextStep(r.s, QUICK, facts);
    expect(text.split("\n")).toEqual([
      "Active pipeline run r1: workflow quick, depth standard.",
      "Phase: clarify (entered; role clarifier; the /clarify command).",
      "Artifact: clarification, missing (write .cadre/runs/r1/artifacts/clarify/clarification.json or .md; `cadre artifact new clarification --run r1`).",
      "Gate: the user's approval is needed (they run `cadre run gate approve clarify --reason <why>`).",
      "Source edits: not yet — they open at phase execute.",
      `Next: \`${next.command}\` — ${next.why}.`,
    ]);
    const file = ".cadre/runs/r1/artifacts/clarify/clarification.json";
    const ok = runBrief(r.s, QUICK, { artifacts: { clarify: valid(file) } });
    expect(ok).toContain(`Artifact: ${file}, valid against schema clarification.`);
    expect(ok).toContain('Next: `cadre run gate approve clarify --reason "<why>"`');
    r.act(
      { type: "approve", phase: "clarify", reason: "scope agreed" },
      { artifacts: { clarify: valid(file) } },
    );
    expect(runBrief(r.s, QUICK, { artifacts: { clarify: valid(file) } })).toContain(
      "Gate: approved by the user (scope agreed).",
    );
  });
});

describe("summary.md and handoff.md, synthesised from the run's events", () => {
  it("lists phases with their artifacts, gates and loops, captures, refusals and denied edits; the handoff's next step is next.ts's", () => {
    const r = started(QUICK);
    r.pass("clarify");
    r.act({ type: "enter", phase: "plan" });
    r.record({ type: "refusal", action: "exit", reason: "phase plan needs an approval" });
    r.record({
      type: "edit-denied",
      phase: "plan",
      role: "planner",
      hook: "pipeline-gate",
      target: "src/a.ts",
    });
    r.record({
      type: "capture",
      phase: "plan",
      role: "planner",
      command: "npm test",
      file: ".cadre/runs/r1/captures/x-npm-test.log",
      bytes: 20480,
      returned_bytes: 900,
      exit: 1,
    });
    r.record({
      type: "artifact-validate",
      phase: "plan",
      file: "p.json",
      kind: "plan",
      valid: false,
      errors: 2,
    });
    const facts: Facts = { artifacts: {} };
    const docs = runDocs(r.s, QUICK, r.events, facts, "2026-12-03T09:30:00.000Z");
    const sum = docs.summary;
    expect(sum).toMatch(/^# Run r1: summary\n/);
    expect(sum).toContain("- Workflow: quick, depth standard, state active");
    expect(sum).toContain("| clarify | clarifier | ");
    expect(sum).toContain("| .cadre/runs/r1/artifacts/clarify/clarification.json |");
    expect(sum).toMatch(/\| plan \| planner \| [^|]+ \| \(current\) \| \(in progress\) \|/);
    expect(sum).toMatch(/- \S+ approve clarify: ok/);
    expect(sum).toContain("## Captured outputs (1)");
    expect(sum).toContain("(plan): `npm test` exit 1, 20.0 KiB → .cadre/runs/r1/captures/x-npm-test.log");
    expect(sum).toContain("refused exit: phase plan needs an approval");
    expect(sum).toContain("source edit denied in plan: src/a.ts");
    expect(sum).toContain("p.json did not validate (2 errors)");
    expect(sum).toContain(
      "- Events: run-start 1, phase-enter 2, gate 1, phase-exit 1, refusal 1, edit-denied 1, capture 1, artifact-validate 1",
    );

    const next = nextStep(r.s, QUICK, facts);
    const h = docs.handoff;
    expect(h).toContain("- Phase: plan (entered, role planner, the /cadre-plan command)");
    expect(h).toContain(`\`${next.command}\` — ${next.why}.`);
    expect(h).toContain(
      "## Artifacts so far\n\n- clarify: .cadre/runs/r1/artifacts/clarify/clarification.json",
    );
    expect(h).toContain("## Recent outputs in this phase");
    expect(h).toContain("## Open problems (most recent)");
    // Deterministic: the same events give the same files.
    expect(runDocs(r.s, QUICK, r.events, facts, "2026-12-03T09:30:00.000Z")).toEqual(docs);
  });

  it("records loop caps and review loops", () => {
    const r = started(QUICK);
    r.pass("clarify").pass("plan").pass("execute").pass("verify");
    r.act({ type: "enter", phase: "review" });
    r.act({ type: "reject", phase: "review", reason: "no tests" });
    r.pass("execute").pass("verify").act({ type: "enter", phase: "review" });
    r.act({ type: "reject", phase: "review", reason: "still none" });
    const s = fold(r.events, QUICK);
    const sum = runDocs(s, QUICK, r.events, { artifacts: {} }, "t").summary;
    expect(sum).toContain("- review loops on review: 1");
    expect(sum).toMatch(/loop cap reached on review: 1 of 1 \(still none\)/);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../core/frontmatter.js";
import { WorkflowSchema } from "../model/kinds.js";
import type { Depth, RunEvent, RunStatus, Workflow } from "../model/run.js";
import { statusViolations } from "./invariants.js";
import { type Action, type Facts, fold, step, transition } from "./machine.js";
import { nextStep } from "./next.js";

const load = (name: string): Workflow =>
  WorkflowSchema.parse(
    parseYaml(readFileSync(join(import.meta.dirname, `../../library/workflows/${name}.yaml`), "utf8")).value,
  ) as Workflow;
const STANDARD = load("standard");
const QUICK = load("quick");

/** A tiny run: append an outcome's event with the next seq and a strictly later time. */
class Sim {
  events: RunEvent[] = [];
  status: RunStatus | null = null;
  constructor(readonly wf: Workflow) {}
  act(a: Action, facts: Facts = { artifacts: {} }) {
    const o = transition(this.status, this.wf, a, facts);
    if ("refusal" in o) return o;
    const seq = this.events.length + 1;
    const e = {
      ...o.event,
      seq,
      at: new Date(Date.UTC(2026, 11, 2, 12, 0, 0, seq)).toISOString(),
      run: "r1",
    } as RunEvent;
    this.events.push(e);
    this.status = step(this.status, e, this.wf);
    return o;
  }
}

const ok = (file = "a.json") => ({ file, valid: true, errors: [] });
const all = (wf: Workflow): Facts => ({ artifacts: Object.fromEntries(wf.phases.map((p) => [p.id, ok()])) });

describe("run state machine", () => {
  it("walks the standard workflow from clarify to the end, refusing what is missing", () => {
    const sim = new Sim(STANDARD);
    sim.act({ type: "start", id: "r1", depth: "standard" });
    expect(sim.act({ type: "enter", phase: "specify" })).toEqual({
      refusal: "a run of standard starts with phase clarify, not specify",
    });
    sim.act({ type: "enter", phase: "clarify" });
    expect(sim.act({ type: "exit", phase: "clarify" })).toEqual({
      refusal:
        'phase clarify needs its artifact "clarification" (artifacts/clarify/clarification.json or .md), and there is none',
    });
    const bad = { artifacts: { clarify: { file: "c.json", valid: false, errors: ["/scope: required"] } } };
    expect(sim.act({ type: "exit", phase: "clarify" }, bad)).toEqual({
      refusal:
        "the artifact c.json of phase clarify does not validate against schema clarification: /scope: required",
    });
    expect(sim.act({ type: "exit", phase: "clarify" }, all(STANDARD))).toEqual({
      refusal: "phase clarify needs an approval (cadre run gate approve clarify --reason <text>)",
    });
    expect("event" in sim.act({ type: "approve", phase: "clarify", reason: "agreed" }, all(STANDARD))).toBe(
      true,
    );
    sim.act({ type: "exit", phase: "clarify" }, all(STANDARD));
    expect(sim.act({ type: "enter", phase: "execute" }, all(STANDARD))).toEqual({
      refusal: "phase execute does not follow clarify (next: discover, specify)",
    });
    expect(sim.act({ type: "enter", phase: "nope" })).toMatchObject({
      refusal: expect.stringMatching(/^workflow standard has no phase "nope"/),
    });
    for (const id of STANDARD.phases.map((p) => p.id).slice(1)) {
      expect("event" in sim.act({ type: "enter", phase: id }, all(STANDARD))).toBe(true);
      if (STANDARD.phases.find((p) => p.id === id)?.gate === "user")
        sim.act({ type: "approve", phase: id, reason: "fine" }, all(STANDARD));
      expect(sim.act({ type: "exit", phase: id }, all(STANDARD))).toMatchObject({
        event: { type: "phase-exit" },
      });
    }
    expect(sim.act({ type: "end" })).toMatchObject({ event: { type: "run-end" } });
    expect(sim.status?.state).toBe("ended");
    expect(sim.status?.history.map((h) => h.phase)).toEqual(STANDARD.phases.map((p) => p.id));
    expect(statusViolations(sim.status as RunStatus, STANDARD)).toEqual([]);
    expect(fold(sim.events, STANDARD)).toEqual(sim.status);
    expect(sim.act({ type: "resume" })).toEqual({
      refusal: "run r1 has ended; start a new run (cadre run start)",
    });
  });

  it("sends a rejected review back and stops at the cap with a loop-cap event", () => {
    const sim = new Sim(QUICK);
    sim.act({ type: "start", id: "r1", depth: "quick" });
    for (const id of ["clarify", "plan", "execute", "verify"]) {
      sim.act({ type: "enter", phase: id }, all(QUICK));
      sim.act({ type: "approve", phase: id, reason: "ok" }, all(QUICK));
      sim.act({ type: "exit", phase: id }, all(QUICK));
    }
    sim.act({ type: "enter", phase: "review" }, all(QUICK));
    expect(sim.act({ type: "reject", phase: "review", reason: "" })).toEqual({
      refusal: "a gate decision needs a reason (--reason <text>)",
    });
    expect(sim.act({ type: "reject", phase: "review", reason: "missing test" })).toMatchObject({
      event: { type: "gate", decision: "reject", to: "execute" },
    });
    expect(sim.status).toMatchObject({ phase: "execute", phase_state: "entered", loops: { review: 1 } });
    expect(nextStep(sim.status as RunStatus, QUICK, all(QUICK)).command).toBe("cadre run phase exit execute");
    for (const id of ["execute", "verify"]) {
      if (id !== "execute") sim.act({ type: "enter", phase: id }, all(QUICK));
      sim.act({ type: "exit", phase: id }, all(QUICK));
    }
    sim.act({ type: "enter", phase: "review" }, all(QUICK));
    const o = sim.act({ type: "reject", phase: "review", reason: "still missing" });
    expect(o).toMatchObject({
      event: { type: "loop-cap", loops: 1, cap: 1 },
      stop: expect.stringMatching(/cap reached/),
    });
    expect(sim.status).toMatchObject({ phase: "review", phase_state: "entered", loops: { review: 1 } });
  });

  it("refuses every action on an abandoned run until it is resumed", () => {
    const sim = new Sim(QUICK);
    sim.act({ type: "start", id: "r1", depth: "deep", intent: "x" });
    sim.act({ type: "abandon", reason: "later" });
    expect(sim.act({ type: "enter", phase: "clarify" })).toEqual({
      refusal: "run r1 is abandoned (cadre run resume r1)",
    });
    sim.act({ type: "resume" });
    expect(sim.act({ type: "enter", phase: "clarify" })).toMatchObject({
      event: { phase: "clarify", role: "clarifier" },
    });
  });
});

const depth = fc.constantFrom<Depth>("quick", "standard", "deep");
function actionArb(wf: Workflow): fc.Arbitrary<Action> {
  const phase = fc.constantFrom(...wf.phases.map((p) => p.id), "ghost");
  const reason = fc.constantFrom("", "because");
  return fc.oneof(
    { weight: 5, arbitrary: phase.map((p) => ({ type: "enter" as const, phase: p })) },
    { weight: 5, arbitrary: phase.map((p) => ({ type: "exit" as const, phase: p })) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant("approve" as const), phase, reason }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant("reject" as const), phase, reason }) },
    { weight: 1, arbitrary: fc.constant({ type: "end" as const }) },
    { weight: 1, arbitrary: fc.constant({ type: "abandon" as const }) },
    { weight: 1, arbitrary: fc.constant({ type: "resume" as const }) },
  );
}
function factsArb(wf: Workflow): fc.Arbitrary<Facts> {
  const fact = fc.option(
    fc
      .constantFrom(true, true, true, false)
      .map((valid) => ({ file: "x.json", valid, errors: valid ? [] : ["/a: bad"] })),
    { freq: 6, nil: undefined },
  );
  return fc
    .record(Object.fromEntries(wf.phases.map((p) => [p.id, fact])))
    .map((artifacts) => ({ artifacts }));
}

describe("run state machine properties", () => {
  for (const wf of [STANDARD, QUICK]) {
    it(`${wf.name}: random actions keep a valid status, caps hold, refusals say why, fold matches`, () => {
      fc.assert(
        fc.property(
          depth,
          fc.array(fc.tuple(actionArb(wf), factsArb(wf)), { maxLength: 120, size: "max" }),
          (d, steps) => {
            const sim = new Sim(wf);
            sim.act({ type: "start", id: "r1", depth: d });
            for (const [a, facts] of steps) {
              const before = sim.status;
              const o = sim.act(a, facts);
              if ("refusal" in o) {
                expect(o.refusal.length).toBeGreaterThan(10);
                expect(sim.status).toBe(before);
              }
              const s = sim.status as RunStatus;
              expect(statusViolations(s, wf)).toEqual([]);
              for (const n of Object.values(s.loops)) expect(n).toBeLessThanOrEqual(wf.caps[d]);
            }
            expect(fold(sim.events, wf)).toEqual(sim.status);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it("a refusal names the phase or the thing that is missing", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(actionArb(QUICK), factsArb(QUICK)), { maxLength: 60 }), (steps) => {
        const sim = new Sim(QUICK);
        sim.act({ type: "start", id: "r1", depth: "standard" });
        for (const [a, facts] of steps) {
          const o = sim.act(a, facts);
          if (!("refusal" in o)) continue;
          const named =
            ("phase" in a && o.refusal.includes(a.phase)) || /^run r1 |phase|reason/.test(o.refusal);
          const why =
            /needs|has no|not|cannot|still|does not|has ended|is abandoned|is ended|only after|reason/.test(
              o.refusal,
            );
          expect(named).toBe(true);
          expect(why).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("guided walks reach every review loop and its cap, and the caps hold", () => {
    const capped = new Set<string>();
    fc.assert(
      fc.property(
        depth,
        fc.array(fc.tuple(fc.nat(99), factsArb(STANDARD)), { minLength: 150, maxLength: 300 }),
        (d, steps) => {
          const sim = new Sim(STANDARD);
          sim.act({ type: "start", id: "r1", depth: d });
          for (const [n, facts] of steps) {
            const s = sim.status as RunStatus;
            const cur = STANDARD.phases.find((p) => p.id === s.phase);
            const next = cur ? cur.next : [STANDARD.start];
            const phase = s.phase ?? STANDARD.start;
            const a: Action =
              s.phase_state !== "entered"
                ? { type: "enter", phase: next[n % Math.max(1, next.length)] ?? "ghost" }
                : n % 4 === 0
                  ? { type: "reject", phase, reason: "again" }
                  : n % 4 === 1
                    ? { type: "approve", phase, reason: "ok" }
                    : { type: "exit", phase };
            const o = sim.act(a, facts);
            if ("event" in o && o.event.type === "loop-cap") capped.add(String(o.event.phase));
            const after = sim.status as RunStatus;
            expect(statusViolations(after, STANDARD)).toEqual([]);
            for (const v of Object.values(after.loops)) expect(v).toBeLessThanOrEqual(STANDARD.caps[d]);
          }
          expect(fold(sim.events, STANDARD)).toEqual(sim.status);
        },
      ),
      { numRuns: 100, seed: 13 },
    );
    expect([...capped].sort()).toEqual(["design-review", "plan-review", "review", "spec-challenge"]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../model/run.js";
import {
  aggregateUsage,
  BETWEEN_KEY,
  COMPACTION_MERGE_MS,
  mergeCaptures,
  mergeCompactions,
  NO_ROLE_KEY,
  NO_RUN_KEY,
  placeEvents,
  type UsageRow,
} from "./usage.js";

let seq = 0;
const t0 = Date.parse("2026-01-01T00:00:00Z");
function ev(type: string, fields: Record<string, unknown> = {}, atMs?: number): RunEvent {
  seq++;
  return { seq, at: new Date(atMs ?? t0 + seq * 60_000).toISOString(), type, run: "r1", ...fields };
}

describe("aggregateUsage", () => {
  it("sums captures, answers and compactions per phase and role, placing unnamed events by position", () => {
    const events = [
      ev("run-start"),
      ev("phase-enter", { phase: "clarify" }),
      ev("capture", {
        path: "a.log",
        captured_bytes: 9000,
        captured_tokens: 2000,
        returned_bytes: 700,
        returned_tokens: 150,
      }),
      ev("answer", { via: "mcp", tool: "recall", tokens: 100, bytes: 400, full_tokens: 900 }),
      ev("phase-exit", { phase: "clarify" }),
      ev("answer", { via: "cli", tool: "recall", tokens: 50, bytes: 200 }),
      ev("phase-enter", { phase: "specify" }),
      ev("compaction", { host: "claude-code", session: "s" }),
      ev("answer", { via: "mcp", tool: "search_code", tokens: 30, bytes: 90, phase: "execute", role: "x" }),
    ];
    const r = aggregateUsage([{ run: "r1", roles: { clarify: "clarifier", specify: "specifier" }, events }]);
    expect(r.totals).toMatchObject({
      captures: 1,
      captured_bytes: 9000,
      returned_tokens: 150,
      answers: 3,
      answer_tokens: 180,
      answers_with_full: 1,
      answer_tokens_with_full: 100,
      full_tokens: 900,
      compactions: 1,
    });
    const phase = (k: string) => r.by_phase.find((x) => x.key === k) as UsageRow;
    expect(phase("clarify")).toMatchObject({ captures: 1, answers: 1 });
    expect(phase(BETWEEN_KEY)).toMatchObject({ answers: 1, answer_tokens: 50 });
    expect(phase("specify")).toMatchObject({ compactions: 1 });
    expect(phase("execute")).toMatchObject({ answers: 1 });
    expect(r.by_role.map((x) => x.key)).toEqual(["(no role)", "clarifier", "specifier", "x"]);
    expect(r.by_tool.map((x) => [x.key, x.answers])).toEqual([
      ["cli:recall", 1],
      ["mcp:recall", 1],
      ["mcp:search_code", 1],
    ]);
    expect(r.counts).toMatchObject({ measurements: 5, placed_by_position: 4 });
    expect(r.unknowns.join("\n")).toContain("2 answer(s) stand for no whole file");
  });

  it("says which figures an event lacks instead of counting them as zero measured", () => {
    const r = aggregateUsage([{ run: null, events: [ev("output-capture", { path: "x.log", bytes: 10 })] }]);
    expect(r.totals.captured_bytes).toBe(10);
    expect(r.by_phase[0]?.key).toBe(NO_RUN_KEY);
    expect(r.by_role[0]?.key).toBe(NO_ROLE_KEY);
    expect(r.project_log).toBe(true);
    const text = r.unknowns.join("\n");
    expect(text).toContain("1 capture event(s) record no returned bytes");
    expect(text).toContain("1 capture event(s) record no captured tokens");
    expect(r.counts.placed_by_position).toBe(0);
  });

  it("ignores mistyped fields (a string where a count belongs) and says so", () => {
    const r = aggregateUsage([{ run: "r", events: [ev("answer", { tokens: "12", bytes: -1 })] }]);
    expect(r.totals.answer_tokens).toBe(0);
    expect(r.unknowns.join("\n")).toMatch(/1 answer event\(s\) record no tokens/);
  });

  it("reports skipped lines", () => {
    const r = aggregateUsage([{ run: "r", events: [], skipped: 2 }]);
    expect(r.unknowns.join("\n")).toContain("2 line(s) of events files were not events");
  });
});

describe("merging", () => {
  it("two capture events for one capture file are one capture (fields merged, first wins)", () => {
    const a = ev("capture", { path: "c.log", captured_bytes: 5, phase: "p" });
    const b = ev("output-capture", { path: "c.log", captured_bytes: 99, returned_bytes: 3, role: "r" });
    const m = mergeCaptures([a, b]);
    expect(m.duplicates).toBe(1);
    expect(m.events).toHaveLength(1);
    expect(m.events[0]).toMatchObject({ captured_bytes: 5, returned_bytes: 3, phase: "p", role: "r" });
  });

  it("compactions of one session within the merge window are one; other sessions and later ones count", () => {
    const at = t0 + 10_000_000;
    const es = [
      ev("compaction", { host: "h", session: "s" }, at),
      ev("pre-compact", { host: "h", session: "s" }, at + 100),
      ev("compaction", { host: "h", session: "t" }, at + 200),
      ev("compaction", { host: "h", session: "s" }, at + COMPACTION_MERGE_MS + 500),
    ];
    const m = mergeCompactions(es);
    expect(m.merged).toBe(1);
    expect(aggregateUsage([{ run: "r", events: es }]).totals.compactions).toBe(3);
  });

  it("places events of the project log under (no run)", () => {
    const placed = placeEvents({ run: null, events: [ev("phase-enter", { phase: "a" }), ev("answer")] });
    expect(placed[1]?.phase).toBe(NO_RUN_KEY);
  });
});

// --- properties ---------------------------------------------------------------------------------

const n = fc.integer({ min: 0, max: 1_000_000 });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const measurement = fc.oneof(
  fc.record({
    type: fc.constantFrom("capture", "output-capture"),
    path: maybe(fc.constantFrom("a.log", "b.log", "c.log")),
    captured_bytes: maybe(n),
    captured_tokens: maybe(n),
    returned_bytes: maybe(n),
    returned_tokens: maybe(n),
  }),
  fc.record({
    type: fc.constant("answer"),
    via: fc.constantFrom("cli", "mcp"),
    tool: fc.constantFrom("recall", "get_file_outline"),
    tokens: maybe(n),
    bytes: maybe(n),
    full_tokens: maybe(n),
    phase: maybe(fc.constantFrom("clarify", "execute")),
  }),
  fc.record({
    type: fc.constantFrom("phase-enter", "phase-exit"),
    phase: fc.constantFrom("clarify", "execute"),
  }),
  fc.record({ type: fc.constant("noise"), tokens: maybe(n) }),
);
const stream = fc.array(measurement, { maxLength: 40 }).map((xs) =>
  xs.map((x, i) => {
    const clean = Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined));
    return { seq: i + 1, at: new Date(t0 + i * 60_000).toISOString(), run: "r", ...clean } as RunEvent;
  }),
);

/** The expected totals, summed straight from the events (capture files deduplicated by path). */
function expected(events: RunEvent[]) {
  const seen = new Map<string, RunEvent>();
  const caps: RunEvent[] = [];
  for (const e of events.filter((x) => x.type === "capture" || x.type === "output-capture")) {
    const p = typeof e.path === "string" ? e.path : undefined;
    const first = p ? seen.get(p) : undefined;
    if (first) {
      for (const [k, v] of Object.entries(e)) if (first[k] === undefined) first[k] = v;
    } else {
      const copy = { ...e };
      if (p) seen.set(p, copy);
      caps.push(copy);
    }
  }
  const answers = events.filter((e) => e.type === "answer");
  const sum = (xs: RunEvent[], k: string) => xs.reduce((s, e) => s + ((e[k] as number | undefined) ?? 0), 0);
  const withFull = answers.filter((e) => e.full_tokens !== undefined && e.tokens !== undefined);
  return {
    captures: caps.length,
    captured_bytes: sum(caps, "captured_bytes"),
    captured_tokens: sum(caps, "captured_tokens"),
    returned_bytes: sum(caps, "returned_bytes"),
    returned_tokens: sum(caps, "returned_tokens"),
    answers: answers.length,
    answer_tokens: sum(answers, "tokens"),
    answer_bytes: sum(answers, "bytes"),
    answers_with_full: withFull.length,
    answer_tokens_with_full: sum(withFull, "tokens"),
    full_tokens: sum(withFull, "full_tokens"),
    compactions: 0,
  };
}

describe("usage properties", () => {
  it("totals equal the sums of the events", () => {
    fc.assert(
      fc.property(stream, (events) => {
        const r = aggregateUsage([{ run: "r", events }]);
        const { key: _k, ...totals } = r.totals;
        expect(totals).toEqual(expected(events));
      }),
    );
  });

  it("every breakdown (phase, role, run) adds up to the totals, over several sources", () => {
    fc.assert(
      fc.property(fc.array(stream, { minLength: 1, maxLength: 4 }), fc.boolean(), (streams, withLog) => {
        const sources = streams.map((events, i) => ({
          run: withLog && i === 0 ? null : `r${i}`,
          roles: { clarify: "clarifier" },
          events,
        }));
        const r = aggregateUsage(sources);
        for (const rows of [r.by_phase, r.by_role, r.by_run]) {
          const summed: Record<string, number> = {};
          for (const row of rows)
            for (const [k, v] of Object.entries(row))
              if (k !== "key") summed[k] = (summed[k] ?? 0) + Number(v);
          const { key: _k, ...totals } = r.totals;
          for (const [k, v] of Object.entries(totals)) expect(summed[k] ?? 0).toBe(v);
        }
        const answers = r.by_tool.reduce((s, x) => s + x.answers, 0);
        expect(answers).toBe(r.totals.answers);
      }),
    );
  });
});

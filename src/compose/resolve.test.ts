import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompositionMap } from "../model/composition.js";
import { candidates, type Limits, resolveModules } from "./resolve.js";

const MAP: CompositionMap = {
  version: 1,
  always: { executor: ["a", "b"], reviewer: ["r1"] },
  auto: { "all-roles": ["sec"], executor: ["c"] },
  stacks: { next: { executor: ["d", "a"] }, postgres: { executor: ["e"], reviewer: ["e"] } },
  concerns: { auth: { executor: ["f", "ghost"] } },
  modes: { reviewer: { "plan-review": ["p1", "p2"] } },
};
const SIZES: Record<string, number> = {
  a: 100,
  b: 200,
  c: 50,
  d: 300,
  e: 120,
  f: 80,
  sec: 60,
  r1: 10,
  p1: 5,
  p2: 7,
};
const size = (m: string) => (SIZES[m] === undefined ? undefined : { tokens: SIZES[m], chars: SIZES[m] * 4 });
const LOOSE: Limits = { maxModules: 50, tokens: 1_000_000 };

const names = (r: { kept: Array<{ module: string }> }) => r.kept.map((k) => k.module);

describe("resolveModules", () => {
  it("orders always → auto (every role's, then the role's) → stacks → concerns, deduplicated", () => {
    const r = resolveModules({
      map: MAP,
      role: "executor",
      stacks: ["next", "postgres"],
      concerns: ["auth"],
      size,
      limits: LOOSE,
    });
    expect(names(r)).toEqual(["a", "b", "sec", "c", "d", "e", "f"]);
    expect(r.kept[0]?.alsoFrom).toEqual([{ layer: "stacks", key: "next" }]);
    expect(r.kept.find((k) => k.module === "d")).toMatchObject({ layer: "stacks", key: "next" });
    expect(r.dropped).toEqual([
      { layer: "concerns", key: "auth", module: "ghost", reason: "not an expertise module of the library" },
    ]);
    expect(r.tokens).toBe(100 + 200 + 60 + 50 + 300 + 120 + 80);
  });

  it("the stacks take turns, and so do the concerns: every key's first module before any key's second", () => {
    const map: CompositionMap = {
      ...MAP,
      always: {},
      auto: {},
      stacks: {
        next: { executor: ["next-practices", "n2", "n3"] },
        postgres: { executor: ["postgres-practices", "p2"] },
        docker: { executor: ["docker-practices"] },
      },
      concerns: { auth: { executor: ["a1", "a2"] }, i18n: { executor: ["i1"] } },
    };
    const order = candidates(map, "executor", undefined, ["next", "postgres", "docker"], ["auth", "i18n"]);
    expect(order.map((c) => `${c.key}:${c.module}`)).toEqual([
      "next:next-practices",
      "postgres:postgres-practices",
      "docker:docker-practices",
      "next:n2",
      "postgres:p2",
      "next:n3",
      "auth:a1",
      "i18n:i1",
      "auth:a2",
    ]);
  });

  it("a mode's set takes the place of the role's always set", () => {
    const r = resolveModules({
      map: MAP,
      role: "reviewer",
      mode: "plan-review",
      stacks: ["postgres"],
      concerns: [],
      size,
      limits: LOOSE,
    });
    expect(names(r)).toEqual(["p1", "p2", "sec", "e"]);
    expect(r.kept[0]).toMatchObject({ layer: "mode", key: "plan-review" });
    expect(r.mode).toBe("plan-review");
  });

  it("over the token budget: drops from the end and says why", () => {
    const r = resolveModules({
      map: MAP,
      role: "executor",
      stacks: ["next", "postgres"],
      concerns: [],
      size,
      limits: { maxModules: 10, tokens: 450 },
    });
    expect(names(r)).toEqual(["a", "b", "sec", "c"]);
    expect(r.dropped.map((d) => [d.module, d.reason])).toEqual([
      ["d", "over the token budget: 410 + 300 > 450 (from stacks.next)"],
      ["e", "lower priority than d, which did not fit"],
    ]);
  });

  it("the module cap and a host's character limit cut the same way", () => {
    const capped = resolveModules({
      map: MAP,
      role: "executor",
      stacks: [],
      concerns: [],
      size,
      limits: { maxModules: 2, tokens: 10_000 },
    });
    expect(names(capped)).toEqual(["a", "b"]);
    expect(capped.dropped[0]?.reason).toBe("module cap of 2 reached (from auto)");
    const chars = resolveModules({
      map: MAP,
      role: "executor",
      stacks: [],
      concerns: [],
      size,
      limits: { maxModules: 10, tokens: 10_000, chars: 1300 },
    });
    expect(names(chars)).toEqual(["a", "b"]);
    expect(chars.dropped[0]?.reason).toMatch(/over the host's size limit: 1200 \+ 240 > 1300 characters/);
  });

  it("an unknown role, stack or concern contributes nothing", () => {
    const r = resolveModules({
      map: MAP,
      role: "nobody",
      stacks: ["cobol"],
      concerns: ["x"],
      size,
      limits: LOOSE,
    });
    expect(names(r)).toEqual(["sec"]);
  });
});

/** Maps over a small module alphabet, with arbitrary sizes and limits. */
const MODULES = ["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"];
const list = fc.array(fc.constantFrom(...MODULES, "missing"), { maxLength: 6 });
const roles = fc.dictionary(fc.constantFrom("executor", "reviewer", "all-roles"), list);
const arbMap: fc.Arbitrary<CompositionMap> = fc.record({
  version: fc.constant(1 as const),
  always: roles,
  auto: roles,
  stacks: fc.dictionary(fc.constantFrom("s1", "s2", "s3"), roles),
  concerns: fc.dictionary(fc.constantFrom("c1", "c2"), roles),
});
const arbSizes = fc.dictionary(fc.constantFrom(...MODULES), fc.integer({ min: 1, max: 5000 }), {
  minKeys: MODULES.length,
});
const arbLimits = fc.record({
  maxModules: fc.integer({ min: 0, max: 12 }),
  tokens: fc.integer({ min: 0, max: 20_000 }),
  chars: fc.option(fc.integer({ min: 0, max: 80_000 }), { nil: undefined }),
});
const arbInput = fc.record({
  map: arbMap,
  sizes: arbSizes,
  limits: arbLimits,
  role: fc.constantFrom("executor", "reviewer"),
  stacks: fc.array(fc.constantFrom("s1", "s2", "s3"), { maxLength: 3 }),
  concerns: fc.array(fc.constantFrom("c1", "c2"), { maxLength: 2 }),
});

type Input = typeof arbInput extends fc.Arbitrary<infer T> ? T : never;

function run(i: Input) {
  const { sizes, limits, ...rest } = i;
  const sz = (m: string) => (sizes[m] === undefined ? undefined : { tokens: sizes[m], chars: sizes[m] * 3 });
  const lim: Limits =
    limits.chars === undefined ? { maxModules: limits.maxModules, tokens: limits.tokens } : limits;
  const all = candidates(rest.map, rest.role, undefined, rest.stacks, rest.concerns).map((c) => c.module);
  return {
    r: resolveModules({ ...rest, size: sz, limits: lim }),
    limits: lim,
    order: [...new Set(all)].filter((m) => sz(m) !== undefined),
  };
}

describe("resolveModules properties", () => {
  it("never over budget: module cap, tokens and characters", () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        const { r, limits } = run(i);
        expect(r.kept.length).toBeLessThanOrEqual(limits.maxModules);
        expect(r.tokens).toBeLessThanOrEqual(limits.tokens);
        expect(r.tokens).toBe(r.kept.reduce((n, k) => n + k.tokens, 0));
        if (limits.chars !== undefined) expect(r.chars).toBeLessThanOrEqual(limits.chars);
      }),
    );
  });

  it("never drops a higher-priority module while a lower one stays (the kept set is a prefix)", () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        const { r, order } = run(i);
        const kept = names(r);
        expect(kept).toEqual(order.slice(0, kept.length));
        const droppedForSize = r.dropped.filter((d) => d.tokens !== undefined).map((d) => d.module);
        expect([...kept, ...droppedForSize]).toEqual(order);
      }),
    );
  });

  it("is deterministic and every candidate is accounted for once", () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        const a = run(i).r;
        expect(run(i).r).toEqual(a);
        const all = [...names(a), ...a.dropped.map((d) => d.module)];
        expect(new Set(all).size).toBe(all.length);
      }),
    );
  });
});

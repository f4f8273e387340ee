import { describe, expect, it } from "vitest";
import { lintPacks } from "../../src/lint/run.js";
import { moduleRefs, parseCompositionMap } from "../../src/model/composition.js";
import { BUILTIN_ALIASES, BUILTIN_HOOKS } from "../../src/model/hook-builtins.js";
import { expandProfile } from "../../src/model/profiles.js";
import { library } from "./load.js";

const count = <T>(list: T[], key: (t: T) => string) => {
  const m: Record<string, number> = {};
  for (const x of list) m[key(x)] = (m[key(x)] ?? 0) + 1;
  return m;
};

describe("built-in library v1", async () => {
  const cat = await library();
  const items = cat.items;
  const of = (kind: string) => items.filter((i) => i.kind === kind);

  it("lints clean in strict mode (no errors, no warnings)", () => {
    const r = lintPacks(cat, cat.packs, { strict: true });
    expect(r.diagnostics.map((d) => `${d.file}:${d.line ?? ""} ${d.rule} ${d.message}`)).toEqual([]);
  });

  it("names every built-in hook item that runs a built-in under another name in BUILTIN_ALIASES", () => {
    const renamed = of("hook")
      .map((h) => [h.name, (h.meta.handler as { builtin?: string }).builtin] as const)
      .filter(([name, b]) => b !== undefined && b !== name && BUILTIN_HOOKS[b]);
    expect(Object.fromEntries(renamed)).toEqual(BUILTIN_ALIASES);
  });

  it("has the 10 pipeline roles and 15 workflows", () => {
    expect(
      of("agent")
        .filter((a) => a.category === "pipeline")
        .map((a) => a.name)
        .sort(),
    ).toEqual([
      "clarifier",
      "content-author",
      "designer",
      "executor",
      "learner",
      "planner",
      "researcher",
      "reviewer",
      "specifier",
      "verifier",
    ]);
    expect(of("command").filter((c) => c.category === "workflow")).toHaveLength(15);
    for (const c of of("command")) expect(typeof c.meta.agent).toBe("string");
  });

  // 35: project-orchestrator became the main-thread skill orchestrating-a-change (subagents cannot dispatch).
  // 53: issue 17 breadth added language experts and data, documentation and other specialists; the
  // data (2) and documentation (1) categories are newer and smaller, so only the others need 4.
  it("has 60 specialist agents, at least 4 in each established category", () => {
    const cats = count(
      of("agent").filter((a) => a.category !== "pipeline"),
      (a) => a.category ?? "",
    );
    for (const c of [
      "orchestrators",
      "development",
      "quality",
      "infrastructure",
      "configuration",
      "blockchain",
      "languages",
    ])
      expect(cats[c]).toBeGreaterThanOrEqual(4);
    for (const c of ["data", "documentation"]) expect(cats[c]).toBeGreaterThanOrEqual(1);
    expect(Object.values(cats).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60);
  });

  it("has 24 process skills, 155 task skills, and 6 task skills in each of the 10 first domains", () => {
    const cats = count(of("skill"), (s) => s.category ?? "");
    expect(cats.process).toBeGreaterThanOrEqual(24);
    expect(of("skill").filter((s) => s.category !== "process").length).toBeGreaterThanOrEqual(155);
    // The breadth the issue names: documents, MCP, authoring, mobile, toolchains, APIs, privacy, operations, infrastructure, data/ML.
    for (const d of [
      "documents",
      "mcp",
      "authoring",
      "mobile",
      "toolchains",
      "api",
      "privacy",
      "operations",
      "infrastructure",
      "data-ml",
    ])
      expect(cats[d], d).toBeGreaterThanOrEqual(2);
    for (const d of [
      "ai-engineering",
      "architecture",
      "backend",
      "ci-cd",
      "db-management",
      "foundation",
      "frontend",
      "performance",
      "security",
      "testing",
    ])
      expect(cats[d], d).toBeGreaterThanOrEqual(6);
  });

  it("has 150 expertise modules across 15 domains, each 150–400 lines", () => {
    const ex = of("expertise");
    expect(ex.length).toBeGreaterThanOrEqual(150);
    const domains = Object.keys(count(ex, (e) => e.category ?? "")).sort();
    expect(domains).toEqual([
      "antipatterns",
      "architecture",
      "backend",
      "content",
      "data",
      "design",
      "frontend",
      "humanize",
      "i18n",
      "infrastructure",
      "operations",
      "performance",
      "quality",
      "security",
      "stacks",
    ]);
    const outOfRange = ex
      .map((e) => [e.name, e.text.split("\n").length] as const)
      .filter(([, n]) => n < 150 || n > 400);
    expect(outOfRange).toEqual([]);
  });

  it("has at least 3 items of every kind and 9 profiles", () => {
    const kinds = count(items, (i) => i.kind);
    for (const k of [
      "skill",
      "agent",
      "command",
      "rule",
      "expertise",
      "hook",
      "mcp",
      "schema",
      "template",
      "profile",
    ])
      expect(kinds[k], k).toBeGreaterThanOrEqual(3);
    expect(
      of("profile")
        .map((p) => p.name)
        .sort(),
    ).toEqual([
      "backend-node",
      "core",
      "frontend-react",
      "go",
      "infrastructure",
      "pipeline",
      "pipeline-strict",
      "python",
      "security-review",
    ]);
    for (const p of of("profile")) expect(expandProfile(cat, p).missing).toEqual([]);
  });

  it("has a composition map with ≥20 stacks and ≥40 concerns whose modules all exist", () => {
    const builtin = cat.packs.find((p) => p.builtin);
    const parsed = parseCompositionMap(builtin?.compositionMap);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.keys(parsed.map.stacks).length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(parsed.map.concerns).length).toBeGreaterThanOrEqual(40);
    const names = new Set(of("expertise").map((e) => e.name));
    expect(moduleRefs(parsed.map).filter((r) => !names.has(r.module))).toEqual([]);
    // Every stack (Wazir's missing ones included) has its own practices module, loaded by its executor and reviewer.
    for (const s of ["flutter", "android", "ios", "electron", "embedded"])
      expect(parsed.map.stacks[s], s).toBeDefined();
    const unloaded = Object.entries(parsed.map.stacks)
      .filter(([s, roles]) => !["executor", "reviewer"].every((r) => roles[r]?.includes(`${s}-practices`)))
      .map(([s]) => s);
    expect(unloaded).toEqual([]);
    // Every module is loaded by some layer (always, auto, a stack or a concern), so composition can reach it.
    const loaded = new Set(moduleRefs(parsed.map).map((r) => r.module));
    const unreached = of("expertise")
      .filter((e) => !loaded.has(e.name))
      .map((e) => e.name);
    expect(unreached).toEqual([]);
  });

  it("every description says what the item does and when to use it, in at most 1024 characters", () => {
    for (const it of items.filter((i) =>
      ["skill", "agent", "command", "rule", "expertise"].includes(i.kind),
    )) {
      expect(it.description.length, it.id).toBeGreaterThan(40);
      expect(it.description.length, it.id).toBeLessThanOrEqual(1024);
    }
  });
});

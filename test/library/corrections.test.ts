import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

// Corrections found by the library review (issue #17), each pinned so it does not come back.
const lib = join(import.meta.dirname, "..", "..", "library");
const read = (p: string) => readFileSync(join(lib, p), "utf8");

describe("library corrections", () => {
  it("ResizeObserver callbacks are described as running before paint, not after", () => {
    const row = read("expertise/design/responsive-layout.md")
      .split("\n")
      .find((l) => l.includes("`ResizeObserver`") && l.startsWith("|"));
    expect(row).toMatch(/after layout and before paint/);
    expect(row).not.toMatch(/runs after paint/);
  });

  it("ESLint: flat config only (eslintrc removed in 10), eslint-config-prettier's flat export", () => {
    const s = read("skills/configuring-linters-and-formatters/SKILL.md");
    expect(s).toMatch(/ESLint 10\s+reads only the flat config/);
    expect(s).toMatch(/`\.eslintrc\*`, `\.eslintignore`/);
    expect(s).toContain("eslint-config-prettier/flat");
  });

  it("the orders example lets a draft be cancelled before it was placed, and refuses a placed order without a time", () => {
    const s = read("skills/designing-relational-schemas/SKILL.md");
    const check = /CHECK \((status NOT IN [^\n]+placed_at IS NOT NULL)\)/.exec(s)?.[1];
    expect(check).toBeDefined();
    const db = new Database(":memory:");
    db.exec(`CREATE TABLE orders (status text NOT NULL, placed_at text, CHECK (${check}))`);
    const insert = db.prepare("INSERT INTO orders (status, placed_at) VALUES (?, ?)");
    expect(() => insert.run("draft", null)).not.toThrow();
    expect(() => insert.run("cancelled", null)).not.toThrow();
    expect(() => insert.run("cancelled", "2026-12-01T10:00:00Z")).not.toThrow();
    expect(() => insert.run("shipped", "2026-12-01T10:00:00Z")).not.toThrow();
    expect(() => insert.run("placed", null)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run("shipped", null)).toThrow(/CHECK constraint failed/);
  });

  it("every tenant-owned reference in the schema example carries tenant_id, as its multi-tenancy step says", () => {
    const s = read("skills/designing-relational-schemas/SKILL.md");
    const sql = /```sql\n([\s\S]*?)```/.exec(s)?.[1] ?? "";
    const refs = [...sql.matchAll(/(?:FOREIGN KEY \(([^)]*)\) )?REFERENCES (\w+) \(([^)]*)\)/g)];
    const owned = refs.filter((m) => m[2] !== "tenants");
    expect(owned.length).toBeGreaterThanOrEqual(3);
    for (const m of owned) {
      expect(m[1], m[0]).toMatch(/^tenant_id, /);
      expect(m[3], m[0]).toMatch(/^tenant_id, /);
    }
    expect(s).toMatch(/\*\*MySQL 8 \(InnoDB\)\*\*/);
    expect(s).toMatch(/PRAGMA foreign_keys = ON/);
  });

  it("the reviewers share one severity scale: blocking, major, minor, note", () => {
    for (const f of [
      "agents/pipeline/reviewer.md",
      "agents/quality/code-reviewer.md",
      "expertise/quality/code-review-practice.md",
    ]) {
      const s = read(f);
      for (const level of ["blocking", "major", "minor", "note"])
        expect(s, `${f}: ${level}`).toMatch(new RegExp(`\\b${level}\\b`));
      expect(s, f).not.toMatch(/\bshould fix\b|\*nit\*|\*\*nit\*\*|\bblocker\b/);
    }
  });

  it("orchestration runs in the main thread: a skill dispatches, and no subagent is told to dispatch others", async () => {
    const { readdirSync } = await import("node:fs");
    const skill = read("skills/orchestrating-a-change/SKILL.md");
    expect(skill).toMatch(/subagents cannot start other subagents/);
    expect(skill).toMatch(/Gate: no dispatch before the goal is written down/);
    const agents = readdirSync(join(lib, "agents"), { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".md"),
    );
    expect(agents.some((f) => f.endsWith("project-orchestrator.md"))).toBe(false);
    for (const f of agents)
      expect(read(join("agents", f)), f).not.toMatch(
        /\b(ask|dispatch|delegate to|request review from) @[a-z]/i,
      );
  });
});

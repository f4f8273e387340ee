import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cadre, json, ROOT } from "./helpers.js";

const REPO = join(ROOT, "test", "fixtures", "agent-skills-repo");

interface ListData {
  data: {
    items: Array<{ id: string; kind: string; tokens: number; pack: string; category: string | null }>;
    count: number;
  };
}

describe("list, search and info on the built-in pack", () => {
  it("list --json returns every kind with real token counts", async () => {
    const r = await cadre(["list", "--json"]);
    expect(r.code).toBe(0);
    const d = json<ListData>(r).data;
    const kinds = new Set(d.items.map((i) => i.kind));
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
      expect(kinds).toContain(k);
    for (const i of d.items) expect(i.tokens).toBeGreaterThan(0);
  });

  it("list filters by kind and category", async () => {
    const d = json<ListData>(
      await cadre(["list", "--kind", "agent", "--category", "quality", "--json"]),
    ).data;
    expect(d.count).toBeGreaterThan(0);
    for (const i of d.items) expect([i.kind, i.category]).toEqual(["agent", "quality"]);
  });

  it("list prints a table with a header", async () => {
    const r = await cadre(["list", "--kind", "command"]);
    expect(r.stdout).toMatch(/^NAME\s+KIND\s+CATEGORY\s+TOKENS\s+SOURCE/);
    expect(r.stdout).toMatch(/\bplan\s+command\b/);
  });

  it("search ranks the obvious item first and highlights matches", async () => {
    const r = await cadre(["search", "test driven development", "--json"]);
    const d = json<{ data: { results: Array<{ id: string; highlight: string }> } }>(r).data;
    expect(d.results[0]?.id).toBe("skill:test-driven-development");
    expect(d.results[0]?.highlight).toMatch(/\*\*/);
  });

  it("search --kind restricts results", async () => {
    const d = json<{ data: { results: Array<{ kind: string }> } }>(
      await cadre(["search", "review", "--kind", "agent", "--json"]),
    ).data;
    expect(d.results.length).toBeGreaterThan(0);
    for (const x of d.results) expect(x.kind).toBe("agent");
  });

  it("info shows metadata, files and host support", async () => {
    const r = await cadre(["info", "agent:code-reviewer", "--json"]);
    expect(r.code).toBe(0);
    const d = json<{
      data: { id: string; tokens: number; files: string[]; hosts: Array<{ host: string; support: string }> };
    }>(r).data;
    expect(d.id).toBe("agent:code-reviewer");
    expect(d.tokens).toBeGreaterThan(0);
    expect(d.files).toEqual(["agents/quality/code-reviewer.md"]);
    expect(d.hosts.find((h) => h.host === "claude-code")?.support).toBe("native");
    expect(d.hosts.find((h) => h.host === "windsurf")?.support).toBe("degraded");
    const text = await cadre(["info", "code-reviewer"]);
    expect(text.stdout).toContain("Hosts");
  });
});

describe("list, search and info on an Agent Skills repo layout", () => {
  it("loads skills from skills/ and .claude/skills without a manifest", async () => {
    const d = json<ListData>(
      await cadre(["list", "--source", REPO, "--pack", "agent-skills-repo", "--json"]),
    ).data;
    expect(d.items.map((i) => i.id).sort()).toEqual([
      "skill:commit-helper",
      "skill:meeting-notes",
      "skill:pdf-tools",
    ]);
  });

  it("searches and shows items of the repo", async () => {
    const s = json<{ data: { results: Array<{ id: string; pack: string }> } }>(
      await cadre(["search", "pdf tables", "--source", REPO, "--json"]),
    ).data;
    expect(s.results[0]).toMatchObject({ id: "skill:pdf-tools", pack: "agent-skills-repo" });
    const i = json<{ data: { files: string[] } }>(
      await cadre(["info", "pdf-tools", "--source", REPO, "--json"]),
    ).data;
    expect(i.files).toEqual(["skills/pdf-tools/SKILL.md", "skills/pdf-tools/references/options.md"]);
  });

  it("lints the repo cleanly in strict mode", async () => {
    const r = await cadre(["lint", REPO, "--strict"]);
    expect(r.stdout).toMatch(/✔ 0 errors, 0 warnings in 3 items/);
    expect(r.code).toBe(0);
  });
});

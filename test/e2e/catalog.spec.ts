import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    expect(d.hosts.find((h) => h.host === "devin")?.support).toBe("degraded");
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
      await cadre(["search", "extract pdf tables merge documents", "--source", REPO, "--json"]),
    ).data;
    // The built-in library has PDF skills too; the words of the repo's own description find it first.
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

interface Marked {
  id: string;
  pack: string;
  installed?: boolean;
  installedHosts?: string[];
}

describe("catalog commands inside a project", () => {
  let home: string;
  let dir: string;
  let sub: string;
  let env: NodeJS.ProcessEnv;
  const inProject = (args: string[], cwd = sub) => cadre(args, { cwd, env });

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "cadre-e2e-catalog-"));
    dir = join(home, "proj");
    env = { HOME: home, XDG_CACHE_HOME: join(home, ".cache"), XDG_STATE_HOME: join(home, ".state") };
    const pack = join(dir, "team-pack");
    await mkdir(join(pack, "agents"), { recursive: true });
    await mkdir(join(pack, "commands"), { recursive: true });
    for (const [n, d] of [
      ["triage", "Sorts incoming bug reports by severity and owner."],
      ["release-notes", "Drafts release notes from merged pull requests."],
    ])
      await writeFile(join(pack, "agents", `${n}.md`), `---\nname: ${n}\ndescription: ${d}\n---\n${d}\n`);
    await writeFile(join(pack, "commands", "ship.md"), "---\ndescription: Ship the branch.\n---\nShip it.\n");
    await writeFile(
      join(dir, "cadre.yaml"),
      "version: 1\nhosts: [claude-code]\nsources: [builtin, ./team-pack]\nprofiles: []\ninclude: []\nexclude: []\n",
    );
    sub = join(dir, "src", "app");
    await mkdir(sub, { recursive: true });
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it("add 'pack/kind:*' and 'pack/*' write the pattern, install it, and list/search/info mark it", async () => {
    const a = await inProject(["add", "team-pack/agent:*"]);
    expect(a.code, a.stderr).toBe(0);
    expect(await readFile(join(dir, "cadre.yaml"), "utf8")).toContain("include: [team-pack/agent:*]");
    expect((await stat(join(dir, ".claude", "agents", "triage.md"))).isFile()).toBe(true);

    const l = json<{ data: { items: Marked[]; project: string } }>(await inProject(["list", "--json"])).data;
    expect(l.project).toBe(dir);
    const byId = new Map(l.items.map((i) => [`${i.pack}/${i.id}`, i]));
    expect(byId.get("team-pack/agent:triage")).toMatchObject({
      installed: true,
      installedHosts: ["claude-code"],
    });
    expect(byId.get("team-pack/command:ship")).toMatchObject({ installed: false, installedHosts: [] });
    expect(byId.get("builtin/agent:code-reviewer")).toMatchObject({ installed: false });

    const b = await inProject(["add", "team-pack/*"]);
    expect(b.code, b.stderr).toBe(0);
    const text = (await inProject(["list", "--pack", "team-pack"])).stdout;
    expect(text).toMatch(/^NAME\s+KIND\s+CATEGORY\s+TOKENS\s+SOURCE\s+INSTALLED/);
    expect(text).toMatch(/\bship\s+command\b.*team-pack\s+claude-code\n/);
    expect(text).toMatch(/3 of \d+ items, [\d,]+ tokens, 3 installed/);

    const s = json<{ data: { results: Marked[] } }>(
      await inProject(["search", "drafts release notes merged", "--kind", "agent", "--json"]),
    ).data;
    expect(s.results[0]).toMatchObject({ id: "agent:release-notes", pack: "team-pack", installed: true });
    const i = await inProject(["info", "triage"]);
    expect(i.stdout).toMatch(/Installed claude-code/);
  });

  it("a pattern that matches nothing is an error with the closest pack names", async () => {
    const before = await readFile(join(dir, "cadre.yaml"), "utf8");
    const r = await inProject(["add", "teampack/*"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no pack named "teampack"/);
    expect(r.stderr).toMatch(/did you mean team-pack\?/);
    expect(await readFile(join(dir, "cadre.yaml"), "utf8")).toBe(before);
  });

  it("outside a project the catalog is the built-in pack, without install marks", async () => {
    const outside = await mkdtemp(join(tmpdir(), "cadre-e2e-outside-"));
    try {
      const d = json<{ data: { items: Marked[]; project?: string } }>(
        await cadre(["list", "--json"], {
          cwd: outside,
          env: { HOME: outside, XDG_CACHE_HOME: join(home, ".cache") },
        }),
      ).data;
      expect(d.project).toBeUndefined();
      expect(new Set(d.items.map((i) => i.pack))).toEqual(new Set(["builtin"]));
      expect(d.items.some((i) => "installed" in i)).toBe(false);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

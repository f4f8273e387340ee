import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pack } from "../model/item.js";
import { loadPack } from "./load.js";

/** Fixtures written in the shapes of real public packs (issue 10 items 1–2): test/fixtures/packs-real-shapes. */
const FIXTURES = resolve(import.meta.dirname, "../../test/fixtures/packs-real-shapes");
let cache: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), "cadre-shapes-"));
  env = { ...process.env, XDG_CACHE_HOME: cache, CADRE_NO_CACHE: "1" };
});
afterAll(() => rm(cache, { recursive: true, force: true }));

const load = (name: string) => loadPack(name, { cwd: FIXTURES, env });
const ids = (p: Pack) => p.items.map((i) => i.id).sort();
const item = (p: Pack, id: string) => p.items.find((i) => i.id === id);
const errors = (p: Pack) => p.diagnostics.filter((d) => d.severity === "error");

describe("discovery of real pack layouts", () => {
  it("a Claude marketplace: every local plugin, with components outside the default folders", async () => {
    const p = await load("marketplace");
    expect(p.name).toBe("kitchen-market");
    expect(ids(p)).toEqual([
      "agent:auditor",
      "agent:tea-taster",
      "command:brew",
      "command:clean_gone",
      "command:reconcile",
      "hook:alpha-post-tool-use-1",
      "skill:ledger-basics",
      "skill:steeping-guide",
    ]);
    expect(p.layouts).toContain("claude-marketplace");
    expect(item(p, "agent:auditor")?.category).toBe("beta");
    // the remote plugin is named in the reasons, not silently skipped
    const remote = p.discovery?.find((r) => r.note?.includes("remote source"));
    expect(remote).toMatchObject({ path: ".claude-plugin/marketplace.json", items: 0 });
    const beta = p.discovery?.find((r) => r.path === "plugins/beta");
    expect(beta).toMatchObject({ rule: "marketplace.json plugins[].source", items: 3 });
    expect(errors(p)).toEqual([]);
  });

  it("a plain folder of skill folders, and <category>/<skill>/SKILL.md", async () => {
    const flat = await load("skill-folders");
    expect(ids(flat)).toEqual(["skill:knots", "skill:sails"]);
    expect(flat.discovery?.[0]).toMatchObject({
      layout: "skill-folders",
      rule: "<skill>/SKILL.md",
      items: 2,
    });
    const cats = await load("category-skills");
    expect(ids(cats)).toEqual(["skill:pruning", "skill:sourdough"]);
    expect(item(cats, "skill:pruning")?.category).toBe("garden");
  });

  it("categories/<category>/*.md agents and tools/ + workflows/ command collections", async () => {
    const a = await load("categories-agents");
    expect(ids(a)).toEqual(["agent:baker", "agent:powershell-5.1-expert"]);
    expect(item(a, "agent:baker")?.category).toBe("01-kitchen");
    const c = await load("command-collection");
    expect(ids(c)).toEqual([
      "command:harbour-fees",
      "command:launch-boat",
      "command:tide-table",
      "command:weather",
    ]);
    // a command's name is its file name and, without a description, its first line (as Claude Code shows it)
    expect(item(c, "command:harbour-fees")?.meta).toMatchObject({
      name: "harbour-fees",
      description: "Harbour fees calculator",
      model: "claude-sonnet-4-0",
    });
    expect(item(c, "command:harbour-fees")?.notes?.[0]?.message).toMatch(/^no description/);
    expect(c.layouts).toEqual(["command-collection"]);
  });

  it("a folder of Cursor .mdc rules, read into cadre activations", async () => {
    const p = await load("cursor-rules");
    expect(ids(p)).toEqual(["rule:always-kind", "rule:pick-me", "rule:typescript-style"]);
    expect(item(p, "rule:typescript-style")?.meta).toMatchObject({ activation: "glob", globs: ["**/*.ts"] });
    expect(item(p, "rule:always-kind")?.meta.activation).toBe("always");
    expect(item(p, "rule:pick-me")?.meta.activation).toBe("model");
    expect(errors(p)).toEqual([]);
  });

  it("host folders found in a repo (.claude, .cursor, .github, .gemini, .opencode, .windsurf, .kiro, .roo, .clinerules)", async () => {
    const p = await load("host-folders");
    expect(ids(p)).toEqual([
      "agent:cartographer",
      "agent:planner",
      "agent:scribe",
      "agent:triager",
      "command:deploy",
      "command:release",
      "command:ship",
      "command:standup",
      "rule:commits",
      "rule:docs",
      "rule:naming",
      "rule:no-console",
      "rule:product",
      "rule:tests",
      "rule:units",
    ]);
    expect(item(p, "agent:cartographer")?.body).toBe("List the modules and how they depend on each other.");
    expect(item(p, "command:deploy")).toMatchObject({
      description: "Deploy the site",
      body: "Deploy {{args}} to staging first.",
    });
    expect(item(p, "rule:tests")?.meta).toMatchObject({ activation: "glob", globs: ["test/**"] });
    expect(item(p, "rule:docs")?.meta.activation).toBe("model");
    expect(item(p, "rule:units")?.meta.activation).toBe("always");
    expect(p.discovery?.find((r) => r.path === ".gemini/commands")).toMatchObject({ layout: "host-folders" });
    expect(errors(p)).toEqual([]);
  });

  it("a Gemini extension and a Cursor plugin", async () => {
    const g = await load("gemini-extension");
    expect(ids(g)).toEqual(["command:scale", "skill:contours"]);
    expect(g.layouts).toEqual(["gemini-extension"]);
    const c = await load("cursor-plugin");
    expect(ids(c)).toEqual(["agent:lint-coach", "rule:imports", "skill:autofix"]);
    expect(item(c, "rule:imports")?.meta).toMatchObject({ activation: "glob", globs: ["*.ts", "*.tsx"] });
  });

  it("a folder with nothing recognised says so in its reasons", async () => {
    const p = await load("nothing");
    expect(p.items).toEqual([]);
    expect(p.layouts).toEqual(["convention"]);
    expect(p.discovery).toEqual([]);
  });
});

describe("loading as leniently as the host that wrote it", () => {
  it("loads Claude's unquoted colons, a command without frontmatter and a display name, each with a note", async () => {
    const p = await load("marketplace");
    const taster = item(p, "agent:tea-taster");
    expect(taster?.description).toMatch(/^Use this agent when a brew needs judging\. Examples:/);
    expect(taster?.description).toContain('user: "Is this oolong any good?"');
    expect(taster?.meta).toMatchObject({ model: "sonnet", color: "green", tools: "Read, Grep" });
    expect(taster?.notes).toEqual([
      expect.objectContaining({
        rule: "load/lenient-frontmatter",
        line: 3,
        message: expect.stringContaining("description"),
      }),
    ]);
    const gone = item(p, "command:clean_gone");
    expect(gone?.description).toBe("Sweep away the local branches whose remote is gone.");
    expect(gone?.notes?.[0]?.rule).toBe("load/lenient-frontmatter");
    const guide = item(p, "skill:steeping-guide");
    expect(guide?.meta.name).toBe("steeping-guide");
    expect(guide?.notes?.[0]?.message).toContain('name "Steeping Guide" is a display name');
    expect(guide?.notes).toEqual([
      expect.objectContaining({ rule: "item/display-name", hint: "set name: steeping-guide" }),
    ]);
    expect(item(p, "command:brew")?.notes).toBeUndefined();
  });

  it("keeps a cadre pack strict: an unquoted colon there is still a YAML error", async () => {
    const { pack } = await import("../../test/helpers/snapshot.js");
    const p = pack({
      "cadre-pack.yaml": "name: strict-pack\nversion: 1.0.0\ndescription: Strict.\n",
      "agents/a.md": "---\nname: a\ndescription: broken: here\n---\nBody",
    });
    expect(p.items).toEqual([]);
    expect(p.diagnostics.map((d) => d.rule)).toEqual(["load/yaml-syntax"]);
  });
});

describe("discovery reasons for a broken plugin manifest", () => {
  it("says the plugin.json did not parse and still reads the default folders", async () => {
    const { pack } = await import("../../test/helpers/snapshot.js");
    const p = pack({
      "plugins/x/.claude-plugin/plugin.json": '{"name": "x", agents: }',
      "plugins/x/agents/helper.md": "---\nname: helper\ndescription: Helps.\n---\nHelp.",
    });
    expect(p.items.map((i) => i.id)).toEqual(["agent:helper"]);
    expect(p.discovery).toContainEqual(
      expect.objectContaining({
        path: "plugins/x/.claude-plugin/plugin.json",
        note: expect.stringContaining("does not parse"),
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { agent, MANIFEST, pack, skill } from "../../test/helpers/snapshot.js";

const ids = (p: ReturnType<typeof pack>) => p.items.map((i) => i.id).sort();
const rules = (p: ReturnType<typeof pack>) => p.diagnostics.map((d) => d.rule);

describe("parsePack layouts", () => {
  it("loads a cadre pack with every kind from its manifest paths", () => {
    const p = pack({
      "cadre-pack.yaml": MANIFEST,
      "skills/tdd/SKILL.md": skill("tdd"),
      "skills/tdd/references/guide.md": "# Guide",
      "agents/quality/reviewer.md": agent("reviewer"),
      "agents/README.md": "# not an item",
      "commands/plan.md": "---\nname: plan\ndescription: Plan work.\n---\nPlan $ARGUMENTS",
      "rules/style.md": "---\nname: style\ndescription: Style.\nactivation: always\n---\nBe terse.",
      "expertise/security/threats.md":
        "---\nname: threats\ndescription: Threats.\ndomain: security\napplies-when: always\n---\nBody",
      "hooks/guard.yaml":
        "id: guard\ndescription: Guard.\nevent: pre-tool-use\nhandler: {builtin: protected-paths}\nfailure: closed\n",
      "mcp/index.yaml": "name: index\ndescription: Index.\ntransport: stdio\ncommand: cadre\nargs: [mcp]\n",
      "schemas/plan.schema.json": '{"title": "Plan", "description": "A plan.", "type": "object"}',
      "templates/plan.md": "---\nname: plan\ndescription: Plan template.\n---\n# Plan",
      "profiles/core.yaml": "name: core\ndescription: Core.\nitems: [skill:tdd]\n",
    });
    expect(p.name).toBe("test-pack");
    expect(p.layouts).toEqual(["cadre-pack"]);
    expect(ids(p)).toEqual([
      "agent:reviewer",
      "command:plan",
      "expertise:threats",
      "hook:guard",
      "mcp:index",
      "profile:core",
      "rule:style",
      "schema:plan",
      "skill:tdd",
      "template:plan",
    ]);
    expect(p.diagnostics).toEqual([]);
    const tdd = p.items.find((i) => i.id === "skill:tdd");
    expect(tdd?.files).toEqual(["skills/tdd/SKILL.md", "skills/tdd/references/guide.md"]);
    expect(p.items.find((i) => i.id === "agent:reviewer")?.category).toBe("quality");
    expect(p.items.find((i) => i.id === "expertise:threats")?.category).toBe("security");
  });

  it("names a pack unpacked from an npm tarball (`package/`) after its package.json, scope stripped", () => {
    const files = { "agents/quality/reviewer.md": agent("reviewer") };
    const named = (json: unknown, folder = "package") =>
      pack({ ...files, "package.json": JSON.stringify(json) }, folder).name;
    expect(named({ name: "blue-gardener", version: "0.2.0" })).toBe("blue-gardener");
    expect(named({ name: "@acme/Blue_Kit", version: "1.0.0" })).toBe("blue-kit");
    // A private workspace root or a package.json without a usable name leaves the folder's name.
    expect(named({ name: "root", private: true }, "my-agents")).toBe("my-agents");
    expect(named({ version: "1.0.0" })).toBe("package");
    expect(pack({ ...files, "package.json": "{not json" }, "kit").name).toBe("kit");
  });

  it("loads an Agent Skills repo by convention (root, skills/, .claude/skills, .agents/skills)", () => {
    const p = pack(
      {
        "SKILL.md": skill("my-repo"),
        "skills/a/SKILL.md": skill("a"),
        ".claude/skills/b/SKILL.md": skill("b"),
        ".agents/skills/c/SKILL.md": skill("c"),
        "README.md": "# repo",
      },
      "my-repo",
    );
    expect(p.layouts).toEqual(["agent-skills"]);
    expect(ids(p)).toEqual(["skill:a", "skill:b", "skill:c", "skill:my-repo"]);
    expect(p.items.find((i) => i.name === "my-repo")?.files).toEqual(["README.md", "SKILL.md"]);
  });

  it("loads a Claude plugin with agents, commands, skills and hooks.json", () => {
    const p = pack({
      ".claude-plugin/plugin.json": '{"name": "my-plugin", "version": "1.2.0", "description": "A plugin."}',
      "agents/helper.md": agent("helper"),
      "commands/go.md": "---\ndescription: Go.\n---\nGo now.",
      "skills/s/SKILL.md": skill("s"),
      "hooks/hooks.json": JSON.stringify({
        hooks: {
          PreToolUse: [{ matcher: "Edit|Write", hooks: [{ type: "command", command: "./check.sh" }] }],
        },
      }),
    });
    expect(p.name).toBe("my-plugin");
    expect(p.version).toBe("1.2.0");
    expect(p.layouts).toContain("claude-plugin");
    expect(ids(p)).toEqual(["agent:helper", "command:go", "hook:pre-tool-use-1", "skill:s"]);
    expect(p.items.find((i) => i.kind === "hook")?.meta).toMatchObject({
      event: "pre-tool-use",
      matcher: ["Edit", "Write"],
    });
  });

  it("loads blue-gardener agents/<category>/*.md and skillset templates/<category>/<skill>/SKILL.md", () => {
    const p = pack({
      "agents/development/api-dev.md": "---\nname: api-dev\ndescription: Builds APIs.\n---\nYou build APIs.",
      "templates/backend/api-docs/SKILL.md": skill("api-docs"),
      "templates/testing/api-docs/SKILL.md": skill("api-docs"),
    });
    expect(p.layouts.sort()).toEqual(["blue-gardener", "skillset"]);
    expect(p.items.find((i) => i.kind === "agent")?.category).toBe("development");
    expect(p.items.filter((i) => i.kind === "skill").map((i) => i.category)).toEqual(["backend", "testing"]);
  });
});

describe("parsePack bad input", () => {
  it("reports each bad file with its location and still loads the rest", () => {
    const p = pack({
      "cadre-pack.yaml": MANIFEST,
      "skills/good/SKILL.md": skill("good"),
      "skills/yaml/SKILL.md": "---\nname: yaml\ndescription: broken: here\n---\nBody",
      "skills/nofm/SKILL.md": "# no frontmatter",
      "skills/bin/SKILL.md": new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]),
      "skills/utf/SKILL.md": new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28]),
      "skills/big/SKILL.md": { size: 5_000_000, problem: "too-large" },
      "skills/link/SKILL.md": { size: 0, problem: "symlink-escape", detail: "../../etc/passwd" },
      "agents/x/evil.md": "---\nname: ../../evil\ndescription: Evil.\n---\nBody",
      "hooks/h.yaml": "id: [unclosed\n",
      "schemas/s.schema.json": '{"title": "x",\n  "description": }',
    });
    expect(ids(p)).toEqual(["skill:good"]);
    expect(rules(p).sort()).toEqual([
      "load/binary",
      "load/invalid-utf8",
      "load/json-syntax",
      "load/missing-frontmatter",
      "load/symlink-escape",
      "load/too-large",
      "load/unsafe-name",
      "load/yaml-syntax",
      "load/yaml-syntax",
    ]);
    const yaml = p.diagnostics.find((d) => d.file === "pack/skills/yaml/SKILL.md");
    expect(yaml).toMatchObject({ line: 3 });
    const json = p.diagnostics.find((d) => d.rule === "load/json-syntax");
    expect(json).toMatchObject({ file: "pack/schemas/s.schema.json", line: 2 });
    for (const d of p.diagnostics) expect(d.file).toMatch(/^pack\//);
  });

  it("reports a malformed manifest and falls back to the folder name", () => {
    const p = pack({ "cadre-pack.yaml": "name: Bad Name\nversion: 1\n", "skills/a/SKILL.md": skill("a") });
    expect(p.name).toBe("pack");
    expect(rules(p)).toContain("pack/manifest");
    expect(ids(p)).toEqual(["skill:a"]);
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references in MCP configs are what these tests check
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { pack } from "../../test/helpers/snapshot.js";
import { sha256 } from "../core/hash.js";
import { HOSTS } from "../hosts/registry.js";
import type { Pack } from "../model/item.js";
import { renderAll } from "./compose.js";
import {
  EXPORT_MANIFEST,
  type ExportInput,
  type ExportPlan,
  type ExportTarget,
  exportDrift,
  keysToObject,
  planExport,
} from "./export.js";
import type { RenderItem } from "./formats.js";

const TREE: Record<string, string> = {
  "cadre-pack.yaml": "name: relay-kit\nversion: 1.2.0\ndescription: Release helpers.\nlicense: MIT\n",
  "skills/release-notes/SKILL.md":
    "---\nname: release-notes\ndescription: Drafts release notes from merged changes. Use when preparing a release.\n---\n\nRun `scripts/changes.sh` first.\n",
  "skills/release-notes/scripts/changes.sh": "#!/bin/sh\ngit log --oneline\n",
  "agents/api-reviewer.md":
    "---\nname: api-reviewer\ndescription: Reviews HTTP API changes. Delegate to it for API reviews.\ntools: [Read, Grep]\n---\n\nYou review HTTP API changes.\n",
  "commands/ship.md":
    '---\nname: ship\ndescription: Drafts the pull request description.\nargument-hint: "[base]"\n---\n\nCompare with $ARGUMENTS.\n',
  "rules/changelog.md":
    "---\nname: changelog\ndescription: Every user-visible change gets a changelog line.\nactivation: always\n---\n\n- Add a CHANGELOG.md line for user-visible changes.\n",
  "hooks/no-force.yaml":
    "id: no-force\ndescription: Blocks force pushes.\nevent: pre-tool-use\nmatcher: [shell]\nhandler:\n  command: \"grep -q -- '--force' && exit 2 || exit 0\"\nfailure: open\n",
  "mcp/issues.yaml":
    'name: issues\ndescription: The issue tracker.\ntransport: stdio\ncommand: npx\nargs: ["-y", "issues-mcp"]\nenv: {ISSUES_TOKEN: "${ISSUES_TOKEN}"}\n',
};

function input(target: ExportTarget, tree = TREE): ExportInput {
  const p: Pack = pack(tree, "relay-kit");
  const enc = new TextEncoder();
  const items: RenderItem[] = p.items.map((item) =>
    item.kind === "skill"
      ? {
          item,
          assets: new Map(item.files.filter((f) => f !== item.path).map((f) => [f, tree[f] as string])),
          executable: new Set(item.files.filter((f) => f.endsWith(".sh"))),
        }
      : { item },
  );
  return {
    pack: {
      name: p.name,
      version: p.version,
      description: p.description,
      license: p.license,
      homepage: p.homepage,
      author: p.author,
    },
    items,
    sources: new Map(Object.entries(tree).map(([k, v]) => [k, enc.encode(v)])),
    executable: new Set(["skills/release-notes/scripts/changes.sh"]),
    target,
  };
}

const text = (plan: ExportPlan, path: string) => {
  const f = plan.files.find((x) => x.path === path);
  if (!f) throw new Error(`${path} not in the export: ${plan.files.map((x) => x.path).join(", ")}`);
  return typeof f.content === "string" ? f.content : new TextDecoder().decode(f.content);
};
const paths = (plan: ExportPlan) => plan.files.map((f) => f.path);

describe("planExport", () => {
  it("claude-plugin: the files Claude Code's renderers write, in the plugin's folders, with hooks.json and .mcp.json", () => {
    const plan = planExport(input("claude-plugin"));
    expect(paths(plan)).toEqual([
      ".claude-plugin/plugin.json",
      ".mcp.json",
      "README.md",
      "agents/api-reviewer.md",
      "commands/ship.md",
      "hooks/hooks.json",
      "skills/release-notes/SKILL.md",
      "skills/release-notes/scripts/changes.sh",
      EXPORT_MANIFEST,
    ]);
    // The agent is byte for byte what an install writes to .claude/agents.
    const installed = renderAll(input("claude-plugin").items, [HOSTS["claude-code"]], {
      scope: "project",
      home: "/h",
    }).desired.find((d) => d.path === ".claude/agents/api-reviewer.md");
    expect(installed?.type).toBe("file");
    expect(text(plan, "agents/api-reviewer.md")).toBe(
      installed?.type === "file" ? installed.content : undefined,
    );
    expect(JSON.parse(text(plan, ".claude-plugin/plugin.json"))).toEqual({
      name: "relay-kit",
      version: "1.2.0",
      description: "Release helpers.",
      license: "MIT",
    });
    const hooks = JSON.parse(text(plan, "hooks/hooks.json"));
    expect(hooks.hooks.PreToolUse[0].matcher).toBe("Bash");
    expect(hooks.hooks.PreToolUse[0].hooks[0].command).toContain("--force");
    expect(JSON.parse(text(plan, ".mcp.json")).mcpServers.issues.env).toEqual({
      ISSUES_TOKEN: "${ISSUES_TOKEN}",
    });
    expect(plan.files.find((f) => f.path.endsWith("changes.sh"))?.executable).toBe(true);
    expect(
      plan.notes.some((n) => n.item === "relay-kit/rule:changelog" && /not exported/.test(n.message)),
    ).toBe(true);
  });

  it("cadre-pack.yaml's author and homepage reach the manifests; the README lists every item", () => {
    const tree = {
      ...TREE,
      "cadre-pack.yaml": `${TREE["cadre-pack.yaml"]}author: "Relay Team <relay@example.com>"\nhomepage: https://example.com/r\n`,
    };
    const plan = planExport(input("claude-marketplace", tree));
    const author = { name: "Relay Team", email: "relay@example.com" };
    expect(JSON.parse(text(plan, "plugins/relay-kit/.claude-plugin/plugin.json"))).toMatchObject({
      author,
      homepage: "https://example.com/r",
    });
    expect(JSON.parse(text(plan, ".claude-plugin/marketplace.json")).owner).toEqual(author);
    expect(JSON.parse(text(planExport(input("npm", tree)), "package.json")).author).toEqual(author);
    const readme = text(plan, "plugins/relay-kit/README.md");
    for (const id of ["agent:api-reviewer", "command:ship", "rule:changelog", "skill:release-notes"])
      expect(readme).toContain(`\`${id}\``);
  });

  it("claude-marketplace: the plugin under plugins/<name> and a marketplace.json naming it", () => {
    const plan = planExport(input("claude-marketplace"));
    expect(paths(plan)).toContain("plugins/relay-kit/.claude-plugin/plugin.json");
    const m = JSON.parse(text(plan, ".claude-plugin/marketplace.json"));
    expect(m.plugins).toEqual([
      { name: "relay-kit", source: "./plugins/relay-kit", description: "Release helpers.", version: "1.2.0" },
    ]);
    expect(m.owner.name).toBe("relay-kit");
  });

  it("gemini-extension: TOML commands, MCP servers in the manifest, rules inlined into the context file", () => {
    const plan = planExport(input("gemini-extension"));
    const manifest = JSON.parse(text(plan, "gemini-extension.json"));
    expect(manifest.contextFileName).toBe("GEMINI.md");
    expect(manifest.mcpServers.issues.command).toBe("npx");
    const toml = parseToml(text(plan, "commands/ship.toml")) as { prompt: string; description: string };
    expect(toml.description).toBe("Drafts the pull request description.");
    expect(toml.prompt).toContain("{{args}}");
    const context = text(plan, "GEMINI.md");
    expect(context).toContain("## changelog");
    expect(context).toContain("- Add a CHANGELOG.md line");
    expect(context).not.toContain("activation:");
    const hooks = JSON.parse(text(plan, "hooks/hooks.json"));
    expect(Object.keys(hooks.hooks)).toEqual(["BeforeTool"]);
    expect(paths(plan)).toContain("agents/api-reviewer.md");
  });

  it("cursor-plugin: .mdc rules, mcp.json at the root, hooks.json with its version", () => {
    const plan = planExport(input("cursor-plugin"));
    expect(paths(plan)).toEqual(
      expect.arrayContaining([
        "rules/changelog.mdc",
        "mcp.json",
        "commands/ship.md",
        "agents/api-reviewer.md",
      ]),
    );
    expect(text(plan, "rules/changelog.mdc")).toContain("alwaysApply: true");
    const hooks = JSON.parse(text(plan, "hooks/hooks.json"));
    expect(hooks.version).toBe(1);
    expect(hooks.hooks.preToolUse[0].matcher).toBe("Shell");
  });

  it("cursor-plugin: the manifest uses only keys Cursor's plugin schema allows, and a name it accepts", () => {
    // Facts from cursor/plugins schemas/plugin.schema.json (additionalProperties: false), read 2026-12-03.
    const allowed = ["name", "displayName", "description", "version", "author", "publisher", "homepage"];
    allowed.push("repository", "license", "logo", "keywords", "rules", "agents", "skills", "commands");
    allowed.push("hooks", "mcpServers");
    const tree = {
      ...TREE,
      "cadre-pack.yaml": `${TREE["cadre-pack.yaml"]}author: Relay Team\nhomepage: https://x.test\n`,
    };
    const m = JSON.parse(text(planExport(input("cursor-plugin", tree)), ".cursor-plugin/plugin.json"));
    for (const k of Object.keys(m)) expect(allowed).toContain(k);
    expect(m.name).toMatch(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/);
  });

  it("codex-plugin: skills (commands as skills), MCP and hooks from Codex's own tables; agents and rules left out", () => {
    const plan = planExport(input("codex-plugin"));
    expect(JSON.parse(text(plan, ".codex-plugin/plugin.json"))).toMatchObject({
      skills: "./skills/",
      mcpServers: "./.mcp.json",
      hooks: "./hooks/hooks.json",
    });
    expect(paths(plan)).toContain("skills/ship/SKILL.md");
    // Codex expands no ${VAR}: the secret is passed through from the environment by name.
    expect(JSON.parse(text(plan, ".mcp.json")).mcpServers.issues.env_vars).toEqual(["ISSUES_TOKEN"]);
    expect(JSON.parse(text(plan, "hooks/hooks.json")).hooks.PreToolUse[0].matcher).toBe("^(Bash)$");
    const left = plan.notes.filter((n) => /not exported/.test(n.message)).map((n) => n.item);
    expect(left).toEqual(
      expect.arrayContaining(["relay-kit/agent:api-reviewer", "relay-kit/rule:changelog"]),
    );
  });

  it("npm: the pack's own files as they are, a package.json listing them with a cadre field", () => {
    const plan = planExport(input("npm", { ...TREE, "package.json": '{"name":"old"}\n' }));
    for (const [p, v] of Object.entries(TREE)) expect(text(plan, p)).toBe(v);
    const pj = JSON.parse(text(plan, "package.json"));
    expect(pj.name).toBe("relay-kit");
    expect(pj.files).toEqual(["agents", "cadre-pack.yaml", "commands", "hooks", "mcp", "rules", "skills"]);
    expect(pj.cadre).toEqual({ pack: "relay-kit", manifest: "cadre-pack.yaml", items: 6 });
    expect(plan.files.find((f) => f.path.endsWith("changes.sh"))?.executable).toBe(true);
    expect(plan.notes.some((n) => /package.json is replaced/.test(n.message))).toBe(true);
  });

  it("the manifest hashes every source and every exported file, and is the last file", () => {
    const plan = planExport(input("claude-plugin"));
    const last = plan.files[plan.files.length - 1];
    expect(last?.path).toBe(EXPORT_MANIFEST);
    const m = JSON.parse(text(plan, EXPORT_MANIFEST));
    expect(Object.keys(m.sources).sort()).toEqual(Object.keys(TREE).sort());
    expect(m.sources["rules/changelog.md"]).toBe(sha256(TREE["rules/changelog.md"] as string));
    for (const f of plan.files.slice(0, -1)) expect(m.files[f.path]).toBe(sha256(f.content));
    expect(m.renderer).toBeGreaterThan(0);
  });

  it("is deterministic", () => {
    expect(planExport(input("gemini-extension"))).toEqual(planExport(input("gemini-extension")));
  });
});

describe("exportDrift", () => {
  const disk = (plan: ExportPlan) => new Map(plan.files.map((f) => [f.path, sha256(f.content)]));

  it("is empty for an untouched export of an unchanged pack", () => {
    const plan = planExport(input("claude-plugin"));
    expect(exportDrift(plan, plan.manifest, disk(plan))).toEqual([]);
  });

  it("reports hand edits, deleted files and extra files", () => {
    const plan = planExport(input("claude-plugin"));
    const d = disk(plan);
    d.set("agents/api-reviewer.md", sha256("edited"));
    d.delete("commands/ship.md");
    d.set("notes.txt", sha256("mine"));
    expect(exportDrift(plan, plan.manifest, d)).toEqual([
      { path: "commands/ship.md", kind: "deleted" },
      { path: "agents/api-reviewer.md", kind: "edited" },
      { path: "notes.txt", kind: "extra" },
    ]);
  });

  it("reports source drift and the exported files it makes stale", () => {
    const before = planExport(input("claude-plugin"));
    const changed = {
      ...TREE,
      "agents/api-reviewer.md": (TREE["agents/api-reviewer.md"] as string).replace("HTTP API", "gRPC"),
    };
    const after = planExport(input("claude-plugin", changed));
    expect(exportDrift(after, before.manifest, disk(before))).toEqual([
      { path: "agents/api-reviewer.md", kind: "source-changed" },
      // The README lists the agent's description, which changed too.
      { path: "README.md", kind: "stale" },
      { path: "agents/api-reviewer.md", kind: "stale" },
    ]);
  });

  it("reports a different renderer version", () => {
    const plan = planExport(input("npm"));
    expect(exportDrift(plan, { ...plan.manifest, renderer: 1 }, disk(plan))).toEqual([
      { path: EXPORT_MANIFEST, kind: "renderer" },
    ]);
  });
});

describe("keysToObject", () => {
  it("builds nested objects and appends selector entries to arrays in order", () => {
    expect(
      keysToObject([
        { key: ["hooks", "A", "[x=1]"], value: 1 },
        { key: ["hooks", "A", "[x=2]"], value: 2 },
        { key: ["mcpServers", "s"], value: { command: "c" } },
      ]),
    ).toEqual({ hooks: { A: [1, 2] }, mcpServers: { s: { command: "c" } } });
  });
});

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Desired } from "../hosts/output.js";
import { HOSTS } from "../hosts/registry.js";
import type { Item } from "../model/item.js";
import { renderAll } from "./compose.js";

function item(kind: Item["kind"], name: string, meta: Record<string, unknown> = {}): Item {
  const description = `The ${name} ${kind}: for tests.`;
  const path = kind === "skill" ? `skills/${name}/SKILL.md` : `${kind}s/${name}.md`;
  return {
    id: `${kind}:${name}`,
    kind,
    name,
    pack: "p",
    path,
    meta: { name, description, ...meta },
    body: "Do the work.\n",
    bodyLine: 4,
    text: `---\nname: ${name}\n---\nDo the work.\n`,
    description,
    tags: [],
    files: [path],
    hash: "h",
    tokens: 5,
  };
}

const items = [
  { item: item("agent", "reviewer", { tools: ["Read", "Grep", "Bash"] }) },
  { item: item("command", "ship") },
  { item: item("rule", "api", { activation: "glob", globs: ["src/api/**"] }) },
];
const render = (host: keyof typeof HOSTS, scope: "project" | "user") =>
  renderAll(items, [HOSTS[host]], { scope, home: "/home/u" }).desired;
const file = (ds: Desired[], path: string) => {
  const d = ds.find((x) => x.path === path);
  if (d?.type !== "file" || typeof d.content !== "string")
    throw new Error(`not rendered: ${path} (rendered: ${ds.map((x) => x.path).join(", ")})`);
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(d.content);
  return { front: parse(m?.[1] ?? "") as Record<string, unknown>, body: m?.[2] ?? "" };
};

describe("Cline (issue 11 item 9; cline/cline @ 21cb8d2)", () => {
  it("writes agents as native subagents: .cline/agents/<name>.yaml, name and description, the prompt as the body", () => {
    for (const scope of ["project", "user"] as const) {
      // Paths at user scope are relative to home.
      const a = file(render("cline", scope), ".cline/agents/reviewer.yaml");
      // configured-agent-config.ts: name and description required; `tools` must be Cline's own names, so none.
      expect(a.front).toEqual({ name: "reviewer", description: "The reviewer agent: for tests." });
      expect(a.body).toBe("Do the work.\n");
    }
  });

  it("writes user workflows and rules where both the VS Code extension and the CLI look", () => {
    // apps/vscode/src/core/storage/disk.ts (Documents/Cline/Workflows, /Rules) and
    // sdk/packages/shared/src/storage/paths.ts (resolveWorkflowsConfigSearchPaths, resolveRulesConfigSearchPaths).
    const paths = render("cline", "user").map((d) => d.path);
    expect(paths).toContain("Documents/Cline/Workflows/ship.md");
    expect(paths).toContain("Documents/Cline/Rules/api.md");
    expect(paths.filter((p) => p.includes("/.cline/data/"))).toEqual([]);
  });
});

describe("Kiro (issue 11 item 12)", () => {
  it("writes agents as Markdown custom agents with Kiro's tool categories", () => {
    const a = file(render("kiro", "project"), ".kiro/agents/reviewer.md");
    expect(a.front).toEqual({ description: "The reviewer agent: for tests.", tools: ["read", "shell"] });
    expect(a.body).toBe("Do the work.\n");
  });

  it("writes commands as skills (a Kiro skill is a /name command)", () => {
    const s = file(render("kiro", "user"), ".kiro/skills/ship/SKILL.md");
    expect(s.front).toMatchObject({ name: "ship", "disable-model-invocation": true });
  });

  it("keeps fileMatch in a project, and makes a user-scope glob rule auto (global fileMatch never triggers)", () => {
    expect(file(render("kiro", "project"), ".kiro/steering/api.md").front).toEqual({
      inclusion: "fileMatch",
      fileMatchPattern: "src/api/**",
    });
    expect(file(render("kiro", "user"), ".kiro/steering/api.md").front).toEqual({
      inclusion: "auto",
      name: "api",
      description: "The api rule: for tests.",
    });
  });
});

describe("Devin Desktop, formerly Windsurf (issue 11 item 12)", () => {
  it("writes rules to .devin/rules/, the primary folder", () => {
    expect(file(render("devin", "project"), ".devin/rules/api.md").front).toEqual({
      trigger: "glob",
      globs: "src/api/**",
    });
  });
});

describe("Aider (issue 11 item 12)", () => {
  const skill = {
    item: {
      ...item("skill", "pdf"),
      dir: "skills/pdf",
      files: ["skills/pdf/SKILL.md", "skills/pdf/scripts/run.sh"],
    },
    assets: new Map([["skills/pdf/scripts/run.sh", "#!/bin/sh\necho run\n"]]),
    executable: new Set(["skills/pdf/scripts/run.sh"]),
  };
  const desired = renderAll([...items, skill], [HOSTS.aider], { scope: "project", home: "/home/u" }).desired;

  it("owns the read: entry of .aider.conf.yml that makes Aider load CONVENTIONS.md", () => {
    const conf = desired.find((d) => d.path === ".aider.conf.yml");
    expect(conf).toMatchObject({ type: "keys", syntax: "yaml", hosts: ["aider"] });
    expect(conf?.type === "keys" && conf.entries).toEqual([
      { key: ["read", "[.=CONVENTIONS.md]"], value: "CONVENTIONS.md" },
    ]);
  });

  it("copies a skill's other files beside its SKILL.md, executable bits kept", () => {
    const run = desired.find((d) => d.path === ".aider/skills/pdf/scripts/run.sh");
    expect(run).toMatchObject({ type: "file", content: "#!/bin/sh\necho run\n", executable: true });
    const block = desired.find((d) => d.path === "CONVENTIONS.md");
    expect(block?.type === "block" && block.content).toContain("(.aider/skills/pdf/SKILL.md)");
  });
});

import { defineHost } from "./define.js";

// Droid also runs Claude-style hooks from .factory/settings.json, but its tools are named Execute, Create, …,
// which `cadre hook` does not classify yet (src/hooks/adapters.ts): no hook target until an adapter exists.
export const factory = defineHost({
  id: "factory",
  displayName: "Factory Droid",
  docsUrl: "https://docs.factory.ai/cli",
  detect: ["{project}/.factory", "{home}/.factory"],
  targets: {
    skill: {
      note: ".factory/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.factory/skills/{name}", user: "{home}/.factory/skills/{name}" },
    },
    agent: {
      note: ".factory/droids/<name>.md (a custom droid: name, description, model, tools)",
      format: "agent-md",
      path: { project: "{project}/.factory/droids/{name}.md", user: "{home}/.factory/droids/{name}.md" },
      fields: { name: "$name", description: "$description", model: "inherit", tools: "$tools:host" },
      tools: {
        form: "list",
        names: {
          read: ["Read", "LS", "Grep", "Glob"],
          edit: ["Edit", "MultiEdit", "ApplyPatch"],
          write: ["Create"],
          shell: ["Execute"],
          web: ["FetchUrl", "WebSearch"],
        },
      },
    },
    command: {
      note: ".factory/commands/<name>.md ($ARGUMENTS)",
      format: "command-md",
      path: { project: "{project}/.factory/commands/{name}.md", user: "{home}/.factory/commands/{name}.md" },
      fields: { description: "$description", "argument-hint": "$argumentHint" },
    },
    rule: {
      note: "an index entry in a managed block of AGENTS.md",
      format: "index",
      as: "an index entry in AGENTS.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{home}/.factory/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.factory/skills/{name}", user: "{home}/.factory/skills/{name}" },
    },
    mcp: {
      note: "mcpServers in .factory/mcp.json",
      format: "mcp-json",
      path: { project: "{project}/.factory/mcp.json", user: "{home}/.factory/mcp.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  // droid 0.225.2 also reads .agents/skills (its doctor reports a skill in both as a collision): one copy.
  reads: {
    instructions: [{ project: "{project}/AGENTS.md", user: "{home}/.factory/AGENTS.md" }],
    skills: [
      { project: "{project}/.factory/skills", user: "{home}/.factory/skills" },
      { project: "{project}/.agents/skills" },
    ],
    agents: [{ project: "{project}/.factory/droids", user: "{home}/.factory/droids" }],
  },
  instructions: { project: "{project}/AGENTS.md", user: "{home}/.factory/AGENTS.md" },
  sources: [
    "docs.factory.ai/cli/configuration/custom-droids, checked 2026-12-02 (.factory/droids/*.md and ~/.factory/droids/, top-level files only, exposed as Task subagents; project overrides personal)",
    "docs.factory.ai/cli/configuration/hooks-guide, checked 2026-12-02 (Claude-style hooks in .factory/settings.json; $FACTORY_PROJECT_DIR)",
    "droid 0.225.2 (@factory/cli-linux-x64), checked 2026-12-02: tool names Read, LS, Grep, Glob, Edit, MultiEdit, ApplyPatch, Create, Execute, FetchUrl, WebSearch, TodoWrite, Task; .factory/commands, .factory/skills, .factory/mcp.json; it also mentions .claude/agents, .claude/skills and .claude/commands (import or read: unconfirmed)",
  ],
  hostCli:
    "droid 0.225.2 from @factory/cli-linux-x64 (the @factory/cli@0.225.1 wrapper's own platform packages are not published): `droid mcp list` lists .factory/mcp.json servers as [project] and `droid doctor --config --json` validates the configuration offline; droids, commands and skills are listed only in a logged-in session, so they are checked as files.",
});

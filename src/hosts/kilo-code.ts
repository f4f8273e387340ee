import { defineHost } from "./define.js";
import { opencode } from "./opencode.js";

/**
 * Kilo Code: the Kilo CLI and the VS Code extension built on it, a fork of OpenCode (checked 2026-12-02
 * against @kilocode/cli 7.7.7: its built-in `kilo-config` skill and `kilo debug config|skill`). Same
 * file formats as OpenCode, under `.kilo/` (legacy `.kilocode/`; `.opencode/` is not read) and
 * `~/.config/kilo/`; config in `kilo.json`.
 */
const t = opencode.targets;

export const kiloCode = defineHost({
  id: "kilo-code",
  displayName: "Kilo Code",
  docsUrl: "https://kilo.ai/docs",
  sources: [
    "@kilocode/cli@7.7.7 built-in skill `kilo-config` (config files, `{command,commands}/**/*.md`, `{agent,agents}/**/*.md`, `{skill,skills}/<name>/SKILL.md`, `{plugin,plugins}/*.{ts,js}`, instructions AGENTS.md, CLAUDE.md, CONTEXT.md) (2026-12-02)",
    "`kilo debug skill` / `kilo debug config` on a scratch project: reads .kilo/, .kilocode/, .agents/skills, .claude/skills; not .opencode/ (2026-12-02)",
  ],
  detect: ["{project}/.kilo", "{project}/.kilocode", "{project}/kilo.json", "{xdgConfig}/kilo"],
  targets: {
    skill: {
      ...t.skill,
      note: ".kilo/skills/<name>/SKILL.md",
      path: { project: "{project}/.kilo/skills/{name}", user: "{xdgConfig}/kilo/skills/{name}" },
    },
    agent: {
      ...t.agent,
      note: ".kilo/agents/<name>.md (mode: subagent)",
      path: { project: "{project}/.kilo/agents/{name}.md", user: "{xdgConfig}/kilo/agents/{name}.md" },
    },
    command: {
      ...t.command,
      note: ".kilo/commands/<name>.md",
      path: { project: "{project}/.kilo/commands/{name}.md", user: "{xdgConfig}/kilo/commands/{name}.md" },
    },
    rule: {
      ...t.rule,
      path: { project: "{project}/.agents/rules/{name}.md", user: "{xdgConfig}/kilo/rules/{name}.md" },
    },
    expertise: {
      ...t.expertise,
      path: { project: "{project}/.kilo/skills/{name}", user: "{xdgConfig}/kilo/skills/{name}" },
    },
    hook: {
      ...t.hook,
      note: ".kilo/plugins/cadre-<name>.js, an OpenCode plugin per hook running `cadre hook` (cadre on PATH) on tool.execute.before/after; tool hooks only",
      path: {
        project: "{project}/.kilo/plugins/cadre-{name}.js",
        user: "{xdgConfig}/kilo/plugins/cadre-{name}.js",
      },
    },
    mcp: {
      ...t.mcp,
      note: "mcp in kilo.json",
      mcp: {
        ...t.mcp.mcp,
        key: ["mcp"],
        secrets: {
          form: "none",
          source:
            "@kilocode/cli@7.7.7 `kilo debug config --print-logs`: any `{env:VAR}` (OpenCode's form) makes it skip the whole kilo.json (ConfigInvalidError); the dollar-brace form is kept as written",
          checked: "2026-12-02",
        },
      },
      path: { project: "{project}/kilo.json", user: "{xdgConfig}/kilo/kilo.json" },
    },
  },
  reads: {
    instructions: [
      { project: "{project}/AGENTS.md", user: "{xdgConfig}/kilo/AGENTS.md" },
      { project: "{project}/CLAUDE.md", unless: ["{project}/AGENTS.md"] },
    ],
    skills: [
      { project: "{project}/.kilo/skills", user: "{xdgConfig}/kilo/skills" },
      { project: "{project}/.kilocode/skills", user: "{home}/.kilocode/skills" },
      { project: "{project}/.claude/skills", user: "{home}/.claude/skills" },
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
    ],
    agents: [{ project: "{project}/.kilo/agents", user: "{xdgConfig}/kilo/agents" }],
    hooks: [{ project: "{project}/.kilo/plugins", user: "{xdgConfig}/kilo/plugins" }],
  },
  instructions: { project: "{project}/AGENTS.md", user: "{xdgConfig}/kilo/AGENTS.md" },
});

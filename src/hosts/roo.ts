import { defineHost } from "./define.js";

export const roo = defineHost({
  id: "roo",
  displayName: "Roo Code",
  docsUrl: "https://docs.roocode.com",
  sources: [
    "RooCodeInc/Roo-Code @ cb83656 (v3.52.1, the final release, 2026-04-14): src/services/mcp/McpHub.ts (a url server needs type sse or streamable-http) and src/utils/config.ts (env:VAR references) (checked 2026-12-02)",
    "Roo Code shut down on 2026-05-15 and its repo archived: the notice as quoted by several sources (hosts-audit-2026-12 ◐)",
    "AGENTS.md loaded unless the `useAgentRules` setting is off: no source named (◐)",
  ],
  detect: ["{project}/.roo", "{project}/.roomodes", "{home}/.roo"],
  targets: {
    skill: {
      note: ".roo/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.roo/skills/{name}", user: "{home}/.roo/skills/{name}" },
    },
    agent: {
      note: "a custom mode in .roomodes (customModes, owned by slug); a skill in ~/.roo/skills at user scope",
      format: "agent-roomodes",
      path: { project: "{project}/.roomodes" },
      // Roo's tool groups (render/keys.ts `rooGroups`): `edit` covers edit and write; every mode can read.
      tools: {
        form: "list",
        names: { read: ["read"], edit: ["edit"], write: ["edit"], shell: ["command"], web: ["browser"] },
      },
      fallback: {
        format: "skill-dir",
        as: "a skill",
        path: { user: "{home}/.roo/skills/{name}" },
      },
    },
    command: {
      note: ".roo/commands/<name>.md",
      format: "command-md",
      path: { project: "{project}/.roo/commands/{name}.md", user: "{home}/.roo/commands/{name}.md" },
      fields: { description: "$description", "argument-hint": "$argumentHint" },
    },
    rule: {
      note: ".roo/rules/<name>.md",
      format: "rule-md",
      path: { project: "{project}/.roo/rules/{name}.md", user: "{home}/.roo/rules/{name}.md" },
      // No frontmatter at all (v3.52.1): model → a skill, manual → a command (/name).
      activationAs: { model: "skill", manual: "command" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.roo/skills/{name}", user: "{home}/.roo/skills/{name}" },
    },
    mcp: {
      note: ".roo/mcp.json",
      format: "mcp-json",
      path: { project: "{project}/.roo/mcp.json" },
      mcp: {
        key: ["mcpServers"],
        shape: "roo",
        secrets: {
          form: "env-colon",
          source: "RooCodeInc/Roo-Code src/utils/config.ts, src/services/mcp/McpHub.ts @ cb83656 (v3.52.1)",
          checked: "2026-12-02",
        },
      },
    },
  },
  // RooCodeInc/Roo-Code @ cb83656 (v3.52.1, final); AGENTS.md is loaded unless the `useAgentRules` setting is off (◐).
  reads: {
    instructions: [{ project: "{project}/AGENTS.md", off: "`roo-cline.useAgentRules: false` in VS Code" }],
    rules: [{ project: "{project}/.roo/rules", user: "{home}/.roo/rules" }],
    skills: [{ project: "{project}/.roo/skills", user: "{home}/.roo/skills" }],
    agents: [{ project: "{project}/.roomodes" }],
  },
  hostCli:
    "Roo Code is a VS Code extension with no CLI on npm (`@roo-code/cli` is not published; checked 2026-12-02): no CLI check.",
});

import { defineHost } from "./define.js";

export const kiro = defineHost({
  id: "kiro",
  displayName: "Kiro",
  docsUrl: "https://kiro.dev/docs",
  detect: ["{project}/.kiro", "{home}/.kiro"],
  targets: {
    skill: {
      note: ".kiro/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.kiro/skills/{name}", user: "{home}/.kiro/skills/{name}" },
    },
    agent: {
      note: "a steering file with inclusion: manual",
      format: "rule-md",
      as: "a manual steering file",
      path: { project: "{project}/.kiro/steering/{name}.md", user: "{home}/.kiro/steering/{name}.md" },
      fields: { inclusion: "manual" },
    },
    command: {
      note: "a steering file with inclusion: manual",
      format: "rule-md",
      as: "a manual steering file",
      path: { project: "{project}/.kiro/steering/{name}.md", user: "{home}/.kiro/steering/{name}.md" },
      fields: { inclusion: "manual" },
    },
    rule: {
      note: ".kiro/steering/<name>.md (inclusion)",
      format: "rule-md",
      path: { project: "{project}/.kiro/steering/{name}.md", user: "{home}/.kiro/steering/{name}.md" },
      activation: {
        always: { inclusion: "always" },
        glob: { inclusion: "fileMatch", fileMatchPattern: "$globs:first" },
        model: { inclusion: "auto", name: "$name", description: "$description" },
        manual: { inclusion: "manual" },
      },
    },
    expertise: {
      note: "a steering file with inclusion: manual",
      format: "rule-md",
      as: "a manual steering file",
      path: { project: "{project}/.kiro/steering/{name}.md", user: "{home}/.kiro/steering/{name}.md" },
      fields: { inclusion: "manual" },
    },
    mcp: {
      note: ".kiro/settings/mcp.json",
      format: "mcp-json",
      path: { project: "{project}/.kiro/settings/mcp.json", user: "{home}/.kiro/settings/mcp.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  // Kiro pulls a manual steering file into the chat with #name.
  refs: { "rule-md": "the `{name}` steering file (#{name})" },
  // kiro.dev/docs/steering (AGENTS.md is always included, ◐), /docs/cli/skills; hosts-audit-2026-12 §3.10.
  reads: {
    instructions: [{ project: "{project}/AGENTS.md" }],
    rules: [{ project: "{project}/.kiro/steering", user: "{home}/.kiro/steering" }],
    skills: [{ project: "{project}/.kiro/skills", user: "{home}/.kiro/skills" }],
    hooks: [{ project: "{project}/.kiro/hooks", user: "{home}/.kiro/hooks" }],
  },
});

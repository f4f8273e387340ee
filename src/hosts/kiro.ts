import { defineHost } from "./define.js";

export const kiro = defineHost({
  id: "kiro",
  displayName: "Kiro",
  docsUrl: "https://kiro.dev/docs",
  detect: ["{project}/.kiro", "{home}/.kiro"],
  kinds: {
    skill: { support: "native", note: ".kiro/skills/<name>/SKILL.md" },
    agent: { support: "degraded", note: "a steering file with inclusion: manual" },
    command: { support: "degraded", note: "a steering file with inclusion: manual" },
    rule: { support: "native", note: ".kiro/steering/<name>.md (inclusion)" },
    expertise: { support: "degraded", note: "a steering file with inclusion: manual" },
    mcp: { support: "native", note: ".kiro/settings/mcp.json" },
  },
  targets: {
    skill: {
      format: "skill-dir",
      path: { project: "{project}/.kiro/skills/{name}", user: "{home}/.kiro/skills/{name}" },
    },
    agent: {
      format: "rule-md",
      as: "a manual steering file",
      path: { project: "{project}/.kiro/steering/{name}.md", user: "{home}/.kiro/steering/{name}.md" },
      fields: { inclusion: "manual" },
    },
    command: {
      format: "rule-md",
      as: "a manual steering file",
      path: { project: "{project}/.kiro/steering/{name}.md", user: "{home}/.kiro/steering/{name}.md" },
      fields: { inclusion: "manual" },
    },
    rule: {
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
      format: "rule-md",
      as: "a manual steering file",
      path: { project: "{project}/.kiro/steering/{name}.md", user: "{home}/.kiro/steering/{name}.md" },
      fields: { inclusion: "manual" },
    },
    mcp: {
      format: "mcp-json",
      path: { project: "{project}/.kiro/settings/mcp.json", user: "{home}/.kiro/settings/mcp.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  // Kiro pulls a manual steering file into the chat with #name.
  refs: { "rule-md": "the `{name}` steering file (#{name})" },
  skillDirs: [{ project: "{project}/.kiro/skills", user: "{home}/.kiro/skills" }],
});

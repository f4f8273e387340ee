import { defineHost } from "./define.js";

export const roo = defineHost({
  id: "roo",
  displayName: "Roo Code",
  docsUrl: "https://docs.roocode.com",
  detect: ["{project}/.roo", "{project}/.roomodes", "{home}/.roo"],
  kinds: {
    skill: { support: "native", note: ".roo/skills/<name>/SKILL.md" },
    agent: { support: "degraded", note: "a skill (custom modes in .roomodes are not written yet)" },
    command: { support: "native", note: ".roo/commands/<name>.md" },
    rule: { support: "native", note: ".roo/rules/<name>.md" },
    expertise: { support: "degraded", note: "a reference skill" },
    mcp: { support: "native", note: ".roo/mcp.json" },
  },
  targets: {
    skill: {
      format: "skill-dir",
      path: { project: "{project}/.roo/skills/{name}", user: "{home}/.roo/skills/{name}" },
    },
    agent: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.roo/skills/{name}", user: "{home}/.roo/skills/{name}" },
    },
    command: {
      format: "command-md",
      path: { project: "{project}/.roo/commands/{name}.md", user: "{home}/.roo/commands/{name}.md" },
      fields: { description: "$description", "argument-hint": "$argumentHint" },
    },
    rule: {
      format: "rule-md",
      path: { project: "{project}/.roo/rules/{name}.md", user: "{home}/.roo/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.roo/skills/{name}", user: "{home}/.roo/skills/{name}" },
    },
    mcp: {
      format: "mcp-json",
      path: { project: "{project}/.roo/mcp.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  skillDirs: [{ project: "{project}/.roo/skills", user: "{home}/.roo/skills" }],
});

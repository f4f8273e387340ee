import { defineHost } from "./define.js";

export const junie = defineHost({
  id: "junie",
  displayName: "JetBrains Junie",
  docsUrl: "https://www.jetbrains.com/help/junie",
  detect: ["{project}/.junie", "{home}/.junie"],
  kinds: {
    skill: { support: "native", note: ".junie/skills/<name>/SKILL.md" },
    agent: { support: "degraded", note: "a skill" },
    command: { support: "degraded", note: "a skill" },
    rule: { support: "degraded", note: "an index entry in a managed block of .junie/guidelines.md" },
    expertise: { support: "degraded", note: "a reference skill" },
    mcp: { support: "native", note: ".junie/mcp/mcp.json" },
  },
  targets: {
    skill: {
      format: "skill-dir",
      path: { project: "{project}/.junie/skills/{name}", user: "{home}/.junie/skills/{name}" },
    },
    agent: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.junie/skills/{name}", user: "{home}/.junie/skills/{name}" },
    },
    command: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.junie/skills/{name}", user: "{home}/.junie/skills/{name}" },
    },
    rule: {
      format: "index",
      as: "an index entry in .junie/guidelines.md",
      path: { project: "{project}/.junie/rules/{name}.md", user: "{home}/.junie/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.junie/skills/{name}", user: "{home}/.junie/skills/{name}" },
    },
    mcp: {
      format: "mcp-json",
      path: { project: "{project}/.junie/mcp/mcp.json", user: "{home}/.junie/mcp/mcp.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  skillDirs: [{ project: "{project}/.junie/skills", user: "{home}/.junie/skills" }],
  instructions: { project: "{project}/.junie/guidelines.md" },
});

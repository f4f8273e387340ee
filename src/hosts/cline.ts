import { defineHost } from "./define.js";

export const cline = defineHost({
  id: "cline",
  displayName: "Cline",
  docsUrl: "https://docs.cline.bot",
  detect: ["{project}/.clinerules", "{home}/.cline"],
  kinds: {
    skill: { support: "native", note: ".cline/skills/<name>/SKILL.md" },
    agent: { support: "degraded", note: "a skill" },
    command: { support: "native", note: ".clinerules/workflows/<name>.md" },
    rule: { support: "native", note: ".clinerules/<name>.md (paths)" },
    expertise: { support: "degraded", note: "a reference skill" },
    mcp: { support: "native", note: "cline_mcp_settings.json (user level)" },
  },
  targets: {
    skill: {
      format: "skill-dir",
      path: { project: "{project}/.cline/skills/{name}", user: "{home}/.cline/skills/{name}" },
    },
    agent: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.cline/skills/{name}", user: "{home}/.cline/skills/{name}" },
    },
    command: {
      format: "command-md",
      path: {
        project: "{project}/.clinerules/workflows/{name}.md",
        user: "{home}/.cline/data/workflows/{name}.md",
      },
    },
    rule: {
      format: "rule-md",
      path: { project: "{project}/.clinerules/{name}.md", user: "{home}/.cline/rules/{name}.md" },
      activation: { glob: { paths: "$globs" } },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.cline/skills/{name}", user: "{home}/.cline/skills/{name}" },
    },
    mcp: {
      format: "mcp-json",
      path: { user: "{home}/.cline/data/settings/cline_mcp_settings.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  skillDirs: [{ project: "{project}/.cline/skills", user: "{home}/.cline/skills" }],
});

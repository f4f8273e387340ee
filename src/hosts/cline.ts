import { defineHost } from "./define.js";

export const cline = defineHost({
  id: "cline",
  displayName: "Cline",
  docsUrl: "https://docs.cline.bot",
  detect: ["{project}/.clinerules", "{home}/.cline"],
  targets: {
    skill: {
      note: ".cline/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.cline/skills/{name}", user: "{home}/.cline/skills/{name}" },
    },
    agent: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.cline/skills/{name}", user: "{home}/.cline/skills/{name}" },
    },
    command: {
      note: ".clinerules/workflows/<name>.md",
      format: "command-md",
      path: {
        project: "{project}/.clinerules/workflows/{name}.md",
        user: "{home}/.cline/data/workflows/{name}.md",
      },
    },
    rule: {
      note: ".clinerules/<name>.md (paths)",
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
      note: "cline_mcp_settings.json (user level)",
      format: "mcp-json",
      path: { user: "{home}/.cline/data/settings/cline_mcp_settings.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  skillDirs: [{ project: "{project}/.cline/skills", user: "{home}/.cline/skills" }],
});

import { defineHost } from "./define.js";

/** The cross-tool standards: `.agents/skills` and AGENTS.md, read by many hosts at once. */
export const agentsStandard = defineHost({
  id: "agents-standard",
  displayName: "Cross-tool (.agents/skills + AGENTS.md)",
  docsUrl: "https://agentskills.io",
  detect: ["{project}/.agents", "{project}/AGENTS.md"],
  limits: { instructionsBytes: 32 * 1024 },
  targets: {
    skill: {
      note: ".agents/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.agents/skills/{name}" },
    },
    agent: {
      note: "a skill",
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.agents/skills/{name}" },
    },
    command: {
      note: "a skill",
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.agents/skills/{name}" },
    },
    rule: {
      note: "an index entry in a managed block of AGENTS.md",
      format: "index",
      as: "an index entry in AGENTS.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{home}/.agents/rules/{name}.md" },
    },
    expertise: {
      note: "a reference skill",
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.agents/skills/{name}" },
    },
  },
  skillDirs: [{ project: "{project}/.agents/skills", user: "{home}/.agents/skills" }],
  instructions: { project: "{project}/AGENTS.md", user: "{home}/.agents/AGENTS.md" },
});

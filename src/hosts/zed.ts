import { defineHost } from "./define.js";

export const zed = defineHost({
  id: "zed",
  displayName: "Zed",
  docsUrl: "https://zed.dev/docs/ai/rules",
  detect: ["{project}/.rules", "{project}/.zed", "{home}/.config/zed"],
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
      note: "a skill (skills are / commands in Zed)",
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.agents/skills/{name}" },
    },
    rule: {
      note: "an index entry in a managed block of AGENTS.md",
      format: "index",
      as: "an index entry in AGENTS.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{xdgConfig}/zed/rules/{name}.md" },
    },
    expertise: {
      note: "a reference skill",
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.agents/skills/{name}" },
    },
  },
  skillDirs: [{ project: "{project}/.agents/skills", user: "{home}/.agents/skills" }],
  // Zed reads only the first of .rules, .cursorrules, …, AGENTS.md: cadre writes AGENTS.md and never creates .rules.
  instructions: { project: "{project}/AGENTS.md", user: "{xdgConfig}/zed/AGENTS.md" },
});

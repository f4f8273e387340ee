import { defineHost } from "./define.js";

export const zed = defineHost({
  id: "zed",
  displayName: "Zed",
  docsUrl: "https://zed.dev/docs/ai/rules",
  detect: ["{project}/.rules", "{project}/.zed", "{home}/.config/zed"],
  kinds: {
    skill: { support: "native", note: ".agents/skills/<name>/SKILL.md" },
    agent: { support: "degraded", note: "a skill" },
    command: { support: "degraded", note: "a skill (skills are / commands in Zed)" },
    rule: { support: "degraded", note: "an index entry in a managed block of AGENTS.md" },
    expertise: { support: "degraded", note: "a reference skill" },
  },
  targets: {
    skill: {
      format: "skill-dir",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.agents/skills/{name}" },
    },
    agent: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.agents/skills/{name}" },
    },
    command: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.agents/skills/{name}" },
    },
    rule: {
      format: "index",
      as: "an index entry in AGENTS.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{xdgConfig}/zed/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.agents/skills/{name}" },
    },
  },
  skillDirs: [{ project: "{project}/.agents/skills", user: "{home}/.agents/skills" }],
  // Zed reads only the first of .rules, .cursorrules, …, AGENTS.md: cadre writes AGENTS.md and never creates .rules.
  instructions: { project: "{project}/AGENTS.md", user: "{xdgConfig}/zed/AGENTS.md" },
});

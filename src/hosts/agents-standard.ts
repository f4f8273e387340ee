import { defineHost } from "./define.js";

/** The cross-tool standards: `.agents/skills` and AGENTS.md, read by many hosts at once. */
export const agentsStandard = defineHost({
  id: "agents-standard",
  displayName: "Cross-tool (.agents/skills + AGENTS.md)",
  docsUrl: "https://agentskills.io",
  detect: ["{project}/.agents", "{project}/AGENTS.md"],
  kinds: {
    skill: { support: "native", note: ".agents/skills/<name>/SKILL.md" },
    agent: { support: "degraded", note: "a skill" },
    command: { support: "degraded", note: "a skill" },
    rule: { support: "degraded", note: "an entry in a managed block of AGENTS.md" },
    expertise: { support: "degraded", note: "a reference skill" },
  },
  limits: { instructionsBytes: 32 * 1024 },
});

import { defineHost } from "./define.js";

export const amp = defineHost({
  id: "amp",
  displayName: "Amp",
  docsUrl: "https://ampcode.com/manual",
  detect: ["{project}/.amp", "{home}/.config/amp"],
  kinds: {
    skill: { support: "native", note: ".agents/skills/<name>/SKILL.md" },
    agent: { support: "degraded", note: "a skill" },
    command: { support: "degraded", note: "a skill" },
    rule: { support: "degraded", note: "an entry in a managed block of AGENTS.md" },
    expertise: { support: "degraded", note: "a reference skill" },
    mcp: { support: "native", note: "amp.mcpServers in .amp/settings.json" },
  },
});

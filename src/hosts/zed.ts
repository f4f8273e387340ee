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
    rule: { support: "degraded", note: "an entry in a managed block of .rules" },
    expertise: { support: "degraded", note: "a reference skill" },
  },
});

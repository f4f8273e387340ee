import { defineHost } from "./define.js";

export const kiro = defineHost({
  id: "kiro",
  displayName: "Kiro",
  docsUrl: "https://kiro.dev/docs",
  detect: ["{project}/.kiro", "{home}/.kiro"],
  kinds: {
    skill: { support: "native", note: ".kiro/skills/<name>/SKILL.md" },
    agent: { support: "degraded", note: "a steering file with inclusion: manual" },
    command: { support: "degraded", note: "a steering file with inclusion: manual" },
    rule: { support: "native", note: ".kiro/steering/<name>.md (inclusion)" },
    expertise: { support: "degraded", note: "a steering file with inclusion: manual" },
    mcp: { support: "native", note: ".kiro/settings/mcp.json" },
  },
});

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
    rule: { support: "degraded", note: "an entry in a managed block of .junie/guidelines.md" },
    expertise: { support: "degraded", note: "a reference skill" },
    mcp: { support: "native", note: ".junie/mcp/mcp.json" },
  },
});

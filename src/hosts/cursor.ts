import { defineHost } from "./define.js";

export const cursor = defineHost({
  id: "cursor",
  displayName: "Cursor",
  docsUrl: "https://cursor.com/docs",
  detect: ["{project}/.cursor", "{home}/.cursor"],
  kinds: {
    skill: { support: "native", note: ".cursor/skills/<name>/SKILL.md (or shared .agents/skills)" },
    agent: { support: "native", note: ".cursor/agents/<name>.md" },
    command: { support: "native", note: ".cursor/commands/<name>.md" },
    rule: { support: "native", note: ".cursor/rules/<name>.mdc (description, globs, alwaysApply)" },
    expertise: { support: "degraded", note: "a reference skill" },
    hook: { support: "native", note: ".cursor/hooks.json" },
    mcp: { support: "native", note: ".cursor/mcp.json" },
  },
});

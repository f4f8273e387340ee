import { defineHost } from "./define.js";

export const opencode = defineHost({
  id: "opencode",
  displayName: "OpenCode",
  docsUrl: "https://opencode.ai/docs",
  detect: ["{project}/.opencode", "{project}/opencode.json", "{home}/.config/opencode"],
  kinds: {
    skill: { support: "native", note: ".opencode/skills/<name>/SKILL.md" },
    agent: { support: "native", note: ".opencode/agents/<name>.md (mode: subagent)" },
    command: { support: "native", note: ".opencode/commands/<name>.md" },
    rule: { support: "degraded", note: "a file listed in opencode.json instructions" },
    expertise: { support: "degraded", note: "a reference skill" },
    mcp: { support: "native", note: "mcp in opencode.json" },
  },
});

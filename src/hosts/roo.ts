import { defineHost } from "./define.js";

export const roo = defineHost({
  id: "roo",
  displayName: "Roo Code",
  docsUrl: "https://docs.roocode.com",
  detect: ["{project}/.roo", "{project}/.roomodes", "{home}/.roo"],
  kinds: {
    skill: { support: "native", note: ".roo/skills/<name>/SKILL.md" },
    agent: { support: "native", note: "a custom mode in .roomodes" },
    command: { support: "native", note: ".roo/commands/<name>.md" },
    rule: { support: "native", note: ".roo/rules/<name>.md" },
    expertise: { support: "degraded", note: "a reference skill" },
    mcp: { support: "native", note: ".roo/mcp.json" },
  },
});

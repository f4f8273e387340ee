import { defineHost } from "./define.js";

export const cline = defineHost({
  id: "cline",
  displayName: "Cline",
  docsUrl: "https://docs.cline.bot",
  detect: ["{project}/.clinerules", "{home}/.cline"],
  kinds: {
    skill: { support: "native", note: ".cline/skills/<name>/SKILL.md" },
    agent: { support: "degraded", note: "a skill" },
    command: { support: "native", note: ".clinerules/workflows/<name>.md" },
    rule: { support: "native", note: ".clinerules/<name>.md (paths)" },
    expertise: { support: "degraded", note: "a reference skill" },
    mcp: { support: "native", note: "cline_mcp_settings.json" },
  },
});

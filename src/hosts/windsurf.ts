import { defineHost } from "./define.js";

export const windsurf = defineHost({
  id: "windsurf",
  displayName: "Windsurf",
  docsUrl: "https://docs.windsurf.com",
  detect: ["{project}/.windsurf", "{home}/.codeium/windsurf"],
  kinds: {
    skill: { support: "native", note: ".windsurf/skills/<name>/SKILL.md" },
    agent: { support: "degraded", note: "a skill (no documented subagents)" },
    command: { support: "native", note: ".windsurf/workflows/<name>.md" },
    rule: { support: "native", note: ".windsurf/rules/<name>.md (trigger)" },
    expertise: { support: "degraded", note: "a reference skill" },
    hook: { support: "native", note: ".windsurf/hooks.json" },
    mcp: { support: "degraded", note: "user-level mcp_config.json only" },
  },
  limits: { ruleChars: 12_000 },
});

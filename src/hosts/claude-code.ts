import { defineHost } from "./define.js";

export const claudeCode = defineHost({
  id: "claude-code",
  displayName: "Claude Code",
  docsUrl: "https://code.claude.com/docs",
  detect: ["{project}/.claude", "{project}/CLAUDE.md", "{home}/.claude"],
  kinds: {
    skill: { support: "native", note: ".claude/skills/<name>/SKILL.md" },
    agent: { support: "native", note: ".claude/agents/<name>.md" },
    command: { support: "native", note: ".claude/commands/<name>.md" },
    rule: { support: "native", note: ".claude/rules/<name>.md (paths)" },
    expertise: { support: "degraded", note: "a reference skill under .claude/skills" },
    hook: { support: "native", note: "hooks in .claude/settings.json" },
    mcp: { support: "native", note: ".mcp.json" },
  },
  limits: { skillDescriptionChars: 1536, skillListing: { fraction: 0.01, contextTokens: 200_000 } },
});

import { defineHost } from "./define.js";

export const codex = defineHost({
  id: "codex",
  displayName: "OpenAI Codex",
  docsUrl: "https://developers.openai.com/codex",
  detect: ["{project}/.codex", "{home}/.codex"],
  kinds: {
    skill: { support: "native", note: ".agents/skills/<name>/SKILL.md" },
    agent: { support: "native", note: ".codex/agents/<name>.toml" },
    command: { support: "degraded", note: "a skill (custom prompts are deprecated)" },
    rule: { support: "degraded", note: "an entry in a managed block of AGENTS.md" },
    expertise: { support: "degraded", note: "a reference skill under .agents/skills" },
    hook: { support: "native", note: "[hooks] in .codex/config.toml" },
    mcp: { support: "native", note: "[mcp_servers.<name>] in .codex/config.toml" },
  },
  limits: { instructionsBytes: 32 * 1024 },
});

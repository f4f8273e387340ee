import { defineHost } from "./define.js";

export const copilot = defineHost({
  id: "copilot",
  displayName: "GitHub Copilot",
  docsUrl: "https://docs.github.com/copilot",
  detect: ["{project}/.github/copilot-instructions.md", "{project}/.github/agents", "{home}/.copilot"],
  kinds: {
    skill: { support: "native", note: ".github/skills/<name>/SKILL.md (or shared .agents/skills)" },
    agent: { support: "native", note: ".github/agents/<name>.agent.md" },
    command: { support: "native", note: ".github/prompts/<name>.prompt.md" },
    rule: { support: "native", note: ".github/instructions/<name>.instructions.md (applyTo)" },
    expertise: { support: "degraded", note: "a reference skill" },
    hook: { support: "native", note: ".github/hooks/<name>.json" },
    mcp: { support: "native", note: ".mcp.json / .vscode/mcp.json" },
  },
  limits: { agentBodyChars: 30_000 },
});

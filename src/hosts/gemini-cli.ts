import { defineHost } from "./define.js";

export const geminiCli = defineHost({
  id: "gemini-cli",
  displayName: "Gemini CLI",
  docsUrl: "https://geminicli.com/docs",
  detect: ["{project}/.gemini", "{project}/GEMINI.md", "{home}/.gemini"],
  kinds: {
    skill: { support: "native", note: ".gemini/skills/<name>/SKILL.md (or shared .agents/skills)" },
    agent: { support: "native", note: ".gemini/agents/<name>.md" },
    command: { support: "native", note: ".gemini/commands/<name>.toml ({{args}})" },
    rule: { support: "degraded", note: "an entry in a managed block of GEMINI.md" },
    expertise: { support: "degraded", note: "a reference skill" },
    hook: { support: "native", note: "hooks in .gemini/settings.json" },
    mcp: { support: "native", note: "mcpServers in .gemini/settings.json" },
  },
});

import { defineHost } from "./define.js";

export const amp = defineHost({
  id: "amp",
  displayName: "Amp",
  docsUrl: "https://ampcode.com/manual",
  sources: [
    "ampcode.com/manual, as mirrored by decodeclaude and syllago (skills in .agents/skills, ~/.config/agents/skills, ~/.config/amp/skills, .claude/skills, ~/.claude/skills; ◐) (checked 2026-12-02 per hosts-audit-2026-12)",
    "ampcode.com/manual (AGENTS.md, with AGENT.md and CLAUDE.md as fallbacks; ◐) (checked 2026-12-02 per hosts-audit-2026-12)",
    "ampcode.com/manual (`amp.mcpServers` in .amp/settings.json and ~/.config/amp/settings.json; workspace servers need approval; ◐) (checked 2026-12-02 per hosts-audit-2026-12)",
    "MCP secret expansion: not confirmed by a source (the ampcode.com/manual copies found do not mention it; hosts-audit-2026-12 ❓) (checked 2026-12-02)",
  ],
  detect: ["{project}/.amp", "{home}/.config/amp"],
  targets: {
    skill: {
      note: ".agents/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.agents/skills/{name}", user: "{xdgConfig}/agents/skills/{name}" },
    },
    agent: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{xdgConfig}/agents/skills/{name}" },
    },
    command: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{xdgConfig}/agents/skills/{name}" },
    },
    rule: {
      note: "an index entry in a managed block of AGENTS.md",
      format: "index",
      as: "an index entry in AGENTS.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{xdgConfig}/amp/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{xdgConfig}/agents/skills/{name}" },
    },
    mcp: {
      note: "amp.mcpServers in .amp/settings.json",
      format: "mcp-json",
      path: { project: "{project}/.amp/settings.json", user: "{xdgConfig}/amp/settings.json" },
      mcp: {
        key: ["amp.mcpServers"],
        shape: "claude",
        secrets: {
          form: "none",
          source:
            "not confirmed: the ampcode.com/manual copies found do not mention expansion (syllago.dev reports $ references, unverified)",
          checked: "2026-12-02",
        },
      },
    },
  },
  // ampcode.com/manual (◐ via third-party mirrors; hosts-audit-2026-12 §3.11): AGENTS.md (AGENT.md, CLAUDE.md
  // without one); skills also from .claude/skills and ~/.claude/skills.
  reads: {
    instructions: [
      { project: "{project}/AGENTS.md", user: "{xdgConfig}/amp/AGENTS.md" },
      { project: "{project}/CLAUDE.md", unless: ["{project}/AGENTS.md", "{project}/AGENT.md"] },
    ],
    skills: [
      { project: "{project}/.agents/skills", user: "{xdgConfig}/agents/skills" },
      { user: "{xdgConfig}/amp/skills" },
      { project: "{project}/.claude/skills", user: "{home}/.claude/skills" },
    ],
  },
  instructions: { project: "{project}/AGENTS.md", user: "{xdgConfig}/amp/AGENTS.md" },
});

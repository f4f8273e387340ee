import { defineHost } from "./define.js";

// Trae is closed source and its docs site was not in reach: every fact here is second-hand (see `sources`).
export const trae = defineHost({
  id: "trae",
  displayName: "Trae",
  docsUrl: "https://docs.trae.ai",
  detect: ["{project}/.trae", "{home}/.trae"],
  targets: {
    skill: {
      note: ".trae/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.trae/skills/{name}", user: "{home}/.trae/skills/{name}" },
    },
    agent: {
      note: "a skill (Trae's custom agents are configured in its UI)",
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.trae/skills/{name}", user: "{home}/.trae/skills/{name}" },
    },
    command: {
      note: "a skill (no documented command files)",
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.trae/skills/{name}", user: "{home}/.trae/skills/{name}" },
    },
    rule: {
      note: ".trae/rules/<name>.md (description, globs, alwaysApply; project only)",
      format: "rule-md",
      path: { project: "{project}/.trae/rules/{name}.md" },
      activation: {
        always: { alwaysApply: true },
        glob: { globs: "$globs:csv", alwaysApply: false },
        model: { description: "$description", alwaysApply: false },
        manual: { alwaysApply: false },
      },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.trae/skills/{name}", user: "{home}/.trae/skills/{name}" },
    },
    mcp: {
      note: "mcpServers in .trae/mcp.json (project only)",
      format: "mcp-json",
      path: { project: "{project}/.trae/mcp.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  reads: {
    // ◐ second-hand: Trae imports AGENTS.md and CLAUDE.md as rules when its rules settings say so.
    instructions: [
      {
        project: "{project}/AGENTS.md",
        when: "with AGENTS.md import on",
        off: "the AGENTS.md import switch in Trae's rules settings",
      },
      {
        project: "{project}/CLAUDE.md",
        when: "with CLAUDE.md import on",
        off: "the CLAUDE.md import switch in Trae's rules settings",
      },
    ],
    rules: [{ project: "{project}/.trae/rules" }],
    skills: [{ project: "{project}/.trae/skills", user: "{home}/.trae/skills" }],
  },
  sources: [
    "agentconfig.ing/files/trae-rules, checked 2026-12-02 (◐): .trae/rules/*.md with description, alwaysApply, globs; always, glob, agent-requested and manual modes",
    "juejin.cn/post/7619769543519780890, checked 2026-12-02 (◐): .trae/rules, .trae/skills/<name>/SKILL.md, .trae/agents, .trae/mcp.json in the project, ~/.trae for the user",
    "TRAE rules announcement (mirrored at m.alixixi.com/wz/355628.html), checked 2026-12-02 (◐): several rules, four activation modes, AGENTS.md and CLAUDE.md import",
  ],
  hostCli: "Trae is a closed-source IDE with no CLI on npm: no CLI check.",
});

import { AGENTS_SKILL, defineHost } from "./define.js";

export const zed = defineHost({
  id: "zed",
  displayName: "Zed",
  docsUrl: "https://zed.dev/docs/ai/rules",
  sources: [
    "zed-industries/zed docs/src/ai/skills.md @ 0011187 (.agents/skills and ~/.agents/skills, flat; project skills only in trusted worktrees) (checked 2026-12-02 per hosts-audit-2026-12)",
    "zed-industries/zed docs/src/ai/instructions.md @ 324dcf3 (~/.config/zed/AGENTS.md; in the project the first of .rules, .cursorrules, .windsurfrules, .clinerules, .github/copilot-instructions.md, AGENT.md, AGENTS.md) (checked 2026-12-02 per hosts-audit-2026-12)",
    "zed-industries/zed docs/src/ai/mcp.md (context_servers: command/args/env or url/headers; no expansion documented) (checked 2026-12-02)",
    "whether Zed takes a .clinerules/ folder as its .clinerules file: not confirmed by a source (hosts-audit-2026-12 ❓)",
  ],
  detect: ["{project}/.rules", "{project}/.zed", "{home}/.config/zed"],
  targets: {
    skill: {
      note: ".agents/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: AGENTS_SKILL,
    },
    agent: {
      format: "skill-dir",
      as: "a skill",
      path: AGENTS_SKILL,
    },
    command: {
      note: "a skill (skills are / commands in Zed)",
      format: "skill-dir",
      as: "a skill",
      path: AGENTS_SKILL,
    },
    rule: {
      note: "an index entry in a managed block of AGENTS.md",
      format: "index",
      as: "an index entry in AGENTS.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{xdgConfig}/zed/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: AGENTS_SKILL,
    },
    mcp: {
      note: "context_servers in .zed/settings.json (JSONC: comments kept)",
      format: "mcp-json",
      path: { project: "{project}/.zed/settings.json", user: "{xdgConfig}/zed/settings.json" },
      mcp: {
        key: ["context_servers"],
        shape: "zed",
        secrets: {
          form: "none",
          source:
            "zed-industries/zed docs/src/ai/mcp.md (command/args/env, url/headers; no expansion documented)",
          checked: "2026-12-02",
        },
      },
    },
  },
  // zed docs/src/ai/instructions.md @ 324dcf3 and skills.md @ 0011187 (hosts-audit-2026-12 §3.12): the project's
  // first of .rules, .cursorrules, .windsurfrules, .clinerules, .github/copilot-instructions.md, AGENT.md, AGENTS.md.
  reads: {
    instructions: [
      {
        project: "{project}/AGENTS.md",
        user: "{xdgConfig}/zed/AGENTS.md",
        unless: [
          "{project}/.rules",
          "{project}/.cursorrules",
          "{project}/.windsurfrules",
          "{project}/.clinerules",
          "{project}/.github/copilot-instructions.md",
          "{project}/AGENT.md",
        ],
      },
    ],
    skills: [{ project: "{project}/.agents/skills", user: "{home}/.agents/skills" }],
  },
  // Zed reads only the first of .rules, .cursorrules, …, AGENTS.md: cadre writes AGENTS.md and never creates .rules.
  instructions: { project: "{project}/AGENTS.md", user: "{xdgConfig}/zed/AGENTS.md" },
  hostCli: "Zed is a native editor, not on npm (checked 2026-12-02): no CLI check.",
});

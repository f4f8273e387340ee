import { AGENTS_SKILL, defineHost } from "./define.js";

/** The cross-tool standards: `.agents/skills` and AGENTS.md, read by many hosts at once. */
export const agentsStandard = defineHost({
  id: "agents-standard",
  displayName: "Cross-tool (.agents/skills + AGENTS.md)",
  docsUrl: "https://agentskills.io",
  sources: [
    "agentskills/agentskills @ 69ef37e, 2026-08-09 (the Agent Skills spec, .agents/skills/<name>/SKILL.md, unchanged) (checked 2026-12-02 per hosts-audit-2026-12)",
    "cline/cline sdk/packages/shared/src/storage/paths.ts @ 21cb8d2 (`resolveGlobalAgentsRulesPath`: Cline's SDK reads ~/.agents/AGENTS.md) (checked 2026-12-02 per hosts-audit-2026-12)",
    "readers of ~/.agents/AGENTS.md other than Cline's SDK: not confirmed by a source (hosts-audit-2026-12 ❓)",
  ],
  detect: ["{project}/.agents", "{project}/AGENTS.md"],
  limits: { instructionsBytes: 32 * 1024 },
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
      format: "skill-dir",
      as: "a skill",
      path: AGENTS_SKILL,
    },
    rule: {
      note: "an index entry in a managed block of AGENTS.md",
      format: "index",
      as: "an index entry in AGENTS.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{home}/.agents/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: AGENTS_SKILL,
    },
  },
  // agentskills.io (spec @ 2026-08-09) and agents.md: what the cross-tool files are; the real readers are the hosts.
  reads: {
    instructions: [{ project: "{project}/AGENTS.md", user: "{home}/.agents/AGENTS.md" }],
    skills: [{ project: "{project}/.agents/skills", user: "{home}/.agents/skills" }],
  },
  instructions: { project: "{project}/AGENTS.md", user: "{home}/.agents/AGENTS.md" },
  hostCli:
    "Not a program: the hosts that read .agents/skills and AGENTS.md (Amp, Codex, Factory, OpenCode, Qwen Code, Kilo Code) check it through their own CLIs.",
});

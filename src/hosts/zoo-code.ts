import { defineHost } from "./define.js";
import { roo } from "./roo.js";

/**
 * Zoo Code, the community fork that continues Roo Code (shut down 2026-05-15). Same formats as Roo, but
 * its config root is `.zoo/` and `.zoomodes` (user `~/.zoo/`), with `.roo/` and `.roomodes` read only
 * when the Zoo path does not exist ("Zoo-first / Roo-fallback": Zoo-Code-Org/Zoo-Code
 * src/services/roo-config/index.ts @ 10d91aa, checked 2026-12-02). Zoo copies `.roo/` to `.zoo/` the
 * first time it writes its config, after which `.roo/` is ignored, so cadre writes the Zoo paths.
 */
const t = roo.targets;

export const zooCode = defineHost({
  id: "zoo-code",
  displayName: "Zoo Code",
  docsUrl: "https://docs.zoocode.dev",
  sources: [
    "Zoo-Code-Org/Zoo-Code README.md (v3.54.1, Roo → Zoo) and src/services/roo-config/index.ts @ 10d91aa: `.zoo` / `.zoomodes` / `.zoo/mcp.json` canonical, `.roo` / `.roomodes` / `.roo/mcp.json` legacy fallback, `.agents` shared skills (2026-12-02)",
    "Zoo-Code-Org/Zoo-Code src/services/skills/SkillsManager.ts (skills/, skills-<mode>/, .agents/skills) (2026-12-02)",
  ],
  detect: ["{project}/.zoo", "{project}/.zoomodes", "{home}/.zoo"],
  targets: {
    skill: {
      ...t.skill,
      note: ".zoo/skills/<name>/SKILL.md",
      path: { project: "{project}/.zoo/skills/{name}", user: "{home}/.zoo/skills/{name}" },
    },
    agent: {
      ...t.agent,
      note: "a custom mode in .zoomodes (customModes, owned by slug); a skill in ~/.zoo/skills at user scope",
      path: { project: "{project}/.zoomodes" },
      fallback: { ...t.agent.fallback, path: { user: "{home}/.zoo/skills/{name}" } },
    },
    command: {
      ...t.command,
      note: ".zoo/commands/<name>.md",
      path: { project: "{project}/.zoo/commands/{name}.md", user: "{home}/.zoo/commands/{name}.md" },
    },
    rule: {
      ...t.rule,
      note: ".zoo/rules/<name>.md",
      path: { project: "{project}/.zoo/rules/{name}.md", user: "{home}/.zoo/rules/{name}.md" },
    },
    expertise: {
      ...t.expertise,
      path: { project: "{project}/.zoo/skills/{name}", user: "{home}/.zoo/skills/{name}" },
    },
    mcp: {
      ...t.mcp,
      note: ".zoo/mcp.json",
      path: { project: "{project}/.zoo/mcp.json" },
    },
  },
  reads: {
    instructions: [{ project: "{project}/AGENTS.md", off: "`zoo-code.useAgentRules: false` in VS Code" }],
    rules: [{ project: "{project}/.zoo/rules", user: "{home}/.zoo/rules" }],
    skills: [
      { project: "{project}/.zoo/skills", user: "{home}/.zoo/skills" },
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
    ],
    agents: [{ project: "{project}/.zoomodes" }],
  },
  hostCli: "Zoo Code is a VS Code extension with no CLI (checked 2026-12-02): no CLI check.",
});

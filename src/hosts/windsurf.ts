import { defineHost } from "./define.js";

/**
 * Devin Desktop, formerly Windsurf ("the next generation of Windsurf", cognition.com, 2026-06-02). Its id is
 * `devin`; `windsurf` stays accepted as a former id (`HOST_ALIASES` in registry.ts).
 */
export const windsurf = defineHost({
  id: "devin",
  displayName: "Devin Desktop (Windsurf)",
  docsUrl: "https://docs.devin.ai/desktop",
  sources: [
    'cognition.com, 2026-06-02 ("the next generation of Windsurf": Devin Desktop) (checked 2026-12-02 per hosts-audit-2026-12)',
    "docs.devin.ai/desktop/cascade/memories (.devin/rules primary, .windsurf/rules legacy; AGENTS.md read) (checked 2026-12-02)",
    "docs.devin.ai/desktop/cascade/skills (skills still under .windsurf/skills) (checked 2026-12-02 per hosts-audit-2026-12)",
    "docs.devin.ai/desktop/cascade/hooks, via two independent integrations (12 events incl. pre_user_prompt and post_cascade_response; ◐) (checked 2026-12-02 per hosts-audit-2026-12)",
    "docs.devin.ai/desktop MCP, seen via vendor guides of 2026-10-29 (remote servers take serverUrl; env:VAR interpolation; ◐) (checked 2026-12-02)",
    "whether .agents/skills is read, and .devin/ homes for workflows, hooks and skills: not confirmed by a source (hosts-audit-2026-12 ❓)",
  ],
  detect: ["{project}/.devin", "{project}/.windsurf", "{home}/.codeium/windsurf"],
  limits: { ruleChars: 12_000 },
  targets: {
    skill: {
      note: ".windsurf/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.windsurf/skills/{name}", user: "{home}/.codeium/windsurf/skills/{name}" },
    },
    agent: {
      note: "a skill (no documented subagents)",
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.windsurf/skills/{name}", user: "{home}/.codeium/windsurf/skills/{name}" },
    },
    command: {
      note: ".windsurf/workflows/<name>.md",
      format: "command-md",
      path: { project: "{project}/.windsurf/workflows/{name}.md" },
      fields: { description: "$description" },
    },
    // Rules: `.devin/rules/` is primary, "(or legacy `.windsurf/rules/`)" (docs.devin.ai/desktop/cascade/memories;
    // checked 2026-12-02). Skills and workflows are still documented under `.windsurf/`.
    rule: {
      note: ".devin/rules/<name>.md (trigger)",
      format: "rule-md",
      path: { project: "{project}/.devin/rules/{name}.md" },
      activation: {
        always: { trigger: "always_on" },
        glob: { trigger: "glob", globs: "$globs:csv" },
        model: { trigger: "model_decision", description: "$description" },
        manual: { trigger: "manual" },
      },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.windsurf/skills/{name}", user: "{home}/.codeium/windsurf/skills/{name}" },
    },
    hook: {
      note: "entries of hooks.pre_write_code / pre_run_command / pre_read_code in .windsurf/hooks.json running `cadre hook` (cadre on PATH); pre-tool-use, pre_user_prompt and post_cascade_response only (Windsurf's post tool hooks get no tool output and it has no session-start hook)",
      format: "hooks-windsurf",
      path: { project: "{project}/.windsurf/hooks.json", user: "{home}/.codeium/windsurf/hooks.json" },
      hooks: {
        host: "windsurf",
        events: {
          "user-prompt-submit": ["pre_user_prompt"],
          "pre-tool-use": ["pre_write_code", "pre_run_command", "pre_read_code"],
          stop: ["post_cascade_response"],
        },
        tools: {
          shell: "pre_run_command",
          edit: "pre_write_code",
          write: "pre_write_code",
          read: "pre_read_code",
        },
      },
    },
    mcp: {
      note: "user-level mcp_config.json only",
      format: "mcp-json",
      as: "user-level config only",
      path: { user: "{home}/.codeium/windsurf/mcp_config.json" },
      mcp: {
        key: ["mcpServers"],
        shape: "windsurf",
        secrets: {
          form: "env-colon",
          source:
            "docs.devin.ai/desktop MCP (serverUrl, env:VAR interpolation; seen via vendor guides of 2026-10-29)",
          checked: "2026-12-02",
        },
      },
    },
  },
  // docs.devin.ai/desktop/cascade (memories: .devin/rules primary, .windsurf/rules legacy, AGENTS.md; skills),
  // hosts-audit-2026-12 §3.6. Whether .agents/skills is read is unconfirmed: left out.
  reads: {
    instructions: [{ project: "{project}/AGENTS.md" }],
    rules: [{ project: "{project}/.windsurf/rules" }, { project: "{project}/.devin/rules" }],
    skills: [{ project: "{project}/.windsurf/skills", user: "{home}/.codeium/windsurf/skills" }],
    hooks: [{ project: "{project}/.windsurf/hooks.json", user: "{home}/.codeium/windsurf/hooks.json" }],
  },
  hostCli: "Devin Desktop (Windsurf) is an IDE with no CLI on npm (checked 2026-12-02): no CLI check.",
});

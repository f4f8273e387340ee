import { defineHost } from "./define.js";

export const windsurf = defineHost({
  id: "windsurf",
  displayName: "Windsurf",
  docsUrl: "https://docs.windsurf.com",
  detect: ["{project}/.windsurf", "{home}/.codeium/windsurf"],
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
    rule: {
      note: ".windsurf/rules/<name>.md (trigger)",
      format: "rule-md",
      path: { project: "{project}/.windsurf/rules/{name}.md" },
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
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  skillDirs: [{ project: "{project}/.windsurf/skills", user: "{home}/.codeium/windsurf/skills" }],
});

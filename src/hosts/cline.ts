import { defineHost } from "./define.js";

export const cline = defineHost({
  id: "cline",
  displayName: "Cline",
  docsUrl: "https://docs.cline.bot",
  detect: ["{project}/.clinerules", "{home}/.cline"],
  targets: {
    skill: {
      note: ".cline/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.cline/skills/{name}", user: "{home}/.cline/skills/{name}" },
    },
    agent: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.cline/skills/{name}", user: "{home}/.cline/skills/{name}" },
    },
    command: {
      note: ".clinerules/workflows/<name>.md",
      format: "command-md",
      path: {
        project: "{project}/.clinerules/workflows/{name}.md",
        user: "{home}/.cline/data/workflows/{name}.md",
      },
    },
    rule: {
      note: ".clinerules/<name>.md (paths)",
      format: "rule-md",
      path: { project: "{project}/.clinerules/{name}.md", user: "{home}/.cline/rules/{name}.md" },
      activation: { glob: { paths: "$globs" } },
      // Only `paths` (cline @ 2026-08-22): model → a skill, manual → a workflow (/name).
      activationAs: { model: "skill", manual: "command" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.cline/skills/{name}", user: "{home}/.cline/skills/{name}" },
    },
    hook: {
      note: ".clinerules/hooks/<Event>: one executable sh script per Cline hook type, running `cadre hook` (cadre on PATH) and any pack's command; hooks must be enabled in Cline's settings (macOS/Linux)",
      format: "hooks-cline",
      // `{name}` is Cline's hook type: the script's file name, without an extension.
      path: { project: "{project}/.clinerules/hooks/{name}", user: "{home}/Documents/Cline/Hooks/{name}" },
      hooks: {
        host: "cline",
        events: {
          "session-start": ["TaskStart", "TaskResume"],
          "user-prompt-submit": ["UserPromptSubmit"],
          "pre-tool-use": ["PreToolUse"],
          "post-tool-use": ["PostToolUse"],
          stop: ["TaskComplete"],
          "pre-compact": ["PreCompact"],
        },
        // No matcher config: cadre's script checks `toolName` before it runs a command.
        tools: {
          shell: "execute_command",
          edit: "replace_in_file|apply_patch",
          write: "write_to_file|new_rule",
          read: "read_file|search_files|list_files|list_code_definition_names",
        },
      },
    },
    mcp: {
      note: "cline_mcp_settings.json (user level)",
      format: "mcp-json",
      path: { user: "{home}/.cline/data/settings/cline_mcp_settings.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  // cline @ 21cb8d2 (2026-08-22): apps/vscode/src/core/storage/skill-directories.ts, sdk/packages/shared/src/
  // storage/paths.ts (skills, rules, AGENTS.md, ~/.agents/AGENTS.md, hooks); hosts-audit-2026-12 §3.8.
  reads: {
    instructions: [{ project: "{project}/AGENTS.md", user: "{home}/.agents/AGENTS.md" }],
    rules: [
      { project: "{project}/.clinerules", user: "{home}/.cline/rules" },
      { project: "{project}/.cline/rules", user: "{home}/Documents/Cline/Rules" },
    ],
    skills: [
      { project: "{project}/.cline/skills", user: "{home}/.cline/skills" },
      { project: "{project}/.clinerules/skills" },
      { project: "{project}/.claude/skills" },
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
    ],
    agents: [{ project: "{project}/.cline/agents", user: "{home}/.cline/agents" }],
    hooks: [
      { project: "{project}/.clinerules/hooks", user: "{home}/Documents/Cline/Hooks" },
      { project: "{project}/.cline/hooks", user: "{home}/.cline/hooks" },
    ],
  },
});

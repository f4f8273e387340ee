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
      mcp: {
        key: ["mcpServers"],
        shape: "cline",
        secrets: {
          form: "env-colon",
          caveat:
            "the Cline CLI does not expand env: references (only the VS Code extension does), so the CLI passes them literally",
          source:
            "cline/cline apps/vscode/src/utils/envExpansion.ts, services/mcp/schemas.ts, sdk/packages/core/src/extensions/mcp/config-loader.ts @ 21cb8d2",
          checked: "2026-12-02",
        },
      },
    },
  },
  skillDirs: [{ project: "{project}/.cline/skills", user: "{home}/.cline/skills" }],
});

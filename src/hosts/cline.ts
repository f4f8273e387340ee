import { defineHost } from "./define.js";

export const cline = defineHost({
  id: "cline",
  displayName: "Cline",
  docsUrl: "https://docs.cline.bot",
  sources: [
    "cline/cline @ 21cb8d2, 2026-08-22 (vscode 4.1.13, sdk 0.0.78): apps/vscode/src/core/storage/skill-directories.ts and sdk/packages/shared/src/storage/paths.ts (search paths of skills, rules, workflows, hooks, AGENTS.md and ~/.agents/AGENTS.md) (checked 2026-12-02 per hosts-audit-2026-12)",
    "same snapshot: paths.ts `resolveAgentConfigSearchPaths`, sdk/packages/core/src/extensions/tools/team/configured-agent-config.ts and apps/vscode/src/core/task/tools/subagent/AgentConfigLoader.ts (subagents in .cline/agents/*.yaml and ~/.cline/agents/; the extension reads ~/Documents/Cline/Agents/) (checked 2026-12-02)",
    "same snapshot: apps/vscode/src/core/storage/disk.ts `GlobalFileNames` (the extension reads project rules and workflows only in .clinerules/); `resolveWorkflowsConfigSearchPaths` does not search ~/.cline/data/workflows (checked 2026-12-02)",
    "same snapshot: apps/vscode/src/services/mcp/schemas.ts (remote types stdio, sse, streamableHttp; the settings record is validated whole), apps/vscode/src/utils/envExpansion.ts and sdk/packages/core/src/extensions/mcp/config-loader.ts (env references expanded by the extension, not the CLI) (checked 2026-12-02)",
    'whether the stop hook (TaskComplete, "coming soon" in .clinerules/hooks/README.md) fires: not confirmed by a source (hosts-audit-2026-12 ❓)',
  ],
  detect: ["{project}/.clinerules", "{project}/.cline", "{home}/.cline"],
  targets: {
    skill: {
      note: ".cline/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.cline/skills/{name}", user: "{home}/.cline/skills/{name}" },
    },
    // Native subagents (cline/cline @ 21cb8d2, 2026-08-22, checked 2026-12-02): a `---` YAML block (name,
    // description, optional modelId, tools, skills) and the system prompt as the body, in `.cline/agents/*.yaml`
    // and `~/.cline/agents/` (sdk/packages/shared/src/storage/paths.ts `resolveAgentConfigSearchPaths`,
    // sdk/packages/core/src/extensions/tools/team/configured-agent-config.ts). The VS Code extension reads only
    // `~/Documents/Cline/Agents/` (apps/vscode/src/core/task/tools/subagent/AgentConfigLoader.ts). `tools` takes
    // Cline's own tool names and an unknown one fails the file, so it is left out (the agent gets Cline's defaults).
    agent: {
      note: ".cline/agents/<name>.yaml (read by the Cline CLI/SDK; the VS Code extension reads ~/Documents/Cline/Agents)",
      format: "agent-md",
      path: { project: "{project}/.cline/agents/{name}.yaml", user: "{home}/.cline/agents/{name}.yaml" },
      fields: { name: "$name", description: "$description" },
    },
    // `.clinerules/` is the SDK's DEPRECATED_CONFIG_DIR, but the VS Code extension (4.1.13) still reads project
    // rules and workflows only there (apps/vscode/src/core/storage/disk.ts `GlobalFileNames`), and the SDK reads
    // it too: project rules and workflows stay in `.clinerules/`. User workflows and rules go to
    // `~/Documents/Cline/`, the one user folder both read (`resolveWorkflowsConfigSearchPaths`,
    // `resolveRulesConfigSearchPaths`; `~/.cline/data/workflows` is read by neither).
    command: {
      note: ".clinerules/workflows/<name>.md",
      format: "command-md",
      path: {
        project: "{project}/.clinerules/workflows/{name}.md",
        user: "{home}/Documents/Cline/Workflows/{name}.md",
      },
    },
    rule: {
      note: ".clinerules/<name>.md (paths)",
      format: "rule-md",
      path: { project: "{project}/.clinerules/{name}.md", user: "{home}/Documents/Cline/Rules/{name}.md" },
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

import { defineHost } from "./define.js";

/**
 * Qwen Code, a fork of Gemini CLI (checked 2026-12-02 against @qwen-code/qwen-code 0.24.4 and
 * QwenLM/qwen-code docs/users/features/{skills,sub-agents,rules,hooks,mcp}.md).
 * Everything lives under `.qwen/` (user `~/.qwen/`); it also reads `.agents/skills` and AGENTS.md.
 */
export const qwenCode = defineHost({
  id: "qwen-code",
  displayName: "Qwen Code",
  docsUrl: "https://qwenlm.github.io/qwen-code-docs/en/users/overview",
  sources: [
    "https://qwenlm.github.io/qwen-code-docs/en/users/features/skills/ (2026-12-02)",
    "QwenLM/qwen-code docs/users/features/sub-agents.md, rules.md, hooks.md (2026-12-02)",
    "@qwen-code/qwen-code@0.24.4 bundle: ToolNames, FileCommandLoader, memory-constants (QWEN.md, AGENTS.md), SKILL_PROVIDER_CONFIG_DIRS (.qwen, .agents) (2026-12-02)",
  ],
  detect: ["{project}/.qwen", "{project}/QWEN.md", "{home}/.qwen"],
  builtins: {
    commands: [
      "about",
      "agents",
      "approval-mode",
      "auth",
      "branch",
      "bug",
      "chat",
      "clear",
      "compress",
      "compress-fast",
      "context",
      "continue",
      "copy",
      "delete",
      "dir",
      "directory",
      "docs",
      "editor",
      "exit",
      "export",
      "extensions",
      "fork",
      "help",
      "ide",
      "init",
      "language",
      "mcp",
      "memory",
      "model",
      "new",
      "permissions",
      "plan",
      "privacy",
      "quit",
      "recap",
      "rename",
      "reset",
      "restore",
      "resume",
      "rewind",
      "rollback",
      "settings",
      "setup-github",
      "skills",
      "stats",
      "summarize",
      "summary",
      "tag",
      "theme",
      "tools",
      "usage",
      "vim",
    ],
    source: "qwenlm.github.io/qwen-code-docs/en/users/features/commands (slash commands; aliases included)",
    checked: "2026-12-03",
  },
  targets: {
    skill: {
      note: ".qwen/skills/<name>/SKILL.md (or shared .agents/skills)",
      format: "skill-dir",
      path: { project: "{project}/.qwen/skills/{name}", user: "{home}/.qwen/skills/{name}" },
    },
    // sub-agents.md: name, description, model (inherit, fast, a model id or authType:modelId), tools (an
    // allowlist of Qwen's tool ids), disallowedTools, approvalMode; the body is the system prompt.
    agent: {
      note: ".qwen/agents/<name>.md",
      format: "agent-md",
      path: { project: "{project}/.qwen/agents/{name}.md", user: "{home}/.qwen/agents/{name}.md" },
      fields: { name: "$name", description: "$description", tools: "$tools:host", model: "$model" },
      models: { fast: "fast", inherit: "inherit" },
      tools: {
        form: "list",
        names: {
          read: ["read_file", "grep_search", "glob", "list_directory"],
          edit: ["edit"],
          write: ["write_file"],
          shell: ["run_shell_command"],
          web: ["web_fetch", "web_search"],
        },
      },
    },
    // FileCommandLoader: `.qwen/commands/**/*.md` (frontmatter description, argument-hint, when_to_use,
    // disable-model-invocation; body is the prompt) next to Gemini-style TOML.
    command: {
      note: ".qwen/commands/<name>.md",
      format: "command-md",
      path: { project: "{project}/.qwen/commands/{name}.md", user: "{home}/.qwen/commands/{name}.md" },
      fields: { description: "$description", "argument-hint": "$argumentHint" },
    },
    // rules.md: `.qwen/rules/*.md`, `paths:` makes a rule path-triggered; without it the rule is always on,
    // so a model rule is a skill (chosen by its description) and a manual one a command the user runs.
    rule: {
      note: ".qwen/rules/<name>.md (paths); model rules as skills, manual rules as commands",
      format: "rule-md",
      path: { project: "{project}/.qwen/rules/{name}.md", user: "{home}/.qwen/rules/{name}.md" },
      activation: { glob: { paths: "$globs" } },
      activationAs: { model: "skill", manual: "command" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.qwen/skills/{name}", user: "{home}/.qwen/skills/{name}" },
    },
    // hooks.md: Claude Code's shape and protocol (hook_event_name, tool_name, tool_input;
    // hookSpecificOutput.permissionDecision; exit 2 blocks) with Qwen's tool ids and timeouts in ms.
    hook: {
      note: "entries of hooks.<Event> in .qwen/settings.json running `cadre hook` (cadre on PATH); Claude Code's hook protocol with Qwen's tool ids",
      format: "hooks-json",
      path: { project: "{project}/.qwen/settings.json", user: "{home}/.qwen/settings.json" },
      hooks: {
        host: "claude-code",
        events: {
          "session-start": ["SessionStart"],
          "user-prompt-submit": ["UserPromptSubmit"],
          "pre-tool-use": ["PreToolUse"],
          "post-tool-use": ["PostToolUse", "PostToolUseFailure"],
          stop: ["Stop"],
          "subagent-stop": ["SubagentStop"],
          "pre-compact": ["PreCompact"],
          "session-end": ["SessionEnd"],
        },
        // ToolNames in @qwen-code/qwen-code 0.24.4 (packages/core/src/tools/tool-names.ts): notebook_edit
        // edits too; `exec` runs JavaScript that calls other tools, so it is no shell class.
        tools: {
          shell: "run_shell_command",
          edit: "edit|notebook_edit",
          write: "write_file",
          read: "read_file|grep_search|glob|list_directory",
        },
        anchored: true,
        timeoutUnit: "ms",
      },
    },
    mcp: {
      note: "mcpServers in .qwen/settings.json ($VAR / ${VAR} expanded)",
      format: "mcp-json",
      path: { project: "{project}/.qwen/settings.json", user: "{home}/.qwen/settings.json" },
      // Settings files go through resolveEnvVarsInObject: `$VAR` and `${VAR}` in every string; an unset
      // variable, or `${VAR:-default}`, stays as written.
      mcp: {
        key: ["mcpServers"],
        shape: "gemini",
        secrets: {
          form: "plain",
          source:
            "@qwen-code/qwen-code@0.24.4 bundle: resolveEnvVarsInString / resolveEnvVarsInObject over system, user and workspace settings (no default syntax)",
          checked: "2026-12-02",
        },
      },
    },
  },
  reads: {
    instructions: [
      { project: "{project}/QWEN.md", user: "{home}/.qwen/QWEN.md" },
      {
        project: "{project}/AGENTS.md",
        user: "{home}/.qwen/AGENTS.md",
        off: '`context.fileName: ["QWEN.md"]` in .qwen/settings.json',
      },
    ],
    rules: [{ project: "{project}/.qwen/rules", user: "{home}/.qwen/rules" }],
    skills: [
      { project: "{project}/.qwen/skills", user: "{home}/.qwen/skills" },
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
    ],
    agents: [{ project: "{project}/.qwen/agents", user: "{home}/.qwen/agents" }],
    hooks: [{ project: "{project}/.qwen/settings.json", user: "{home}/.qwen/settings.json" }],
  },
  instructions: { project: "{project}/QWEN.md", user: "{home}/.qwen/QWEN.md" },
});

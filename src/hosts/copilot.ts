import { defineHost, type McpSecrets } from "./define.js";

/** Copilot CLI expands `$VAR`, `${VAR}` and `${VAR:-default}` in an MCP server's env (v1.0.10). */
const COPILOT_SECRETS: McpSecrets = {
  form: "shell",
  fields: ["env"],
  source: "github/copilot-cli#903 (fixed in v1.0.10: env expansion), #1232 (headers and args not covered)",
  checked: "2026-12-02",
};

export const copilot = defineHost({
  id: "copilot",
  displayName: "GitHub Copilot",
  docsUrl: "https://docs.github.com/copilot",
  sources: [
    "docs.github.com about-agent-skills (project .github/skills, .claude/skills, .agents/skills; personal ~/.copilot/skills, ~/.claude/skills, ~/.agents/skills) (checked 2026-12-02 per hosts-audit-2026-12)",
    "code.visualstudio.com/docs/agent-customization/prompt-files.md and the agent-skills reference (prompt files: not loaded by the Agent Host, the Local agent goes in Feb 2027; the CLI and the cloud agent never read them) (checked 2026-12-02 per hosts-audit-2026-12)",
    "code.visualstudio.com custom-instructions and docs.github.com repository custom instructions (`applyTo`: one comma-separated glob string, quoted) (checked 2026-12-02)",
    "code.visualstudio.com custom-instructions.md, DateApproved 2026-07-15 (VS Code's Local harness reads AGENTS.md, CLAUDE.md and .claude/rules with `paths`) (checked 2026-12-02)",
    "code.visualstudio.com hooks.md, DateApproved 2026-06-03 (.claude/settings*.json hooks run by default) (checked 2026-12-02)",
    "docs.github.com/en/copilot/reference/copilot-cli-reference/cli-hooks-reference and github/docs#43876 (hooks file version 1; CLI events agentStop, subagentStop, preCompact, postToolUseFailure, permissionRequest, notification) (checked 2026-12-02 per hosts-audit-2026-12)",
    "code.visualstudio.com mcp-configuration.md, DateApproved 2026-11-25 (the portable .mcp.json and $COPILOT_HOME/mcp-config.json) (checked 2026-12-02 per hosts-audit-2026-12)",
    "github/copilot-cli#1047 (early CLIs rejected mcp-config.json entries without `tools`) (checked 2026-12-02 per hosts-audit-2026-12)",
    "github/copilot-cli#903 (env expansion fixed in v1.0.10) and #1232 (headers and args not covered) (checked 2026-12-02)",
    "custom agent fields (description required; name, tools, model): reference/hosts.md §6.3 (hosts-audit-2026-12 ◐)",
  ],
  detect: ["{project}/.github/copilot-instructions.md", "{project}/.github/agents", "{home}/.copilot"],
  builtins: {
    commands: [
      "add-dir",
      "agent",
      "allow-all",
      "allow-all-tools",
      "cd",
      "changelog",
      "clear",
      "compact",
      "context",
      "cwd",
      "delegate",
      "diff",
      "exit",
      "experimental",
      "feedback",
      "fleet",
      "help",
      "ide",
      "init",
      "instructions",
      "list-dirs",
      "login",
      "logout",
      "lsp",
      "mcp",
      "model",
      "new",
      "plan",
      "plugin",
      "quit",
      "rename",
      "reset-allowed-tools",
      "resume",
      "review",
      "session",
      "share",
      "skills",
      "tasks",
      "terminal-setup",
      "theme",
      "usage",
      "user",
      "yolo",
    ],
    source:
      "docs.github.com/en/copilot (Copilot CLI slash commands, /help; the Copilot app's slash commands)",
    checked: "2026-12-03",
  },
  // skillDescriptionMax: Copilot validates SKILL.md against the spec, description ≤ 1,024 (hosts.md §6.4).
  limits: { agentBodyChars: 30_000, skillDescriptionMax: 1024 },
  targets: {
    skill: {
      note: ".github/skills/<name>/SKILL.md (or shared .agents/skills)",
      format: "skill-dir",
      path: { project: "{project}/.github/skills/{name}", user: "{home}/.copilot/skills/{name}" },
    },
    agent: {
      note: ".github/agents/<name>.agent.md",
      format: "agent-md",
      path: {
        project: "{project}/.github/agents/{name}.agent.md",
        user: "{home}/.copilot/agents/{name}.agent.md",
      },
      // hosts-audit-2026-12 §3.5 ("optionally map tools"; reference/hosts.md §6.3): `tools` takes Copilot's
      // tool aliases (◐: read, search, edit, execute, web); `edit` covers edit and write alike.
      fields: { name: "$name", description: "$description", tools: "$tools:host", model: "$model" },
      models: { inherit: "inherit" },
      tools: {
        form: "list",
        names: {
          read: ["read", "search"],
          edit: ["edit"],
          write: ["edit"],
          shell: ["execute"],
          web: ["web"],
        },
      },
    },
    // Prompt files are deprecated: the CLI and the cloud agent never read them, and in VS Code only the Local
    // harness does, which goes in Feb 2027 (code.visualstudio.com prompt-files, agent-skills-reference; checked
    // 2026-12-02). A command is a skill the user runs (/name); prompt files only with the `prompt-files` option.
    command: {
      note: ".github/skills/<name>/SKILL.md with disable-model-invocation: true (prompt files: option prompt-files)",
      format: "skill-dir",
      path: { project: "{project}/.github/skills/{name}", user: "{home}/.copilot/skills/{name}" },
    },
    rule: {
      note: ".github/instructions/<name>.instructions.md (applyTo)",
      format: "rule-md",
      path: {
        project: "{project}/.github/instructions/{name}.instructions.md",
        user: "{home}/.copilot/instructions/{name}.instructions.md",
      },
      activation: {
        always: { applyTo: "**" },
        // One glob string, comma-separated without spaces, quoted by YAML where needed (`"**/*.ts,src/**"`):
        // a leading `*` is a YAML alias (code.visualstudio.com custom-instructions; docs.github.com
        // repository custom instructions; checked 2026-12-02).
        glob: { applyTo: "$globs:join" },
        model: { name: "$name", description: "$description" },
        manual: { name: "$name", description: "$description" },
      },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.github/skills/{name}", user: "{home}/.copilot/skills/{name}" },
    },
    hook: {
      note: ".github/hooks/cadre-<name>.json (version 1), one per hook, running `cadre hook` (cadre on PATH); Copilot has no matchers, so cadre filters tools itself",
      format: "hooks-file",
      path: {
        project: "{project}/.github/hooks/cadre-{name}.json",
        user: "{home}/.copilot/hooks/cadre-{name}.json",
      },
      hooks: {
        host: "copilot",
        events: {
          "session-start": ["sessionStart"],
          "user-prompt-submit": ["userPromptSubmitted"],
          "pre-tool-use": ["preToolUse"],
          "post-tool-use": ["postToolUse", "postToolUseFailure"],
          stop: ["agentStop"],
          "subagent-stop": ["subagentStop"],
          "pre-compact": ["preCompact"],
          "permission-request": ["permissionRequest"],
          notification: ["notification"],
          "error-occurred": ["errorOccurred"],
          "session-end": ["sessionEnd"],
        },
      },
    },
    mcp: {
      note: ".mcp.json / ~/.copilot/mcp-config.json",
      format: "mcp-json",
      // .mcp.json is shared with Claude Code; only Copilot's own user file gets `tools` (older CLIs required it).
      path: { project: "{project}/.mcp.json" },
      mcp: { key: ["mcpServers"], shape: "claude", secrets: COPILOT_SECRETS },
      fallback: {
        format: "mcp-json",
        path: { user: "{home}/.copilot/mcp-config.json" },
        mcp: { key: ["mcpServers"], shape: "claude", secrets: COPILOT_SECRETS, extra: { tools: ["*"] } },
      },
    },
  },
  // docs.github.com about-agent-skills (skills); code.visualstudio.com custom-instructions.md (DateApproved
  // 2026-07-15: AGENTS.md, CLAUDE.md, .claude/rules with `paths` in VS Code's Local harness) and hooks.md
  // (DateApproved 2026-06-03: .claude/settings*.json hooks by default); Copilot CLI and the cloud agent read
  // .github/instructions only, so cadre keeps Copilot's own copies. Checked 2026-12-02.
  reads: {
    instructions: [
      {
        project: "{project}/.github/copilot-instructions.md",
        user: "{home}/.copilot/copilot-instructions.md",
      },
      { project: "{project}/AGENTS.md" },
      {
        project: "{project}/CLAUDE.md",
        user: "{home}/.claude/CLAUDE.md",
        when: "VS Code",
        off: "`chat.useClaudeMdFile: false` in VS Code",
      },
    ],
    rules: [
      { project: "{project}/.github/instructions", user: "{home}/.copilot/instructions" },
      {
        project: "{project}/.claude/rules",
        user: "{home}/.claude/rules",
        when: "VS Code",
        off: '`chat.instructionsFilesLocations: {".claude/rules": false}` in VS Code',
      },
    ],
    skills: [
      { project: "{project}/.github/skills", user: "{home}/.copilot/skills" },
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
      { project: "{project}/.claude/skills", user: "{home}/.claude/skills" },
    ],
    agents: [
      { project: "{project}/.github/agents", user: "{home}/.copilot/agents" },
      { project: "{project}/.claude/agents", when: "VS Code" },
    ],
    hooks: [
      { project: "{project}/.github/hooks", user: "{home}/.copilot/hooks" },
      {
        project: "{project}/.claude/settings.json",
        user: "{home}/.claude/settings.json",
        when: "VS Code (and reportedly Copilot CLI)",
        off: '`chat.hookFilesLocations: {".claude/settings.json": false}` in VS Code',
      },
      {
        project: "{project}/.claude/settings.local.json",
        when: "VS Code (and reportedly Copilot CLI)",
        off: '`chat.hookFilesLocations: {".claude/settings.local.json": false}` in VS Code',
      },
    ],
  },
  instructions: {
    project: "{project}/.github/copilot-instructions.md",
    user: "{home}/.copilot/copilot-instructions.md",
  },
  options: {
    "prompt-files": {
      note: "commands as .github/prompts/<name>.prompt.md, read only by VS Code's Local harness (removed Feb 2027)",
      targets: {
        command: {
          note: ".github/prompts/<name>.prompt.md",
          format: "command-md",
          path: { project: "{project}/.github/prompts/{name}.prompt.md" },
          fields: {
            name: "$name",
            description: "$description",
            "argument-hint": "$argumentHint",
            agent: "agent",
          },
        },
      },
    },
  },
});

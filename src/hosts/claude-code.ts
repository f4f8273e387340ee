import { defineHost } from "./define.js";

/** The library's model tiers → Claude's aliases (a Claude pack's own `sonnet`/`opus`/`haiku` read as these tiers). */
const CLAUDE_MODELS = { fast: "haiku", balanced: "sonnet", strong: "opus", inherit: "inherit" };
/** Full Claude model ids are kept as written. */
const CLAUDE_MODEL_IDS = "^claude-[a-z0-9.-]+$";

export const claudeCode = defineHost({
  id: "claude-code",
  displayName: "Claude Code",
  docsUrl: "https://code.claude.com/docs",
  sources: [
    "reference/hosts.md §2.3 and §2.5 against anthropics/claude-code @ 5cfc0a1, 2026-08-22, CHANGELOG at 2.1.240 (skill name and description with a 1,536-char listing cap; agent fields name, description, tools, model, color) (checked 2026-12-02 per hosts-audit-2026-12)",
    "anthropics/claude-code mods/agents-md/README.md @ v2.1.277 (built-in agents-md mod, default `claude-md-or-agents-md`: AGENTS.md is read when there is no CLAUDE.md, .claude/CLAUDE.md or CLAUDE.local.md) (checked 2026-12-02 per hosts-audit-2026-12)",
    "whether the agents-md default mode changes again: not confirmed by a source (hosts-audit-2026-12 ❓)",
    "anthropics/skills#1101 (Claude Code does not scan .agents/skills; open since 2026-05) (checked 2026-12-02 per hosts-audit-2026-12)",
    "code.claude.com/docs/en/mcp (braced environment references expanded in command, args, env, url and headers) (checked 2026-12-02)",
  ],
  detect: ["{project}/.claude", "{project}/CLAUDE.md", "{home}/.claude"],
  builtins: {
    commands: [
      "add-dir",
      "agents",
      "allowed-tools",
      "batch",
      "branch",
      "btw",
      "bug",
      "checkpoint",
      "chrome",
      "clear",
      "code-review",
      "compact",
      "config",
      "context",
      "continue",
      "copy",
      "cost",
      "debug",
      "desktop",
      "diff",
      "doctor",
      "effort",
      "exit",
      "export",
      "extra-usage",
      "fast",
      "feedback",
      "fork",
      "help",
      "hooks",
      "ide",
      "init",
      "install-github-app",
      "keybindings",
      "less-permission-prompts",
      "login",
      "logout",
      "loop",
      "mcp",
      "memory",
      "mobile",
      "model",
      "new",
      "output-style",
      "permissions",
      "plan",
      "plugin",
      "pr-comments",
      "privacy-settings",
      "quit",
      "release-notes",
      "remote-env",
      "rename",
      "reset",
      "resume",
      "review",
      "rewind",
      "sandbox",
      "security-review",
      "settings",
      "simplify",
      "skills",
      "stats",
      "status",
      "statusline",
      "tasks",
      "teleport",
      "terminal-setup",
      "theme",
      "todos",
      "ultrareview",
      "upgrade",
      "usage",
      "vim",
    ],
    source: "code.claude.com/docs/en/commands (built-in commands and bundled skills; aliases included)",
    checked: "2026-12-03",
  },
  limits: {
    skillDescriptionChars: 1536,
    // The skill listing: about 1% of the context window (200,000 tokens at ~4 characters a token), each entry
    // `- name: description` (hosts-audit-2026-12 §3.1; reference/hosts.md §2.3).
    skillListing: {
      chars: 8000,
      entryChars: 4,
      basis: "about 1% of a 200,000-token context, at about 4 characters a token",
    },
  },
  targets: {
    skill: {
      note: ".claude/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.claude/skills/{name}", user: "{home}/.claude/skills/{name}" },
    },
    // Agents and commands: hosts-audit-2026-12 §3.1 (fields as reference/hosts.md §2.4, §2.5): tools as
    // written (Claude's names are the library's), model alias or claude-* id, color; commands keep
    // allowed-tools (string or list, as written), model and argument-hint.
    agent: {
      note: ".claude/agents/<name>.md",
      format: "agent-md",
      path: { project: "{project}/.claude/agents/{name}.md", user: "{home}/.claude/agents/{name}.md" },
      fields: {
        name: "$name",
        description: "$description",
        tools: "$tools:csv",
        model: "$model",
        color: "$color",
      },
      models: CLAUDE_MODELS,
      modelIds: CLAUDE_MODEL_IDS,
      tools: { form: "native" },
      // code.claude.com/docs/en/sub-agents "Preload skills into subagents" (checked 2026-12-03): the listed
      // skills' full content is injected at start; subagents do not inherit the parent's skills.
      preloadSkills: "skills",
    },
    command: {
      note: ".claude/commands/<name>.md",
      format: "command-md",
      path: { project: "{project}/.claude/commands/{name}.md", user: "{home}/.claude/commands/{name}.md" },
      fields: {
        description: "$description",
        "argument-hint": "$argumentHint",
        "allowed-tools": "$allowedTools",
        model: "$model",
      },
      models: CLAUDE_MODELS,
      modelIds: CLAUDE_MODEL_IDS,
    },
    rule: {
      note: ".claude/rules/<name>.md (paths)",
      format: "rule-md",
      path: { project: "{project}/.claude/rules/{name}.md", user: "{home}/.claude/rules/{name}.md" },
      activation: { glob: { paths: "$globs" } },
      // A rule without `paths` loads at launch (hosts-audit-2026-12 §3.1): model → a skill, manual → a skill
      // with disable-model-invocation: true.
      activationAs: { model: "skill", manual: "skill" },
    },
    expertise: {
      note: "a reference skill under .claude/skills",
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.claude/skills/{name}", user: "{home}/.claude/skills/{name}" },
    },
    hook: {
      note: "entries of hooks.<Event> in .claude/settings.json running `cadre hook` (cadre on PATH)",
      format: "hooks-json",
      path: { project: "{project}/.claude/settings.json", user: "{home}/.claude/settings.json" },
      hooks: {
        host: "claude-code",
        stopBlocks: true,
        claude: true,
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
        tools: { shell: "Bash", edit: "Edit|MultiEdit|NotebookEdit", write: "Write", read: "Read|Grep|Glob" },
      },
    },
    mcp: {
      note: ".mcp.json",
      format: "mcp-json",
      path: { project: "{project}/.mcp.json", user: "{home}/.claude.json" },
      mcp: {
        key: ["mcpServers"],
        shape: "claude",
        secrets: {
          form: "shell",
          source:
            "code.claude.com/docs/en/mcp (environment variable expansion: command, args, env, url, headers)",
          checked: "2026-12-02",
        },
      },
    },
  },
  // Files Claude Code reads (hosts-audit-2026-12 §3.1; checked 2026-12-02): AGENTS.md only while there is no
  // CLAUDE.md, .claude/CLAUDE.md or CLAUDE.local.md (built-in agents-md mod, v2.1.277+, default mode
  // claude-md-or-agents-md); it does not scan .agents/skills.
  reads: {
    instructions: [
      { project: "{project}/CLAUDE.md", user: "{home}/.claude/CLAUDE.md" },
      {
        project: "{project}/AGENTS.md",
        unless: ["{project}/CLAUDE.md", "{project}/.claude/CLAUDE.md", "{project}/CLAUDE.local.md"],
        off: "a CLAUDE.md in the project (an empty one will do)",
      },
    ],
    rules: [{ project: "{project}/.claude/rules", user: "{home}/.claude/rules" }],
    skills: [{ project: "{project}/.claude/skills", user: "{home}/.claude/skills" }],
    agents: [{ project: "{project}/.claude/agents", user: "{home}/.claude/agents" }],
    hooks: [
      { project: "{project}/.claude/settings.json", user: "{home}/.claude/settings.json" },
      { project: "{project}/.claude/settings.local.json" },
    ],
  },
  instructions: { project: "{project}/CLAUDE.md", user: "{home}/.claude/CLAUDE.md" },
});

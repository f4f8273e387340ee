import { AGENTS_SKILL, defineHost } from "./define.js";

export const codex = defineHost({
  id: "codex",
  displayName: "OpenAI Codex",
  docsUrl: "https://developers.openai.com/codex",
  sources: [
    "developers.openai.com/codex/skills.md (.agents/skills from the cwd up to the repo root, ~/.agents/skills; name ≤ 64, description ≤ 1,024) (checked 2026-12-02 per hosts-audit-2026-12)",
    "developers.openai.com/codex/subagents.md (.codex/agents/<name>.toml with name, description, developer_instructions) (checked 2026-12-02 per hosts-audit-2026-12)",
    "developers.openai.com/codex/hooks.md (inline [hooks] in config.toml, on by default, each trusted in /hooks; PreCompact, PostCompact, SubagentStart, SubagentStop, and SessionEnd since 0.146) (checked 2026-12-02 per hosts-audit-2026-12)",
    "AGENTS.md read from the repo root down to the cwd, 32 KiB: hosts-audit-2026-12 ✅, no page named",
    "openai/codex codex-rs/config/src/mcp_types.rs (env_vars, bearer_token_env_var, env_http_headers) and openai/codex#7367 (no expansion of braced references; closed not-planned 2026-01-14) (checked 2026-12-02)",
  ],
  detect: ["{project}/.codex", "{home}/.codex"],
  builtins: {
    commands: [
      "agent",
      "approvals",
      "approve",
      "apps",
      "archive",
      "clear",
      "collab",
      "compact",
      "copy",
      "debug-config",
      "diff",
      "exit",
      "experimental",
      "feedback",
      "fork",
      "init",
      "logout",
      "mcp",
      "mention",
      "model",
      "new",
      "permissions",
      "personality",
      "plan",
      "ps",
      "quit",
      "rename",
      "resume",
      "review",
      "skills",
      "status",
      "statusline",
      "theme",
      "use",
    ],
    source: "developers.openai.com/codex/cli/slash-commands (built-in slash commands)",
    checked: "2026-12-03",
  },
  // skillDescriptionMax: description ≤ 1,024 (developers.openai.com/codex/skills.md; hosts-audit 2026-12).
  // skillListing: the skills section gets 2% of the context window, 8,000 characters when the window is not
  // known (openai/codex codex-rs/core-skills/src/render.rs DEFAULT_SKILL_METADATA_CHAR_BUDGET and
  // SKILL_METADATA_CONTEXT_WINDOW_PERCENT, openai/codex#18298; over it Codex cuts descriptions, then drops
  // skills, openai/codex#24299). Each entry is `- name: description (file: <path to SKILL.md>)`: entryChars
  // estimates the framing and a project path of ~30 characters.
  limits: {
    instructionsBytes: 32 * 1024,
    skillDescriptionMax: 1024,
    skillListing: {
      chars: 8000,
      entryChars: 90,
      basis: "2% of the context window, 8,000 characters when the window is not known",
    },
  },
  targets: {
    skill: {
      note: ".agents/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: AGENTS_SKILL,
    },
    agent: {
      note: ".codex/agents/<name>.toml",
      format: "agent-toml",
      path: { project: "{project}/.codex/agents/{name}.toml", user: "{home}/.codex/agents/{name}.toml" },
      // hosts-audit-2026-12 §3.2 ("sandbox_mode = \"read-only\" for read-only tool lists"): Codex has no
      // per-agent tool list, only the sandbox.
      tools: { form: "readonly", value: "read-only" },
    },
    command: {
      note: "a skill (custom prompts are deprecated)",
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
      note: "a reference skill under .agents/skills",
      format: "skill-dir",
      as: "a reference skill",
      path: AGENTS_SKILL,
    },
    hook: {
      note: "[[hooks.<Event>]] tables in a managed block of .codex/config.toml running `cadre hook` (cadre on PATH); Codex runs project hooks only in a trusted project, after review in /hooks",
      format: "hooks-toml",
      path: { project: "{project}/.codex/config.toml", user: "{home}/.codex/config.toml" },
      hooks: {
        host: "codex",
        stopBlocks: true,
        events: {
          "session-start": ["SessionStart"],
          "user-prompt-submit": ["UserPromptSubmit"],
          "pre-tool-use": ["PreToolUse"],
          "post-tool-use": ["PostToolUse"],
          stop: ["Stop"],
          "pre-compact": ["PreCompact"],
          "post-compact": ["PostCompact"],
          "subagent-start": ["SubagentStart"],
          "subagent-stop": ["SubagentStop"],
          "session-end": ["SessionEnd"],
        },
        tools: { shell: "Bash", edit: "apply_patch|Edit|Write", write: "apply_patch|Edit|Write" },
        anchored: true,
      },
    },
    mcp: {
      note: "[mcp_servers.<name>] in .codex/config.toml",
      format: "mcp-toml",
      path: { project: "{project}/.codex/config.toml", user: "{home}/.codex/config.toml" },
      mcp: {
        key: ["mcp_servers"],
        secrets: {
          form: "codex",
          source:
            "openai/codex codex-rs/config/src/mcp_types.rs (env_vars, bearer_token_env_var, env_http_headers); openai/codex#7367",
          checked: "2026-12-02",
        },
      },
    },
  },
  // developers.openai.com/codex (skills.md, subagents.md, hooks.md; hosts-audit-2026-12 §3.2).
  reads: {
    instructions: [{ project: "{project}/AGENTS.md", user: "{home}/.codex/AGENTS.md" }],
    skills: [{ project: "{project}/.agents/skills", user: "{home}/.agents/skills" }],
    agents: [{ project: "{project}/.codex/agents", user: "{home}/.codex/agents" }],
    hooks: [{ project: "{project}/.codex/config.toml", user: "{home}/.codex/config.toml" }],
  },
  instructions: { project: "{project}/AGENTS.md", user: "{home}/.codex/AGENTS.md" },
});

import { defineHost } from "./define.js";

/** Cursor reads other hosts' agents and hooks only with this setting on. */
const CURSOR_THIRD_PARTY = 'with Cursor\'s "Include third-party Plugins, Skills, and other configs" on';
const CURSOR_OFF = "that Cursor setting off";

export const cursor = defineHost({
  id: "cursor",
  displayName: "Cursor",
  docsUrl: "https://cursor.com/docs",
  sources: [
    "cursor.com/docs/skills via reference/hosts.md §4.3 (.cursor/skills, .agents/skills, .claude/skills, .codex/skills, in the project and under ~) (checked 2026-12-02 per hosts-audit-2026-12)",
    "cursor.com/docs/hooks, 2026-08-24 (.cursor/hooks.json version 1 and its events) (checked 2026-12-02 per hosts-audit-2026-12)",
    "preToolUse `tool_name` `StrReplace` for string-replace edits: seen in several hook projects' source, not in Cursor's table (hosts-audit-2026-12 ◐)",
    "cursor.com/docs/rules and cosai-oasis/project-codeguard#121, tested on Cursor 3.17.8, 2026-08-21 (globs unquoted and comma-separated; quotes become part of the pattern) (checked 2026-12-02)",
    "cursor.com/docs/mcp, seen via vendor setup guides (env:NAME interpolation; ◐) (checked 2026-12-02)",
    "whether Cursor also expands a plain braced VAR reference: not confirmed by a source (hosts-audit-2026-12 ❓)",
    "cursor.com/docs/reference/third-party-hooks (Claude Code's hooks run when third-party configs are on) (checked 2026-12-02)",
    "agent fields (name, description, model, readonly, is_background) and commands moving to skills: no page named (hosts-audit-2026-12 ◐)",
  ],
  detect: ["{project}/.cursor", "{home}/.cursor"],
  builtins: {
    commands: [
      "about",
      "ask",
      "auto-run",
      "commands",
      "compress",
      "config",
      "copy-request-id",
      "debug",
      "fast",
      "feedback",
      "goal",
      "help",
      "logout",
      "logs",
      "mcp",
      "model",
      "new-chat",
      "plan",
      "quit",
      "resume",
      "rules",
      "run-everything",
      "setup-terminal",
      "usage",
      "vim",
    ],
    source: "cursor.com/docs/cli (Cursor CLI slash commands and modes: /plan, /ask, /debug)",
    checked: "2026-12-03",
  },
  targets: {
    skill: {
      note: ".cursor/skills/<name>/SKILL.md (or shared .agents/skills)",
      format: "skill-dir",
      path: { project: "{project}/.cursor/skills/{name}", user: "{home}/.cursor/skills/{name}" },
    },
    agent: {
      note: ".cursor/agents/<name>.md",
      format: "agent-md",
      path: { project: "{project}/.cursor/agents/{name}.md", user: "{home}/.cursor/agents/{name}.md" },
      // hosts-audit-2026-12 §3.3 ("map a read-only tool list → readonly: true"; reference/hosts.md §4.5):
      // Cursor has no tool list, only `readonly`.
      fields: { name: "$name", description: "$description", model: "$model", readonly: "$tools:host" },
      models: { inherit: "inherit" },
      tools: { form: "readonly", value: true },
    },
    command: {
      note: ".cursor/commands/<name>.md",
      format: "command-md",
      path: { project: "{project}/.cursor/commands/{name}.md", user: "{home}/.cursor/commands/{name}.md" },
    },
    rule: {
      note: ".cursor/rules/<name>.mdc (description, globs, alwaysApply)",
      format: "rule-md",
      path: { project: "{project}/.cursor/rules/{name}.mdc" },
      // `globs` is written in Cursor's documented form, unquoted and comma-separated without spaces
      // (`globs: **/*.ts,src/**`), although a leading `*` is not valid YAML: Cursor reads the line as it is and
      // keeps quotes as part of the pattern, so a quoted glob matches nothing (cursor.com/docs/rules; Cursor's
      // create-rule guidance: no brackets or quotes; cosai-oasis/project-codeguard#121, tested on Cursor 3.17.8,
      // 2026-08-21; checked 2026-12-02). Every other key is YAML.
      activation: {
        always: { alwaysApply: true },
        glob: { globs: "$globs:line", alwaysApply: false },
        model: { description: "$description", alwaysApply: false },
        manual: { alwaysApply: false },
      },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.cursor/skills/{name}", user: "{home}/.cursor/skills/{name}" },
    },
    hook: {
      note: "entries of hooks.<event> in .cursor/hooks.json (version 1) running `cadre hook` (cadre on PATH)",
      format: "hooks-cursor",
      path: { project: "{project}/.cursor/hooks.json", user: "{home}/.cursor/hooks.json" },
      hooks: {
        host: "cursor",
        stopBlocks: true,
        events: {
          "session-start": ["sessionStart"],
          "user-prompt-submit": ["beforeSubmitPrompt"],
          "pre-tool-use": ["preToolUse"],
          "post-tool-use": ["postToolUse", "postToolUseFailure"],
          stop: ["stop"],
          "subagent-stop": ["subagentStop"],
          "pre-compact": ["preCompact"],
          "session-end": ["sessionEnd"],
          "after-agent-response": ["afterAgentResponse"],
        },
        // String-replace edits reach preToolUse as `StrReplace`, whole-file writes as `Write`.
        tools: { shell: "Shell", edit: "Write|StrReplace", write: "Write|Delete", read: "Read|Grep" },
      },
    },
    mcp: {
      note: ".cursor/mcp.json",
      format: "mcp-json",
      path: { project: "{project}/.cursor/mcp.json", user: "{home}/.cursor/mcp.json" },
      mcp: {
        key: ["mcpServers"],
        shape: "claude",
        secrets: {
          form: "env-colon",
          source: "cursor.com/docs/mcp (env:NAME interpolation; seen via vendor setup guides)",
          checked: "2026-12-02",
        },
      },
    },
  },
  // Cursor pulls a rule into the chat when it is @-mentioned.
  refs: { "rule-md": "@{name}" },
  // cursor.com/docs/skills (the four skill folders, project and user: hosts-audit-2026-12 §3.3, reference §4.3);
  // cursor.com/docs/reference/third-party-hooks (checked 2026-12-02): Claude Code's hooks run too when
  // "Include third-party Plugins, Skills, and other configs" is on (a Cursor setting cadre cannot see).
  reads: {
    instructions: [{ project: "{project}/AGENTS.md" }],
    rules: [{ project: "{project}/.cursor/rules" }],
    skills: [
      { project: "{project}/.cursor/skills", user: "{home}/.cursor/skills" },
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
      { project: "{project}/.claude/skills", user: "{home}/.claude/skills" },
      { project: "{project}/.codex/skills", user: "{home}/.codex/skills" },
    ],
    agents: [
      { project: "{project}/.cursor/agents", user: "{home}/.cursor/agents" },
      {
        project: "{project}/.claude/agents",
        user: "{home}/.claude/agents",
        when: CURSOR_THIRD_PARTY,
        off: CURSOR_OFF,
      },
    ],
    hooks: [
      { project: "{project}/.cursor/hooks.json", user: "{home}/.cursor/hooks.json" },
      {
        project: "{project}/.claude/settings.json",
        user: "{home}/.claude/settings.json",
        when: CURSOR_THIRD_PARTY,
        off: CURSOR_OFF,
      },
      { project: "{project}/.claude/settings.local.json", when: CURSOR_THIRD_PARTY, off: CURSOR_OFF },
    ],
  },
  hostCli:
    "Cursor's CLI (`cursor-agent`) installs from cursor.com by a script, not from npm (npm's `cursor-agent` is an unrelated package; checked 2026-12-02): no CLI check.",
});

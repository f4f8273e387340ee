import { defineHost } from "./define.js";

// Continue: the IDE extensions and the `cn` CLI read different subsets (see `sources` and `hostCli`).
export const continueDev = defineHost({
  id: "continue",
  displayName: "Continue",
  docsUrl: "https://docs.continue.dev",
  detect: ["{project}/.continue", "{home}/.continue"],
  targets: {
    skill: {
      note: ".continue/skills/<name>/SKILL.md (read by the cn CLI, also from .claude/skills)",
      format: "skill-dir",
      path: { project: "{project}/.continue/skills/{name}", user: "{home}/.continue/skills/{name}" },
    },
    agent: {
      // Continue's subagents are config.yaml models with the `subagent` role and a system message: they
      // need a model and provider, which a library agent does not carry.
      note: "a skill (Continue's subagents are config.yaml models with the subagent role)",
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.continue/skills/{name}", user: "{home}/.continue/skills/{name}" },
    },
    command: {
      note: ".continue/prompts/<name>.md (invokable: true, a /name slash command)",
      format: "command-md",
      path: { project: "{project}/.continue/prompts/{name}.md", user: "{home}/.continue/prompts/{name}.md" },
      fields: { name: "$name", description: "$description", invokable: true },
    },
    rule: {
      // Continue has no manual activation: a rule with alwaysApply false and no globs is pulled in when the
      // agent decides from its description, so manual rules read as model-decided ones.
      note: ".continue/rules/<name>.md (name, globs, description, alwaysApply; manual rules become agent-requested)",
      format: "rule-md",
      path: { project: "{project}/.continue/rules/{name}.md", user: "{home}/.continue/rules/{name}.md" },
      activation: {
        always: { name: "$name", alwaysApply: true },
        glob: { name: "$name", globs: "$globs", alwaysApply: false },
        model: { name: "$name", description: "$description", alwaysApply: false },
        manual: { name: "$name", description: "$description", alwaysApply: false },
      },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.continue/skills/{name}", user: "{home}/.continue/skills/{name}" },
    },
    hook: {
      note: "entries of hooks.<Event> in .continue/settings.json running `cadre hook` (Claude Code's hook schema; cadre on PATH)",
      format: "hooks-json",
      path: { project: "{project}/.continue/settings.json", user: "{home}/.continue/settings.json" },
      // Continue's hook input and output are Claude Code's ("any hook written for `claude` works with `cn`").
      hooks: {
        host: "claude-code",
        // cn 1.5.47 src/hooks/hookRunner.ts executeHandler: command and http run; prompt and agent are skipped.
        handlers: ["http"],
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
        tools: { shell: "Bash", edit: "Edit|MultiEdit", write: "Write", read: "Read|List|Search" },
      },
    },
    mcp: {
      // `.continue/mcpServers/` takes JSON files in Claude Desktop's format as well as YAML blocks (mcp.mdx).
      note: "mcpServers in .continue/mcpServers/cadre.json (the IDE extensions; the cn CLI reads config.yaml)",
      format: "mcp-json",
      path: {
        project: "{project}/.continue/mcpServers/cadre.json",
        user: "{home}/.continue/mcpServers/cadre.json",
      },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  // The `cn` CLI runs Claude Code's hooks from .claude/settings*.json with the same schema, protocol and tool
  // names (hookConfig.ts): with Claude Code installed too, Continue takes them from there (`native`).
  reads: {
    instructions: [
      { project: "{project}/AGENTS.md" },
      { project: "{project}/AGENT.md" },
      { project: "{project}/CLAUDE.md" },
    ],
    rules: [{ project: "{project}/.continue/rules", user: "{home}/.continue/rules" }],
    skills: [
      { project: "{project}/.continue/skills", user: "{home}/.continue/skills" },
      { project: "{project}/.claude/skills" },
    ],
    hooks: [
      { project: "{project}/.continue/settings.json", user: "{home}/.continue/settings.json" },
      { project: "{project}/.continue/settings.local.json" },
      { project: "{project}/.claude/settings.json", user: "{home}/.claude/settings.json", native: true },
      { project: "{project}/.claude/settings.local.json", native: true },
    ],
  },
  sources: [
    "continuedev/continue @ d0a3c0b (2026-06-18), checked 2026-12-02: docs/customize/deep-dives/rules.mdx, prompts.mdx, mcp.mdx (`.continue/rules`, `invokable: true` prompts, `.continue/mcpServers/` YAML blocks or Claude-format JSON files; secrets are the `secrets.NAME` template in dollar-double-braces)",
    "same snapshot: extensions/cli/src/systemMessage.ts (cn puts always-apply rules from .continue/rules and ~/.continue/rules in the system message and skips `invokable` files), util/loadMarkdownSkills.ts (.continue/skills, .claude/skills, ~/.continue/skills; `name` and `description` required)",
    "same snapshot: extensions/cli/src/hooks/hookConfig.ts and types.ts (Claude Code's hook schema and events in .continue/settings.json, .continue/settings.local.json, ~/.continue/settings.json, and also .claude/settings*.json and ~/.claude/settings.json), tools/builtInToolNames.ts (Read, Edit, MultiEdit, Write, Bash, List, Search)",
    "same snapshot: core/config/markdown/loadMarkdownRules.ts (AGENTS.md, AGENT.md, CLAUDE.md are read as rules), packages/config-yaml/src/schemas/mcp/convertJson.ts (in JSON files an `env` value's dollar-brace VAR becomes the `secrets.VAR` template, headers are left as written; `type: http` becomes streamable-http), extensions/cli/src/CLIPlatformClient.ts (secrets from the environment, ~/.continue/.env, .continue/.env, .env)",
  ],
  hostCli:
    "@continuedev/cli@1.5.47 (`cn`) with a local config.yaml whose model points at a port nothing listens on: its --verbose log says how many hook handlers and events it loaded from .continue/settings.json and which tools it prepared (Skills among them); cn reads neither .continue/prompts nor .continue/mcpServers (the IDE extensions do), so prompts and MCP are checked as files only.",
});

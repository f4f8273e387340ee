import { defineHost } from "./define.js";

// Auggie also runs Claude-style hooks from .augment/settings.json, but with its own tool names
// (launch-process, str-replace-editor, …) and a `PromptSubmit` event: they need a `cadre hook` adapter of their
// own (src/hooks), so no hook target yet. At user scope Augment applies every rule always (docs /cli/rules).
export const augment = defineHost({
  id: "augment",
  displayName: "Augment (Auggie)",
  docsUrl: "https://docs.augmentcode.com/cli/overview",
  detect: ["{project}/.augment", "{home}/.augment"],
  targets: {
    skill: {
      note: ".augment/skills/<name>/SKILL.md (also read from .claude/skills and .agents/skills)",
      format: "skill-dir",
      path: { project: "{project}/.augment/skills/{name}", user: "{home}/.augment/skills/{name}" },
    },
    agent: {
      note: ".augment/agents/<name>.md (a subagent: name, description, model, color, tools)",
      format: "agent-md",
      path: { project: "{project}/.augment/agents/{name}.md", user: "{home}/.augment/agents/{name}.md" },
      fields: {
        name: "$name",
        description: "$description",
        tools: "$tools:host",
        color: "$color",
      },
      tools: {
        form: "list",
        names: {
          read: ["view", "grep-search", "codebase-retrieval"],
          edit: ["str-replace-editor"],
          write: ["save-file", "remove-files"],
          shell: ["launch-process", "read-process", "write-process", "kill-process", "list-processes"],
          web: ["web-fetch", "web-search"],
        },
      },
    },
    command: {
      note: ".augment/commands/<name>.md ($ARGUMENTS)",
      format: "command-md",
      path: { project: "{project}/.augment/commands/{name}.md", user: "{home}/.augment/commands/{name}.md" },
      fields: { description: "$description", "argument-hint": "$argumentHint" },
    },
    rule: {
      // Augment rules have no globs: a glob rule becomes agent-requested, chosen by its description.
      note: ".augment/rules/<name>.md (type always_apply, agent_requested or manual; glob rules become agent_requested)",
      format: "rule-md",
      path: { project: "{project}/.augment/rules/{name}.md", user: "{home}/.augment/rules/{name}.md" },
      activation: {
        always: { type: "always_apply" },
        glob: { type: "agent_requested", description: "$description" },
        model: { type: "agent_requested", description: "$description" },
        manual: { type: "manual", description: "$description" },
      },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.augment/skills/{name}", user: "{home}/.augment/skills/{name}" },
    },
    mcp: {
      note: "mcpServers in .augment/settings.json",
      format: "mcp-json",
      path: { project: "{project}/.augment/settings.json", user: "{home}/.augment/settings.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  reads: {
    instructions: [{ project: "{project}/CLAUDE.md" }, { project: "{project}/AGENTS.md" }],
    rules: [
      { project: "{project}/.augment/rules", user: "{home}/.augment/rules" },
      { project: "{project}/.claude/rules", user: "{home}/.claude/rules" },
      { project: "{project}/.agents/rules", user: "{home}/.agents/rules" },
    ],
    skills: [
      { project: "{project}/.augment/skills", user: "{home}/.augment/skills" },
      { project: "{project}/.claude/skills", user: "{home}/.claude/skills" },
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
    ],
    agents: [
      { project: "{project}/.augment/agents", user: "{home}/.augment/agents" },
      { project: "{project}/.claude/agents", user: "{home}/.claude/agents" },
      { project: "{project}/.agents/agents", user: "{home}/.agents/agents" },
    ],
  },
  sources: [
    "docs.augmentcode.com/cli/rules, /cli/subagents, /cli/hooks, /cli/settings (1.x) and their /cli/v0/ copies, checked 2026-12-02 (rules from CLAUDE.md, AGENTS.md, .augment/rules, ~/.augment/rules; user rules always apply; subagents in .augment/agents and ~/.augment/agents; settings.json precedence)",
    "augmentcode/auggie @ f337898 (2026-06-25): .augment/commands/*.md (description, argument-hint, model), plugin_marketplace/code-review/agents/local-analyzer.md (name, description, model, color), plugin_marketplace/warp/hooks/hooks.json (events SessionStart, Stop, Notification, PreToolUse, PostToolUse, PromptSubmit)",
    "@augmentcode/auggie@0.36.0 augment.mjs, checked 2026-12-02: skills, commands, agents and rules are each read from .augment/, .claude/ and .agents/ under the workspace and home; rule `type` always_apply, manual or agent_requested (no globs); subagent keys name, description, model, color, tools, disabled_tools; hook events PreToolUse, PostToolUse, Stop, SessionStart, SessionEnd, Notification, PromptSubmit; tools view, grep-search, codebase-retrieval, str-replace-editor, save-file, remove-files, launch-process, web-fetch, web-search",
  ],
  hostCli:
    "@augmentcode/auggie@0.36.0: `auggie mcp list --json` lists the servers of .augment/settings.json offline; `auggie command list` and everything that loads skills, agents and rules needs a login, so those are checked as files only.",
});

import { defineHost } from "./define.js";

/**
 * Antigravity CLI (`agy`), Google's successor to Gemini CLI for individual users (Gemini CLI stopped
 * serving them on 2026-06-18). Checked 2026-12-02; no source is public, so this follows Google's
 * antigravity.google/docs pages as quoted by installers that target it (◐): the workspace config dir is
 * `.agents/` (skills, agents, workflows, rules, mcp_config.json, hooks.json), context is AGENTS.md
 * (or GEMINI.md), the user's is ~/.gemini/GEMINI.md, and current releases keep user config in
 * ~/.gemini/config/.
 */
export const antigravity = defineHost({
  id: "antigravity",
  displayName: "Antigravity CLI",
  docsUrl: "https://antigravity.google/docs",
  sources: [
    "affaan-m/ECC docs/ANTIGRAVITY-GUIDE.md (native mapping to .agents/rules, .agents/workflows, .agents/skills, .agents/agents, .agents/hooks.json; cites antigravity.google/docs/{skills,rules-workflows,subagents,plugins}) (2026-12-02)",
    "docs.rs agent-config 0.3.0 docs/agents/antigravitycli.md (AGENTS.md, ~/.gemini/GEMINI.md, .agents/mcp_config.json mcpServers, hooks PreToolUse/PostToolUse with run_command) (2026-12-02)",
    "evgenest/ai-agents-arsenal config/agents.config.ts and msitarzewski/agency-agents integrations/antigravity/README.md (user config in ~/.gemini/config/: mcp_config.json, skills/) (2026-12-02)",
    "hosts-audit-2026-12 §2 item 13(b) (GEMINI.md and AGENTS.md read; MCP in .agents/mcp_config.json with serverUrl)",
    "hooks: stbenjam/skillsaw docs/rules/antigravity-hooks-valid.md (hooks.json schema, measured against agy 1.1.25; commit 05e1db1) (2026-12-02)",
    'hooks: websentry-ai/setup#104 (agy 1.0.5: `{"hooks": {EVENT: [{matcher, hooks}]}}`, camelCase stdin conversationId/toolCall{name,args}/workspacePaths, PascalCase args, tool names) and docs.rs safe-chains src/targets/agy.rs (decision allow/deny/ask/force_ask; fails closed on a missing decision) (2026-12-02)',
    "hooks: akitaonrails/ai-memory#54, luisgamas/uxnan#245, manaflow-ai/cmux#5358 (a PreToolUse answer of `{}` denies every tool; ~/.gemini/config/hooks.json) (2026-12-02)",
    "hooks ◐: whether agy reads the project's .agents/hooks.json is disputed (read per skillsaw and published setups; michaelAGI/toolahead v0.7.0 saw 0 files loaded on agy 1.1.11); grep_search and find_by_name in the read matcher are unconfirmed names (2026-12-02)",
  ],
  detect: ["{project}/.agents/mcp_config.json", "{project}/.agents/workflows", "{home}/.gemini/config"],
  targets: {
    skill: {
      note: ".agents/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.gemini/config/skills/{name}" },
    },
    // Custom agents: `.agents/agents/<name>.md`. Antigravity warns that an invalid tool name can hang an
    // agent, so cadre writes no tools (full access) and no model.
    agent: {
      note: ".agents/agents/<name>.md; a skill at user scope",
      format: "agent-md",
      path: { project: "{project}/.agents/agents/{name}.md" },
      fields: { name: "$name", description: "$description" },
      fallback: { format: "skill-dir", as: "a skill", path: { user: "{home}/.gemini/config/skills/{name}" } },
    },
    // Workflows are user-invoked slash commands.
    command: {
      note: ".agents/workflows/<name>.md (/name); a skill at user scope",
      format: "command-md",
      path: { project: "{project}/.agents/workflows/{name}.md" },
      fields: { description: "$description" },
      fallback: { format: "skill-dir", as: "a skill", path: { user: "{home}/.gemini/config/skills/{name}" } },
    },
    // Antigravity also loads every file in `.agents/rules/` as a rule, so the copies the index points at
    // load natively too (see docs/hosts.md).
    rule: {
      note: "an index entry in a managed block of AGENTS.md (the copy in .agents/rules is also an Antigravity rule)",
      format: "index",
      as: "an index entry in AGENTS.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{home}/.gemini/config/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.agents/skills/{name}", user: "{home}/.gemini/config/skills/{name}" },
    },
    // hooks.json: every top-level key names a hook set (so claude-style `{"hooks": {...}}` is the set
    // "hooks"), each event an array; PreToolUse and PostToolUse take `{matcher, hooks: [{type, command,
    // timeout}]}` groups, matcher a regex on the tool name, timeout whole seconds; unknown handler keys are
    // dropped and one invalid value drops the whole file. A PreToolUse answer must carry `decision`
    // (`{}` denies), which is why cadre hook speaks `--host antigravity`. The flat-list events
    // (PreInvocation, PostInvocation, Stop, SessionStart) are not written.
    hook: {
      note: "entries of hooks.PreToolUse/PostToolUse in .agents/hooks.json (user: ~/.gemini/config/hooks.json) running `cadre hook` (cadre on PATH)",
      format: "hooks-json",
      path: { project: "{project}/.agents/hooks.json", user: "{home}/.gemini/config/hooks.json" },
      hooks: {
        host: "antigravity",
        events: { "pre-tool-use": ["PreToolUse"], "post-tool-use": ["PostToolUse"] },
        tools: {
          shell: "run_command",
          edit: "replace_file_content|multi_replace_file_content|edit_file",
          write: "write_to_file",
          read: "view_file|list_dir|codebase_search|grep_search|find_by_name",
        },
        anchored: true,
      },
    },
    mcp: {
      note: "mcpServers in .agents/mcp_config.json (remote servers may need serverUrl)",
      format: "mcp-json",
      path: { project: "{project}/.agents/mcp_config.json", user: "{home}/.gemini/config/mcp_config.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  reads: {
    instructions: [
      { project: "{project}/AGENTS.md", user: "{home}/.gemini/GEMINI.md" },
      { project: "{project}/GEMINI.md" },
    ],
    rules: [{ project: "{project}/.agents/rules", user: "{home}/.gemini/config/rules" }],
    skills: [
      { project: "{project}/.agents/skills", user: "{home}/.gemini/config/skills" },
      { project: "{project}/.agent/skills" },
    ],
    agents: [{ project: "{project}/.agents/agents" }],
    hooks: [{ project: "{project}/.agents/hooks.json", user: "{home}/.gemini/config/hooks.json" }],
  },
  instructions: { project: "{project}/AGENTS.md", user: "{home}/.gemini/GEMINI.md" },
  hostCli: "Antigravity CLI is not published on npm (checked 2026-12-02): no CLI check.",
});

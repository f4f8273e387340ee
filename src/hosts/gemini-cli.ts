import { defineHost } from "./define.js";

export const geminiCli = defineHost({
  id: "gemini-cli",
  displayName: "Gemini CLI",
  docsUrl: "https://geminicli.com/docs",
  sources: [
    "google-gemini/gemini-cli docs/cli/skills.md @ 5411f11, 2026-08-21 (.gemini/skills or .agents/skills, the alias wins; the same under ~) (checked 2026-12-02 per hosts-audit-2026-12)",
    "google-gemini/gemini-cli docs/core/subagents.md @ 5411f11 (name and description required; kind, tools, mcpServers, model optional) (checked 2026-12-02 per hosts-audit-2026-12)",
    "google-gemini/gemini-cli tool-names.ts, base-declarations.ts, hookPlanner.ts @ 5411f11 (the grep tool is grep_search; hook matchers test the canonical name) (checked 2026-12-02 per hosts-audit-2026-12)",
    "google-gemini/gemini-cli packages/cli/src/utils/envVarResolver.ts @ 5411f11 (bare, braced and with-default references expanded) (checked 2026-12-02)",
    "geminicli.com docs/cli/gemini-md.md (GEMINI.md only unless context.fileName says otherwise) (checked 2026-12-02 per hosts-audit-2026-12)",
    "end of service for individual users on 2026-06-18, Antigravity CLI the successor: third-party write-ups and a mirrored migration guide (hosts-audit-2026-12 ◐)",
  ],
  detect: ["{project}/.gemini", "{project}/GEMINI.md", "{home}/.gemini"],
  targets: {
    skill: {
      note: ".gemini/skills/<name>/SKILL.md (or shared .agents/skills)",
      format: "skill-dir",
      path: { project: "{project}/.gemini/skills/{name}", user: "{home}/.gemini/skills/{name}" },
    },
    agent: {
      note: ".gemini/agents/<name>.md",
      format: "agent-md",
      path: { project: "{project}/.gemini/agents/{name}.md", user: "{home}/.gemini/agents/{name}.md" },
      // hosts-audit-2026-12 §3.4 (docs/core/subagents.md): optional `tools` (Gemini's tool names; omitted =
      // inherit) and `model`; the tool names are those of §2 item 13(a) (grep is `grep_search`).
      fields: {
        name: "$name",
        description: "$description",
        kind: "local",
        tools: "$tools:host",
        model: "$model",
      },
      modelIds: "^gemini-[a-z0-9.-]+$",
      tools: {
        form: "list",
        names: {
          read: ["read_file", "read_many_files", "glob", "grep_search", "list_directory"],
          edit: ["replace"],
          write: ["write_file"],
          shell: ["run_shell_command"],
          web: ["web_fetch", "google_web_search"],
        },
      },
    },
    command: {
      note: ".gemini/commands/<name>.toml ({{args}})",
      format: "command-toml",
      path: {
        project: "{project}/.gemini/commands/{name}.toml",
        user: "{home}/.gemini/commands/{name}.toml",
      },
    },
    rule: {
      note: "an index entry in a managed block of GEMINI.md",
      format: "index",
      as: "an index entry in GEMINI.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{home}/.agents/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.gemini/skills/{name}", user: "{home}/.gemini/skills/{name}" },
    },
    hook: {
      note: "entries of hooks.<Event> in .gemini/settings.json running `cadre hook` (cadre on PATH)",
      format: "hooks-json",
      path: { project: "{project}/.gemini/settings.json", user: "{home}/.gemini/settings.json" },
      hooks: {
        host: "gemini-cli",
        stopBlocks: true,
        events: {
          "session-start": ["SessionStart"],
          "user-prompt-submit": ["BeforeAgent"],
          "pre-tool-use": ["BeforeTool"],
          "post-tool-use": ["AfterTool"],
          stop: ["AfterAgent"],
          "pre-compact": ["PreCompress"],
          "session-end": ["SessionEnd"],
          notification: ["Notification"],
          "before-model": ["BeforeModel"],
          "after-model": ["AfterModel"],
          "before-tool-selection": ["BeforeToolSelection"],
        },
        // Canonical names (base-declarations.ts): hook matchers test these, not the legacy aliases.
        tools: {
          shell: "run_shell_command",
          edit: "replace",
          write: "write_file",
          read: "read_file|read_many_files|glob|grep_search|list_directory",
        },
        anchored: true,
        timeoutUnit: "ms",
        named: true,
      },
    },
    mcp: {
      note: "mcpServers in .gemini/settings.json",
      format: "mcp-json",
      path: { project: "{project}/.gemini/settings.json", user: "{home}/.gemini/settings.json" },
      mcp: {
        key: ["mcpServers"],
        shape: "gemini",
        secrets: {
          form: "shell",
          source:
            "google-gemini/gemini-cli packages/cli/src/utils/envVarResolver.ts @ 5411f11 (bare, braced and with a default)",
          checked: "2026-12-02",
        },
      },
    },
  },
  // geminicli.com docs/cli/skills.md, docs/cli/gemini-md.md (hosts-audit-2026-12 §3.4): GEMINI.md only unless
  // context.fileName says otherwise.
  reads: {
    instructions: [{ project: "{project}/GEMINI.md", user: "{home}/.gemini/GEMINI.md" }],
    skills: [
      { project: "{project}/.gemini/skills", user: "{home}/.gemini/skills" },
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
    ],
    agents: [{ project: "{project}/.gemini/agents", user: "{home}/.gemini/agents" }],
    hooks: [{ project: "{project}/.gemini/settings.json", user: "{home}/.gemini/settings.json" }],
  },
  instructions: { project: "{project}/GEMINI.md", user: "{home}/.gemini/GEMINI.md" },
});

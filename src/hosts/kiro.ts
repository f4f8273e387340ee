import { defineHost } from "./define.js";

export const kiro = defineHost({
  id: "kiro",
  displayName: "Kiro",
  docsUrl: "https://kiro.dev/docs",
  sources: [
    "kiro.dev/docs/cli/skills (each skill is also a /name command) (checked 2026-12-02)",
    "kiro.dev/docs/custom-agents and /docs/cli/v3/agent-config, IDE 1.x and CLI 3 (Markdown agents: YAML frontmatter and the prompt as the body, in .kiro/agents/ and ~/.kiro/agents/) (checked 2026-12-02); hosts-audit-2026-12 had seen an excerpt and left the path ❓",
    "kiro.dev/docs/cli/v3/hooks (.kiro/hooks/<name>.json and ~/.kiro/hooks, version v1; PreToolUse, PostToolUse, SessionStart, UserPromptSubmit, Stop, SessionEnd, …) (checked 2026-12-02 per hosts-audit-2026-12)",
    "the hook stdin and answer protocol: not confirmed by a source (hosts-audit-2026-12 ❓)",
    "kirodotdev/Kiro#9176 (global fileMatch steering never triggers) (checked 2026-12-02 per hosts-audit-2026-12)",
    "steering keys (inclusion, fileMatchPattern): hosts-audit-2026-12 ◐; whether fileMatchPattern takes a list: not confirmed by a source (hosts-audit-2026-12 ❓)",
    "kiro.dev/docs/steering (AGENTS.md is always included; ◐) (checked 2026-12-02)",
    "kiro.dev/docs/mcp/configuration and kirodotdev/Kiro#3152 (braced references in env and headers, since 0.5.0) (checked 2026-12-02)",
  ],
  detect: ["{project}/.kiro", "{home}/.kiro"],
  targets: {
    skill: {
      note: ".kiro/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.kiro/skills/{name}", user: "{home}/.kiro/skills/{name}" },
    },
    // Custom agents are Markdown: YAML frontmatter (description, model, tools as category tags read, write,
    // shell, web, …) and the system prompt as the body, in `.kiro/agents/` and `~/.kiro/agents/`; the agent's
    // name is its path without `.md` (kiro.dev/docs/custom-agents, IDE 1.x and CLI 3; checked 2026-12-02).
    agent: {
      note: ".kiro/agents/<name>.md (tools as Kiro's categories)",
      format: "agent-md",
      path: { project: "{project}/.kiro/agents/{name}.md", user: "{home}/.kiro/agents/{name}.md" },
      fields: { description: "$description", tools: "$tools:host" },
      tools: {
        form: "list",
        names: { read: ["read"], edit: ["write"], write: ["write"], shell: ["shell"], web: ["web"] },
      },
    },
    // Skills are slash commands in Kiro (kiro.dev/docs/cli/skills; checked 2026-12-02).
    command: {
      note: ".kiro/skills/<name>/SKILL.md (a skill is a /name command in Kiro)",
      format: "skill-dir",
      path: { project: "{project}/.kiro/skills/{name}", user: "{home}/.kiro/skills/{name}" },
    },
    rule: {
      note: ".kiro/steering/<name>.md (inclusion; user-scope glob rules as auto)",
      format: "rule-md",
      path: { project: "{project}/.kiro/steering/{name}.md", user: "{home}/.kiro/steering/{name}.md" },
      activation: {
        always: { inclusion: "always" },
        glob: { inclusion: "fileMatch", fileMatchPattern: "$globs:first" },
        model: { inclusion: "auto", name: "$name", description: "$description" },
        manual: { inclusion: "manual" },
      },
      // Global (`~/.kiro/steering`) fileMatch steering never triggers (kirodotdev/Kiro#9176): at user scope a
      // glob rule is `auto`, chosen by its description.
      scoped: {
        user: {
          activation: {
            always: { inclusion: "always" },
            glob: { inclusion: "auto", name: "$name", description: "$description" },
            model: { inclusion: "auto", name: "$name", description: "$description" },
            manual: { inclusion: "manual" },
          },
        },
      },
    },
    expertise: {
      note: "a steering file with inclusion: manual",
      format: "rule-md",
      as: "a manual steering file",
      path: { project: "{project}/.kiro/steering/{name}.md", user: "{home}/.kiro/steering/{name}.md" },
      fields: { inclusion: "manual" },
    },
    hook: {
      note: ".kiro/hooks/cadre-<name>.json (version v1), one per hook, running `cadre hook` (cadre on PATH)",
      format: "hooks-kiro",
      path: {
        project: "{project}/.kiro/hooks/cadre-{name}.json",
        user: "{home}/.kiro/hooks/cadre-{name}.json",
      },
      hooks: {
        host: "kiro",
        // kiro.dev/docs/cli/v3/hooks: the v1 file triggers.
        events: {
          "session-start": ["SessionStart"],
          "user-prompt-submit": ["UserPromptSubmit"],
          "pre-tool-use": ["PreToolUse"],
          "post-tool-use": ["PostToolUse"],
          stop: ["Stop"],
          "pre-task": ["PreTaskExec"],
          "post-task": ["PostTaskExec"],
          "file-created": ["PostFileCreate"],
          "file-saved": ["PostFileSave"],
          "file-deleted": ["PostFileDelete"],
        },
        // The v3 built-in tools (read, write, shell, glob, grep), and the v2 names (fs_read, fs_write,
        // execute_bash) that older agents and the docs' own examples still use. The matcher is a regex.
        tools: {
          shell: "shell|execute_bash",
          edit: "write|fs_write|str_replace",
          write: "write|fs_write",
          read: "read|fs_read|glob|grep",
        },
        anchored: true,
      },
    },
    mcp: {
      note: ".kiro/settings/mcp.json",
      format: "mcp-json",
      path: { project: "{project}/.kiro/settings/mcp.json", user: "{home}/.kiro/settings/mcp.json" },
      mcp: {
        key: ["mcpServers"],
        shape: "claude",
        secrets: {
          form: "plain",
          fields: ["env", "headers"],
          source:
            "kiro.dev/docs/mcp/configuration (braced references in env and headers); kirodotdev/Kiro#3152 (since 0.5.0)",
          checked: "2026-12-02",
        },
      },
    },
  },
  // Kiro pulls a manual steering file into the chat with #name.
  refs: { "rule-md": "the `{name}` steering file (#{name})" },
  // kiro.dev/docs/steering (AGENTS.md is always included, ◐), /docs/cli/skills; hosts-audit-2026-12 §3.10.
  reads: {
    instructions: [{ project: "{project}/AGENTS.md" }],
    rules: [{ project: "{project}/.kiro/steering", user: "{home}/.kiro/steering" }],
    skills: [{ project: "{project}/.kiro/skills", user: "{home}/.kiro/skills" }],
    agents: [{ project: "{project}/.kiro/agents", user: "{home}/.kiro/agents" }],
    hooks: [{ project: "{project}/.kiro/hooks", user: "{home}/.kiro/hooks" }],
  },
  hostCli:
    "Kiro and its CLI are downloads from kiro.dev, not npm packages (`kiro-cli` is not published; checked 2026-12-02): no CLI check.",
});

import { defineHost } from "./define.js";

/** OpenCode names a model `provider/model-id`. */
const OPENCODE_MODEL_IDS = "^[a-z0-9-]+/[A-Za-z0-9._:-]+$";

export const opencode = defineHost({
  id: "opencode",
  displayName: "OpenCode",
  docsUrl: "https://opencode.ai/docs",
  sources: [
    "opencode.ai/docs/skills, V1 and V2 (.opencode/skills, .claude/skills, .agents/skills and their user folders; skills are also /name) (checked 2026-12-02 per hosts-audit-2026-12)",
    "opencode.ai/docs/migrate-v1 (V1 agent and command files still work; V1 plugin implementations do not run in V2) (checked 2026-12-02 per hosts-audit-2026-12)",
    "opencode.ai/v2/docs/mcp-servers (V2's own shape is mcp.servers with `disabled`; the V1 `mcp` shape is still accepted) (checked 2026-12-02 per hosts-audit-2026-12)",
    "opencode.ai/docs/config and anomalyco/opencode#5299 ({env:VAR} substitution) (checked 2026-12-02)",
    "opencode.ai/docs/rules (AGENTS.md; CLAUDE.md only without one) (checked 2026-12-02)",
    "V2 plugin hook names for tool interception: not confirmed by a source (hosts-audit-2026-12 ❓)",
  ],
  detect: ["{project}/.opencode", "{project}/opencode.json", "{home}/.config/opencode"],
  builtins: {
    commands: [
      "agent",
      "agents",
      "clear",
      "compact",
      "connect",
      "continue",
      "details",
      "editor",
      "exit",
      "export",
      "fork",
      "help",
      "highlights",
      "init",
      "model",
      "models",
      "new",
      "q",
      "quit",
      "redo",
      "resume",
      "review",
      "sessions",
      "share",
      "summarize",
      "theme",
      "themes",
      "thinking",
      "undo",
      "unshare",
    ],
    source:
      "opencode.ai/docs/tui (commands) and anomalyco/opencode packages/opencode/src/command (the built-in init and review templates; anomalyco/opencode#24606)",
    checked: "2026-12-03",
  },
  targets: {
    skill: {
      note: ".opencode/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.opencode/skills/{name}", user: "{xdgConfig}/opencode/skills/{name}" },
    },
    agent: {
      note: ".opencode/agents/<name>.md (mode: subagent)",
      format: "agent-md",
      path: {
        project: "{project}/.opencode/agents/{name}.md",
        user: "{xdgConfig}/opencode/agents/{name}.md",
      },
      // hosts-audit-2026-12 §3.7 ("map a read-only tool list → permission: {edit: deny, bash: deny}";
      // reference/hosts.md §8.2): `permission` denies what the tools leave out; `edit` governs edit and write
      // alike. `model` is `provider/model-id`, kept when written so.
      fields: { description: "$description", mode: "subagent", model: "$model", permission: "$tools:host" },
      modelIds: OPENCODE_MODEL_IDS,
      tools: {
        form: "deny",
        names: { edit: ["edit"], write: ["edit"], shell: ["bash"], web: ["webfetch"] },
        // `Bash(git log:*)` → `bash: {"*": deny, "git log*": allow}` (reference/hosts.md §8.2: bash patterns, last match wins).
        patterns: ["shell"],
      },
    },
    command: {
      note: ".opencode/commands/<name>.md",
      format: "command-md",
      path: {
        project: "{project}/.opencode/commands/{name}.md",
        user: "{xdgConfig}/opencode/commands/{name}.md",
      },
      fields: { description: "$description", model: "$model" },
      modelIds: OPENCODE_MODEL_IDS,
    },
    rule: {
      note: "an index entry in a managed block of AGENTS.md",
      format: "index",
      as: "an index entry in AGENTS.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{xdgConfig}/opencode/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.opencode/skills/{name}", user: "{xdgConfig}/opencode/skills/{name}" },
    },
    hook: {
      note: ".opencode/plugins/cadre-<name>.js, a plugin per hook running `cadre hook` (cadre on PATH) on tool.execute.before/after; tool hooks only (OpenCode installs its plugin package into .opencode/ when local plugins exist)",
      format: "hooks-opencode",
      path: {
        project: "{project}/.opencode/plugins/cadre-{name}.js",
        user: "{xdgConfig}/opencode/plugins/cadre-{name}.js",
      },
      hooks: {
        host: "opencode",
        events: { "pre-tool-use": ["tool.execute.before"], "post-tool-use": ["tool.execute.after"] },
        // V1 names its shell tool `bash`, V2 `shell`.
        tools: {
          shell: "bash|shell",
          edit: "edit|multiedit|apply_patch",
          write: "write|apply_patch",
          read: "read|glob|grep|list",
        },
      },
    },
    mcp: {
      note: "mcp in opencode.json",
      format: "mcp-json",
      path: { project: "{project}/opencode.json", user: "{xdgConfig}/opencode/opencode.json" },
      mcp: {
        key: ["mcp"],
        shape: "opencode",
        secrets: {
          form: "braces-env",
          source: "opencode.ai/docs/config ({env:VAR} substitution); anomalyco/opencode#5299",
          checked: "2026-12-02",
        },
      },
    },
  },
  // opencode.ai/docs/skills (V1 and V2) and /docs/rules (AGENTS.md, CLAUDE.md only without one), hosts-audit-2026-12 §3.7.
  reads: {
    instructions: [
      { project: "{project}/AGENTS.md", user: "{xdgConfig}/opencode/AGENTS.md" },
      { project: "{project}/CLAUDE.md", user: "{home}/.claude/CLAUDE.md", unless: ["{project}/AGENTS.md"] },
    ],
    skills: [
      { project: "{project}/.opencode/skills", user: "{xdgConfig}/opencode/skills" },
      { project: "{project}/.claude/skills", user: "{home}/.claude/skills" },
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
    ],
    agents: [{ project: "{project}/.opencode/agents", user: "{xdgConfig}/opencode/agents" }],
    hooks: [{ project: "{project}/.opencode/plugins", user: "{xdgConfig}/opencode/plugins" }],
  },
  instructions: { project: "{project}/AGENTS.md", user: "{xdgConfig}/opencode/AGENTS.md" },
});

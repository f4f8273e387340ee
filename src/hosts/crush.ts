import { defineHost } from "./define.js";

/**
 * Crush (charmbracelet), checked 2026-12-02 against charmbracelet/crush @ 37f36e9 (2026-08-21):
 * internal/config/{config,load}.go, internal/commands/commands.go, docs/config/README.md, docs/hooks/README.md.
 * Config is `crush.json` (now "legacy JSON", still read and merged; the new `crushrc` is a Bash script
 * cadre does not write). Crush has no subagent files.
 */
export const crush = defineHost({
  id: "crush",
  displayName: "Crush",
  docsUrl: "https://github.com/charmbracelet/crush",
  sources: [
    "charmbracelet/crush @ 37f36e9 (2026-08-21) internal/config/config.go (defaultContextPaths, MCPConfig, HookConfig), internal/config/load.go (GlobalSkillsDirs, projectSkillSubdirs, GlobalContextPaths), internal/commands/commands.go, docs/config/README.md, docs/hooks/README.md (checked 2026-12-02)",
    "charmbracelet/crush @ 37f36e9 docs/hooks/README.md, internal/hooks/input.go (PreToolUse only; Claude Code's hookSpecificOutput accepted), internal/agent/tools/*.go tool names (checked 2026-12-02)",
  ],
  hostCli:
    "none: the npm package @charmland/crush@0.96.1 holds no binary, only install.js/lib.js, whose postinstall downloads github.com/charmbracelet/crush/releases/download/v0.96.1/crush_0.96.1_<OS>_<arch>.tar.gz; test:hosts installs host CLIs from the npm registry only and its machines reach nothing else, so Crush cannot run there (checked 2026-12-02)",
  detect: [
    "{project}/.crush",
    "{project}/crush.json",
    "{project}/.crush.json",
    "{project}/CRUSH.md",
    "{xdgConfig}/crush",
  ],
  targets: {
    skill: {
      note: ".crush/skills/<name>/SKILL.md (or shared .agents/skills)",
      format: "skill-dir",
      path: { project: "{project}/.crush/skills/{name}", user: "{xdgConfig}/crush/skills/{name}" },
    },
    agent: {
      note: "a skill (Crush has no custom agents)",
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.crush/skills/{name}", user: "{xdgConfig}/crush/skills/{name}" },
    },
    // commands.go: every `.md` under `.crush/commands` (user `~/.config/crush/commands`) is a command whose
    // whole file is the prompt (no frontmatter is parsed); `$NAME` placeholders become arguments.
    command: {
      note: ".crush/commands/<name>.md (the whole file is the prompt; $ARGUMENTS becomes an argument)",
      format: "command-md",
      path: { project: "{project}/.crush/commands/{name}.md", user: "{xdgConfig}/crush/commands/{name}.md" },
    },
    rule: {
      note: "an index entry in a managed block of AGENTS.md",
      format: "index",
      as: "an index entry in AGENTS.md",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{xdgConfig}/crush/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.crush/skills/{name}", user: "{xdgConfig}/crush/skills/{name}" },
    },
    // docs/hooks/README.md, internal/config/config.go HookConfig: `hooks.PreToolUse` (the one event) is a list
    // of `{name, matcher, command, timeout}` (matcher a Go regexp on the tool name, timeout seconds), run in
    // the project folder. Input is Claude-like (tool_name, tool_input, session_id, cwd; the event under
    // `event`), and Crush reads Claude Code's `hookSpecificOutput.permissionDecision` as well as exit 2, so
    // cadre hook answers as for Claude Code. `decision: "allow"` would skip Crush's permission prompt: cadre
    // never sends it.
    hook: {
      note: "entries of hooks.PreToolUse in crush.json running `cadre hook` (cadre on PATH); Crush has no other hook event",
      format: "hooks-cursor",
      path: { project: "{project}/crush.json", user: "{xdgConfig}/crush/crush.json" },
      hooks: {
        host: "claude-code",
        events: { "pre-tool-use": ["PreToolUse"] },
        tools: { shell: "bash", edit: "edit|multiedit", write: "write", read: "view|glob|grep|ls" },
        anchored: true,
      },
    },
    // MCPConfig: `mcp.<name>` with `type` (stdio, sse, http), command/args/env or url/headers. Each of
    // command, args, env, url and headers goes through the embedded shell (config/resolve.go
    // ResolveValue → shell.ExpandValue): $VAR, ${VAR}, ${VAR:-default} and $(command) all expand.
    mcp: {
      note: "mcp in crush.json ($VAR / ${VAR} shell-expanded)",
      format: "mcp-json",
      path: { project: "{project}/crush.json", user: "{xdgConfig}/crush/crush.json" },
      mcp: {
        key: ["mcp"],
        shape: "claude",
        secrets: {
          form: "shell",
          source:
            "charmbracelet/crush @ 37f36e9 internal/config/resolve.go (NewShellVariableResolver: $VAR, braced and :-default forms, $(command)), config.go ResolvedEnv/ResolvedArgs/ResolvedURL/ResolvedHeaders, agent/tools/mcp/init.go (command)",
          checked: "2026-12-02",
        },
      },
    },
  },
  // defaultContextPaths (config.go) are always read; `options.context_paths` only adds to them (load.go).
  reads: {
    instructions: [
      { project: "{project}/AGENTS.md", user: "{xdgConfig}/crush/CRUSH.md" },
      { project: "{project}/CRUSH.md" },
      { project: "{project}/CLAUDE.md" },
      { project: "{project}/GEMINI.md" },
      { project: "{project}/.github/copilot-instructions.md" },
    ],
    rules: [{ project: "{project}/.cursor/rules" }],
    skills: [
      { project: "{project}/.crush/skills", user: "{xdgConfig}/crush/skills" },
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
      { project: "{project}/.claude/skills", user: "{home}/.claude/skills" },
      { project: "{project}/.cursor/skills" },
      { user: "{xdgConfig}/agents/skills" },
    ],
    // Global and project crush.json (or .crush.json) hooks are merged.
    hooks: [
      { project: "{project}/crush.json", user: "{xdgConfig}/crush/crush.json" },
      { project: "{project}/.crush.json" },
    ],
  },
  instructions: { project: "{project}/AGENTS.md", user: "{xdgConfig}/crush/CRUSH.md" },
});

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
    "test:hosts: no check. @charmland/crush@0.96.1 downloads its binary from GitHub releases in postinstall, which the offline test machine cannot reach (checked 2026-12-02)",
  ],
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
    // MCPConfig: `mcp.<name>` with `type` (stdio, sse, http), command/args/env or url/headers; command,
    // args, env, url and headers are shell-expanded, so `$VAR` and `${VAR}` work.
    mcp: {
      note: "mcp in crush.json ($VAR / ${VAR} shell-expanded)",
      format: "mcp-json",
      path: { project: "{project}/crush.json", user: "{xdgConfig}/crush/crush.json" },
      mcp: { key: ["mcp"], shape: "claude" },
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
  },
  instructions: { project: "{project}/AGENTS.md", user: "{xdgConfig}/crush/CRUSH.md" },
});

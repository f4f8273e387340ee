import { defineHost } from "./define.js";

export const copilot = defineHost({
  id: "copilot",
  displayName: "GitHub Copilot",
  docsUrl: "https://docs.github.com/copilot",
  detect: ["{project}/.github/copilot-instructions.md", "{project}/.github/agents", "{home}/.copilot"],
  // skillDescriptionMax: Copilot validates SKILL.md against the spec, description ≤ 1,024 (hosts.md §6.4).
  limits: { agentBodyChars: 30_000, skillDescriptionMax: 1024 },
  targets: {
    skill: {
      note: ".github/skills/<name>/SKILL.md (or shared .agents/skills)",
      format: "skill-dir",
      path: { project: "{project}/.github/skills/{name}", user: "{home}/.copilot/skills/{name}" },
    },
    agent: {
      note: ".github/agents/<name>.agent.md",
      format: "agent-md",
      path: {
        project: "{project}/.github/agents/{name}.agent.md",
        user: "{home}/.copilot/agents/{name}.agent.md",
      },
      // hosts-audit-2026-12 §3.5 ("optionally map tools"; reference/hosts.md §6.3): `tools` takes Copilot's
      // tool aliases (◐: read, search, edit, execute, web); `edit` covers edit and write alike.
      fields: { name: "$name", description: "$description", tools: "$tools:host", model: "$model" },
      models: { inherit: "inherit" },
      tools: {
        form: "list",
        names: {
          read: ["read", "search"],
          edit: ["edit"],
          write: ["edit"],
          shell: ["execute"],
          web: ["web"],
        },
      },
    },
    command: {
      note: ".github/prompts/<name>.prompt.md",
      format: "command-md",
      path: { project: "{project}/.github/prompts/{name}.prompt.md" },
      fields: {
        name: "$name",
        description: "$description",
        "argument-hint": "$argumentHint",
        agent: "agent",
      },
    },
    rule: {
      note: ".github/instructions/<name>.instructions.md (applyTo)",
      format: "rule-md",
      path: {
        project: "{project}/.github/instructions/{name}.instructions.md",
        user: "{home}/.copilot/instructions/{name}.instructions.md",
      },
      activation: {
        always: { applyTo: "**" },
        glob: { applyTo: "$globs:csv" },
        model: { name: "$name", description: "$description" },
        manual: { name: "$name", description: "$description" },
      },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.github/skills/{name}", user: "{home}/.copilot/skills/{name}" },
    },
    hook: {
      note: ".github/hooks/cadre-<name>.json (version 1), one per hook, running `cadre hook` (cadre on PATH); Copilot has no matchers, so cadre filters tools itself",
      format: "hooks-file",
      path: {
        project: "{project}/.github/hooks/cadre-{name}.json",
        user: "{home}/.copilot/hooks/cadre-{name}.json",
      },
      hooks: {
        host: "copilot",
        events: {
          "session-start": ["sessionStart"],
          "user-prompt-submit": ["userPromptSubmitted"],
          "pre-tool-use": ["preToolUse"],
          "post-tool-use": ["postToolUse", "postToolUseFailure"],
          stop: ["agentStop"],
          "subagent-stop": ["subagentStop"],
          "pre-compact": ["preCompact"],
          "permission-request": ["permissionRequest"],
          notification: ["notification"],
          "error-occurred": ["errorOccurred"],
          "session-end": ["sessionEnd"],
        },
      },
    },
    mcp: {
      note: ".mcp.json / .vscode/mcp.json",
      format: "mcp-json",
      path: { project: "{project}/.mcp.json", user: "{home}/.copilot/mcp-config.json" },
      mcp: { key: ["mcpServers"], shape: "claude" },
    },
  },
  skillDirs: [
    { project: "{project}/.github/skills", user: "{home}/.copilot/skills" },
    { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
    { project: "{project}/.claude/skills" },
  ],
  instructions: {
    project: "{project}/.github/copilot-instructions.md",
    user: "{home}/.copilot/copilot-instructions.md",
  },
});

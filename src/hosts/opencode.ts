import { defineHost } from "./define.js";

export const opencode = defineHost({
  id: "opencode",
  displayName: "OpenCode",
  docsUrl: "https://opencode.ai/docs",
  detect: ["{project}/.opencode", "{project}/opencode.json", "{home}/.config/opencode"],
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
      fields: { description: "$description", mode: "subagent" },
    },
    command: {
      note: ".opencode/commands/<name>.md",
      format: "command-md",
      path: {
        project: "{project}/.opencode/commands/{name}.md",
        user: "{xdgConfig}/opencode/commands/{name}.md",
      },
      fields: { description: "$description" },
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
        tools: {
          shell: "bash",
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
      mcp: { key: ["mcp"], shape: "opencode" },
    },
  },
  skillDirs: [
    { project: "{project}/.opencode/skills", user: "{xdgConfig}/opencode/skills" },
    { project: "{project}/.claude/skills", user: "{home}/.claude/skills" },
  ],
  instructions: { project: "{project}/AGENTS.md", user: "{xdgConfig}/opencode/AGENTS.md" },
});

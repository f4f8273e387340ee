import { defineHost } from "./define.js";

export const junie = defineHost({
  id: "junie",
  displayName: "JetBrains Junie",
  docsUrl: "https://www.jetbrains.com/help/junie",
  sources: [
    "jetbrains.com/help/junie/customize-guidelines, 2025-11-24 (.junie/guidelines.md is the default) (checked 2026-12-02 per hosts-audit-2026-12)",
    "JetBrains/junie-guidelines README (.junie/AGENTS.md or AGENTS.md are also accepted) (checked 2026-12-02 per hosts-audit-2026-12)",
    "whether Junie loads a root AGENTS.md by default: not confirmed by a source (hosts-audit-2026-12 ❓)",
    "skills in .junie/skills and ~/.junie/skills: JetBrains blog via zenn (hosts-audit-2026-12 ◐)",
    "jetbrains.com/help/junie/model-context-protocol-mcp.html (no env expansion documented; stdio the only transport listed) (checked 2026-12-02)",
    "MCP in .junie/mcp/mcp.json and ~/.junie/mcp/mcp.json: no page named (hosts-audit-2026-12 ◐)",
    "hooks not released (JUNIE-1961; hosts-audit-2026-12 ◐)",
  ],
  detect: ["{project}/.junie", "{home}/.junie"],
  targets: {
    skill: {
      note: ".junie/skills/<name>/SKILL.md",
      format: "skill-dir",
      path: { project: "{project}/.junie/skills/{name}", user: "{home}/.junie/skills/{name}" },
    },
    agent: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.junie/skills/{name}", user: "{home}/.junie/skills/{name}" },
    },
    command: {
      format: "skill-dir",
      as: "a skill",
      path: { project: "{project}/.junie/skills/{name}", user: "{home}/.junie/skills/{name}" },
    },
    rule: {
      note: "an index entry in a managed block of .junie/guidelines.md",
      format: "index",
      as: "an index entry in .junie/guidelines.md",
      path: { project: "{project}/.junie/rules/{name}.md", user: "{home}/.junie/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: { project: "{project}/.junie/skills/{name}", user: "{home}/.junie/skills/{name}" },
    },
    mcp: {
      note: ".junie/mcp/mcp.json",
      format: "mcp-json",
      path: { project: "{project}/.junie/mcp/mcp.json", user: "{home}/.junie/mcp/mcp.json" },
      mcp: {
        key: ["mcpServers"],
        shape: "claude",
        secrets: {
          form: "none",
          source:
            "jetbrains.com/help/junie/model-context-protocol-mcp.html (no expansion documented; that page also lists stdio as the only transport)",
          checked: "2026-12-02",
        },
      },
    },
  },
  // jetbrains.com/help/junie/customize-guidelines (2025-11-24): .junie/guidelines.md; whether AGENTS.md is also
  // read by default is unconfirmed (hosts-audit-2026-12 §3.13), so it is left out.
  reads: {
    instructions: [{ project: "{project}/.junie/guidelines.md" }],
    skills: [{ project: "{project}/.junie/skills", user: "{home}/.junie/skills" }],
  },
  instructions: { project: "{project}/.junie/guidelines.md" },
  hostCli:
    "@jetbrains/junie@3110.7.0's postinstall downloads its binary from github.com, which the offline test machine cannot reach (checked 2026-12-02): no CLI check.",
});

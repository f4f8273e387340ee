import { AGENTS_SKILL, defineHost } from "./define.js";

// Goose has no user-configurable hooks and no project-level MCP config; its extensions (MCP servers) live in the
// user's config.yaml, written by the `mcp-goose` key renderer.
export const goose = defineHost({
  id: "goose",
  displayName: "Goose",
  docsUrl: "https://block.github.io/goose/docs",
  detect: ["{project}/.goosehints", "{project}/.goose", "{home}/.config/goose"],
  targets: {
    skill: {
      note: ".agents/skills/<name>/SKILL.md (Goose's own skills folder; also .goose/skills, .claude/skills)",
      format: "skill-dir",
      path: AGENTS_SKILL,
    },
    agent: {
      note: ".goose/agents/<name>.md (name, description; delegated to by the summon extension)",
      format: "agent-md",
      path: { project: "{project}/.goose/agents/{name}.md", user: "{home}/.goose/agents/{name}.md" },
      fields: { name: "$name", description: "$description" },
    },
    command: {
      note: "a skill (Goose's slash commands run recipes, which need a recipe file per command)",
      format: "skill-dir",
      as: "a skill",
      path: AGENTS_SKILL,
    },
    rule: {
      note: "an index entry in a managed block of .goosehints",
      format: "index",
      as: "an index entry in .goosehints",
      path: { project: "{project}/.agents/rules/{name}.md", user: "{home}/.agents/rules/{name}.md" },
    },
    expertise: {
      format: "skill-dir",
      as: "a reference skill",
      path: AGENTS_SKILL,
    },
    mcp: {
      note: "an extension under extensions.<name> in ~/.config/goose/config.yaml (user scope only)",
      format: "mcp-goose",
      path: { user: "{xdgConfig}/goose/config.yaml" },
    },
  },
  reads: {
    instructions: [
      { project: "{project}/.goosehints", user: "{xdgConfig}/goose/.goosehints" },
      {
        project: "{project}/AGENTS.md",
        off: "`CONTEXT_FILE_NAMES='[\".goosehints\"]'` in Goose's environment",
      },
    ],
    skills: [
      { project: "{project}/.agents/skills", user: "{home}/.agents/skills" },
      { project: "{project}/.goose/skills", user: "{xdgConfig}/goose/skills" },
      { project: "{project}/.claude/skills", user: "{home}/.claude/skills" },
      { user: "{home}/.config/agents/skills" },
    ],
    agents: [
      { project: "{project}/.goose/agents", user: "{home}/.goose/agents" },
      { project: "{project}/.claude/agents", user: "{home}/.claude/agents" },
      { project: "{project}/.agents/agents", user: "{home}/.agents/agents" },
      { user: "{xdgConfig}/goose/agents" },
    ],
  },
  instructions: { project: "{project}/.goosehints", user: "{xdgConfig}/goose/.goosehints" },
  sources: [
    "block/goose crates/goose/src/skills/mod.rs @ 013ab84, checked 2026-12-02 in the stored index: skills from .agents/skills, .goose/skills, .claude/skills, ~/.agents/skills, ~/.config/goose/skills, ~/.claude/skills, ~/.config/agents/skills; `name` required; .agents/skills is the canonical writable place",
    "block/goose crates/goose/src/agents/platform_extensions/summon/source_discovery.rs @ 4ff60c9: agents (Markdown, `name` required, `description`, `model`) from .goose/agents, .claude/agents, .agents/agents, ~/.goose/agents, ~/.agents/agents, ~/.config/goose/agents, ~/.claude/agents; recipes from .goose/recipes, .agents/recipes",
    "block/goose crates/goose/src/agents/context_hints/load_hints.rs @ 4797cdc: .goosehints from the git root down to cwd and ~/.config/goose/.goosehints (names from CONTEXT_FILE_NAMES; goose-docs.ai says the defaults include AGENTS.md)",
    "block/goose crates/goose/src/agents/extension.rs @ 01cad15: extensions in ~/.config/goose/config.yaml (stdio cmd/args/envs/env_keys, streamable_http uri/headers, `description` required); agents/hooks.rs is an in-process trait, not user hooks",
  ],
  hostCli: "Goose ships as a Rust binary, not on npm: no CLI check.",
});

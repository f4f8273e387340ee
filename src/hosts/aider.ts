import { defineHost } from "./define.js";

export const aider = defineHost({
  id: "aider",
  displayName: "Aider",
  docsUrl: "https://aider.chat/docs",
  detect: ["{project}/.aider.conf.yml", "{project}/CONVENTIONS.md"],
  kinds: {
    skill: { support: "degraded", note: "an index entry in CONVENTIONS.md pointing at the skill file" },
    agent: { support: "degraded", note: "an index entry in CONVENTIONS.md" },
    rule: {
      support: "degraded",
      note: "an index entry in a managed block of CONVENTIONS.md (add it to read: in .aider.conf.yml)",
    },
    expertise: { support: "degraded", note: "an index entry in CONVENTIONS.md" },
  },
  targets: {
    skill: {
      format: "index",
      as: "an index entry in CONVENTIONS.md",
      path: { project: "{project}/.aider/skills/{name}.md" },
    },
    agent: {
      format: "index",
      as: "an index entry in CONVENTIONS.md",
      path: { project: "{project}/.aider/agents/{name}.md" },
    },
    rule: {
      format: "index",
      as: "an index entry in CONVENTIONS.md",
      path: { project: "{project}/.aider/rules/{name}.md" },
    },
    expertise: {
      format: "index",
      as: "an index entry in CONVENTIONS.md",
      path: { project: "{project}/.aider/expertise/{name}.md" },
    },
  },
  instructions: { project: "{project}/CONVENTIONS.md" },
});

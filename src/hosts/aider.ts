import { defineHost } from "./define.js";

export const aider = defineHost({
  id: "aider",
  displayName: "Aider",
  docsUrl: "https://aider.chat/docs",
  detect: ["{project}/.aider.conf.yml", "{project}/CONVENTIONS.md"],
  kinds: {
    skill: { support: "degraded", note: "an index entry in CONVENTIONS.md pointing at the skill file" },
    agent: { support: "degraded", note: "an index entry in CONVENTIONS.md" },
    rule: { support: "degraded", note: "an entry in a managed block of CONVENTIONS.md (read via .aider.conf.yml)" },
    expertise: { support: "degraded", note: "an index entry in CONVENTIONS.md" },
  },
});

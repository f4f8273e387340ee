import { defineHost } from "./define.js";

export const aider = defineHost({
  id: "aider",
  displayName: "Aider",
  docsUrl: "https://aider.chat/docs",
  sources: [
    "aider.chat/docs/usage/conventions.html (no instruction file loads unless `read:` in .aider.conf.yml or `--read` names it) (checked 2026-12-02)",
    "aider.chat/docs/config/aider_conf.html (the `read:` key of .aider.conf.yml) (checked 2026-12-02)",
    "Aider-AI/aider#4395 (nothing is loaded automatically) (checked 2026-12-02 per hosts-audit-2026-12)",
  ],
  detect: ["{project}/.aider.conf.yml", "{project}/CONVENTIONS.md"],
  targets: {
    skill: {
      note: "an index entry in CONVENTIONS.md pointing at the skill file",
      format: "index",
      as: "an index entry in CONVENTIONS.md",
      // The whole skill folder, so that the links in SKILL.md to its scripts and references resolve.
      path: { project: "{project}/.aider/skills/{name}/SKILL.md" },
    },
    agent: {
      format: "index",
      as: "an index entry in CONVENTIONS.md",
      path: { project: "{project}/.aider/agents/{name}.md" },
    },
    rule: {
      note: "an index entry in a managed block of CONVENTIONS.md (listed under read: in .aider.conf.yml)",
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
  // aider.chat/docs/usage/conventions.html: nothing loads unless listed under `read:` in .aider.conf.yml.
  reads: {
    instructions: [{ project: "{project}/CONVENTIONS.md", when: "listed under read: in .aider.conf.yml" }],
  },
  instructions: { project: "{project}/CONVENTIONS.md" },
  // Aider loads no instruction file by itself: only what `read:` in `.aider.conf.yml` (or `--read`) names
  // (aider.chat/docs/usage/conventions.html, /docs/config/aider_conf.html; checked 2026-12-02). cadre owns the
  // one `read:` entry for CONVENTIONS.md and leaves the user's entries and comments as they are.
  instructionsLoad: { config: { project: "{project}/.aider.conf.yml" }, key: "read" },
  hostCli:
    "Aider is a Python package (pip), and the test machine has npm and Debian registries only: no CLI check.",
});

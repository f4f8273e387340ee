import { skill, type Tree } from "./snapshot.js";

/** Failing and passing fixtures of the lenient-loading rules, for src/lint/rules.test.ts. */
const plugin = { ".claude-plugin/plugin.json": '{"name": "p"}' };
export const LENIENT_CASES: Record<string, { bad: Tree; good: Tree }> = {
  "load/lenient-frontmatter": {
    bad: { ...plugin, "agents/a.md": "---\nname: a\ndescription: Use when: x\n---\nBody" },
    good: { ...plugin, "agents/a.md": '---\nname: a\ndescription: "Use when: x"\n---\nBody' },
  },
  "item/display-name": {
    bad: { ...plugin, "skills/my-skill/SKILL.md": skill("My Skill") },
    good: { ...plugin, "skills/my-skill/SKILL.md": skill("my-skill") },
  },
  "load/nothing-recognised": { bad: { "README.md": "# notes" }, good: { "skills/a/SKILL.md": skill("a") } },
};

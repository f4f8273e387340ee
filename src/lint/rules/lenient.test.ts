import { describe, expect, it } from "vitest";
import { pack } from "../../../test/helpers/snapshot.js";
import { buildCatalog } from "../../model/catalog.js";
import { lintPacks } from "../run.js";

const lint = (p: ReturnType<typeof pack>) =>
  lintPacks(buildCatalog([p]), [p], {
    strict: false,
    rules: ["load/lenient-frontmatter", "item/display-name"],
  });

describe("lenient-loading rules", () => {
  it("warn, with the fix, on what only the host's loader accepts", () => {
    const p = pack({
      ".claude-plugin/plugin.json": '{"name": "p"}',
      "agents/helper.md": "---\nname: helper\ndescription: Use when: things break\n---\nHelp.",
      "commands/sweep.md": "Sweep the floor.\n",
      "skills/floor-care/SKILL.md": "---\nname: Floor Care\ndescription: Floors.\n---\nMop.",
    });
    const r = lint(p);
    expect(r.errors).toBe(0);
    const found = r.diagnostics.map((d) => [d.rule, d.severity, d.file, d.line]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["load/lenient-frontmatter", "warning", "pack/agents/helper.md", 3],
        ["load/lenient-frontmatter", "warning", "pack/commands/sweep.md", 1],
        ["item/display-name", "warning", "pack/skills/floor-care/SKILL.md", 2],
      ]),
    );
    expect(r.diagnostics).toHaveLength(3);
    expect(r.diagnostics.find((d) => d.rule === "item/display-name")?.message).toContain(
      "set name: floor-care",
    );
  });
});

describe("load/nothing-recognised", () => {
  it("warns with a hint when a folder holds no item, never a silent 0", () => {
    const empty = pack({ "README.md": "# notes", "docs/guide.md": "text" });
    const r = lintPacks(buildCatalog([empty]), [empty], { rules: ["load/nothing-recognised"] });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        file: "pack/.",
        hint: expect.stringContaining("SKILL.md"),
      }),
    ]);
    const full = pack({ "skills/a/SKILL.md": "---\nname: a\ndescription: A.\n---\nBody" });
    expect(
      lintPacks(buildCatalog([full]), [full], { rules: ["load/nothing-recognised"] }).diagnostics,
    ).toEqual([]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MANIFEST, pack, skill } from "../../test/helpers/snapshot.js";
import {
  catalogDoc,
  llmsFullTxt,
  llmsTxt,
  README_BEGIN,
  README_END,
  readmeSection,
  withReadmeSection,
} from "./pack-docs.js";

const p = pack({
  "cadre-pack.yaml": MANIFEST,
  "skills/b-skill/SKILL.md": skill("b-skill"),
  "skills/a-skill/SKILL.md": skill("a-skill"),
  "rules/style.md": "---\nname: style\ndescription: House style.\nactivation: always\n---\nBe terse.\n",
});
const input = {
  title: "team",
  summary: "Team content.",
  linkBase: "",
  generatedBy: "Generated.",
  items: p.items,
};

describe("pack docs", () => {
  it("lists every item once, by kind then name, with links to its file", () => {
    const llms = llmsTxt(input);
    expect(llms.split("\n").slice(0, 3)).toEqual(["# team", "", "> Team content."]);
    const links = [...llms.matchAll(/^- \[([^\]]+)\]\(([^)]+)\)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(links).toEqual([
      "rule:style rules/style.md",
      "skill:a-skill skills/a-skill/SKILL.md",
      "skill:b-skill skills/b-skill/SKILL.md",
    ]);
    expect(catalogDoc(input)).toMatch(/^\| skill \| 2 \| \d+ \|$/m);
    expect(readmeSection(input)).toContain("- [`rule:style`](rules/style.md) — House style.");
    expect(llmsFullTxt(input)).toContain("## rule:style (rules/style.md)\n\n---\nname: style");
  });

  it("replaces only the text between the README markers, keeping every other byte", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (before, old, after) => {
        const clean = (s: string) => s.replaceAll("<!-- cadre:catalog:", "<!-- other:");
        const readme = `${clean(before)}\n${README_BEGIN}\n${clean(old)}\n${README_END}\n${clean(after)}`;
        const out = withReadmeSection(readme, "t", "BODY");
        expect(out).toBe(`${clean(before)}\n${README_BEGIN}\nBODY\n${README_END}\n${clean(after)}`);
      }),
    );
  });

  it("appends a marked section to a README without one, and starts a README that is missing", () => {
    expect(withReadmeSection("# Mine\n\nIntro.\n", "t", "B")).toBe(
      `# Mine\n\nIntro.\n\n${README_BEGIN}\nB\n${README_END}\n`,
    );
    expect(withReadmeSection(undefined, "team", "B")).toBe(`# team\n\n${README_BEGIN}\nB\n${README_END}\n`);
  });

  it("refuses unbalanced markers", () => {
    expect(() => withReadmeSection(`${README_BEGIN}\nx\n`, "t", "B")).toThrow(/unbalanced/);
    expect(() => withReadmeSection(`${README_END}\n${README_BEGIN}\n`, "t", "B")).toThrow(/unbalanced/);
    expect(() => withReadmeSection(`${README_BEGIN}\n${README_BEGIN}\n${README_END}\n`, "t", "B")).toThrow(
      /unbalanced/,
    );
  });
});

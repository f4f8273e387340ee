import { describe, expect, it } from "vitest";
import { extractCodeBlocks, findMentions, findRelativeLinks, splitSections } from "./markdown.js";

const doc = [
  "# Title",
  "Intro with @alpha and `@not-this` and mail@example.com.",
  "```md",
  "# not a heading",
  "@inside-fence [x](missing.md)",
  "```",
  "## Second",
  "See [ref](references/guide.md) and [web](https://example.com) and [anchor](#x).",
  "Scoped @scope/pkg is not a mention; (@beta) is.",
  "~~~",
  "## still fenced",
  "~~~",
  "### Third",
].join("\n");

describe("markdown scanning", () => {
  it("splits sections at headings outside code fences", () => {
    const s = splitSections(doc);
    expect(s.map((x) => [x.level, x.title])).toEqual([
      [1, "Title"],
      [2, "Second"],
      [3, "Third"],
    ]);
    expect(s[0]?.content).toContain("# not a heading");
  });

  it("finds @mentions outside code, not e-mails or scoped packages", () => {
    expect(findMentions(doc).map((m) => m.value)).toEqual(["alpha", "beta"]);
    expect(findMentions(doc)[0]).toMatchObject({ line: 2, column: 12 });
  });

  it("finds relative links outside code, skipping URLs and anchors", () => {
    expect(findRelativeLinks(doc).map((l) => l.value)).toEqual(["references/guide.md"]);
  });

  it("extracts fenced code blocks with their language", () => {
    const blocks = extractCodeBlocks("text\n```ts\nconst a = 1;\n```\n````bash\necho ```\n````\n");
    expect(blocks).toEqual([
      { lang: "ts", code: "const a = 1;", line: 2 },
      { lang: "bash", code: "echo ```", line: 5 },
    ]);
    expect(extractCodeBlocks("```ts no-check\nf();\n```\n")).toEqual([
      { lang: "ts", flags: ["no-check"], code: "f();", line: 1 },
    ]);
  });
});

describe("fences indented under list items", () => {
  it("a fence indented past three spaces (inside a list item) is code: no links, mentions or headings", () => {
    const text = [
      "1. Write the notes:",
      "",
      "     ```markdown",
      "     # Notes",
      "     See [notes](notes/missing.md) and ask @nobody-here.",
      "     ```",
      "",
      "After [the guide](guide.md).",
    ].join("\n");
    expect(findRelativeLinks(text).map((l) => [l.value, l.line])).toEqual([["guide.md", 8]]);
    expect(findMentions(text)).toEqual([]);
    expect(splitSections(text).filter((s) => s.level > 0)).toEqual([]);
    expect(extractCodeBlocks(text).map((b) => [b.lang, b.line])).toEqual([["markdown", 3]]);
  });
});

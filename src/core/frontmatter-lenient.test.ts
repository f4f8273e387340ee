import { describe, expect, it } from "vitest";
import { parseFrontmatterLenient } from "./frontmatter.js";

const known = new Set(["name", "description", "tools", "globs", "alwaysApply"]);
const isKey = (k: string) => known.has(k);

describe("parseFrontmatterLenient", () => {
  it("keeps each entry that parses and takes the others as their raw text, with their file line", () => {
    const text = [
      "---",
      "name: sorter",
      "description: Use when: the list is a mess",
      "Context: a long list",
      'user: "sort it"',
      "tools: [Read, Grep]",
      "globs: **/*.ts",
      "---",
      "Body line",
    ].join("\n");
    const r = parseFrontmatterLenient(text, isKey);
    expect(r.data).toEqual({
      name: "sorter",
      description: 'Use when: the list is a mess\nContext: a long list\nuser: "sort it"',
      tools: ["Read", "Grep"],
      globs: "**/*.ts",
    });
    expect(r.lenient.map((l) => [l.key, l.line])).toEqual([
      ["description", 3],
      ["globs", 7],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.body).toBe("Body line");
    expect(r.bodyLine).toBe(9);
  });

  it("returns the strict result when the YAML is valid or the block is not closed", () => {
    expect(parseFrontmatterLenient("---\nname: a\n---\nx").lenient).toEqual([]);
    const open = parseFrontmatterLenient("---\nname: a: b\n");
    expect(open.data).toBeUndefined();
    expect(open.errors).toHaveLength(1);
  });
});

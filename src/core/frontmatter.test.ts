import { describe, expect, it } from "vitest";
import { parseFrontmatter, parseYaml } from "./frontmatter.js";

describe("parseFrontmatter", () => {
  it("splits frontmatter and body and reports where the body starts", () => {
    const fm = parseFrontmatter("---\nname: a\ndescription: b\n---\n# Title\nBody\n");
    expect(fm.data).toEqual({ name: "a", description: "b" });
    expect(fm.body).toBe("# Title\nBody\n");
    expect(fm.bodyLine).toBe(5);
    expect(fm.errors).toEqual([]);
  });

  it("accepts CRLF line endings and a UTF-8 BOM", () => {
    const fm = parseFrontmatter("\uFEFF---\r\nname: a\r\ndescription: b\r\n---\r\nBody\r\n");
    expect(fm.data).toEqual({ name: "a", description: "b" });
    expect(fm.body).toBe("Body\n");
  });

  it("reads multi-line values (folded and literal blocks)", () => {
    const fm = parseFrontmatter(
      "---\nname: a\ndescription: >\n  first line\n  second line\nnotes: |\n  keep\n  lines\n---\nx",
    );
    expect(fm.data?.description).toBe("first line second line\n");
    expect(fm.data?.notes).toBe("keep\nlines\n");
  });

  it("names the file line and column of a YAML error", () => {
    const fm = parseFrontmatter("---\nname: a\ndescription: use when: testing\n---\nBody");
    expect(fm.data).toBeUndefined();
    expect(fm.errors[0]).toMatchObject({ line: 3 });
    expect(fm.errors[0]?.column).toBeGreaterThan(1);
  });

  it("reports frontmatter that is never closed", () => {
    const fm = parseFrontmatter("---\nname: a\n");
    expect(fm.errors[0]?.message).toMatch(/never closed/);
  });

  it("treats a file without an opening --- as having no frontmatter", () => {
    const fm = parseFrontmatter("# Just markdown\n");
    expect(fm.present).toBe(false);
    expect(fm.data).toBeUndefined();
  });

  it("rejects frontmatter that is not a mapping", () => {
    const fm = parseFrontmatter("---\n- a\n- b\n---\nBody");
    expect(fm.errors[0]?.message).toMatch(/mapping/);
  });

  it("rejects duplicate keys", () => {
    const fm = parseFrontmatter("---\nname: a\nname: b\n---\nBody");
    expect(fm.errors.length).toBeGreaterThan(0);
    expect(fm.errors[0]?.line).toBe(3);
  });
});

describe("parseYaml", () => {
  it("offsets lines for embedded YAML", () => {
    const r = parseYaml("a: 1\nb: [\n", 10);
    expect(r.errors[0]?.line).toBeGreaterThan(10);
  });
  it("refuses alias bombs", () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    const r = parseYaml(bomb);
    expect(r.errors.length).toBeGreaterThan(0);
  });
});

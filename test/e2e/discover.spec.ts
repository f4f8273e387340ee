import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cadre, json, ROOT } from "./helpers.js";

const SHAPES = join(ROOT, "test", "fixtures", "packs-real-shapes");
const src = (name: string) => join(SHAPES, name);

interface Source {
  root: string;
  items: number;
  layouts: string[];
  discovery: Array<{ rule: string; path: string; items: number }>;
}

describe("discovery from the CLI (issue 10 item 1)", () => {
  it("list --explain names the file or folder and the rule behind each layout", async () => {
    const r = await cadre(["list", "--source", src("marketplace"), "--pack", "kitchen-market", "--explain"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tea-taster\s+agent\s+alpha/);
    expect(r.stdout).toMatch(/plugins\/beta\s+marketplace\.json plugins\[\]\.source\s+3 items/);
    expect(r.stdout).toContain("have a remote source");
  });

  it("info --source describes a folder; JSON carries the same reasons", async () => {
    const r = await cadre(["info", "--source", src("command-collection"), "--json"]);
    expect(r.code).toBe(0);
    const d = json<{ data: { sources: Source[] } }>(r).data;
    expect(d.sources).toHaveLength(1);
    expect(d.sources[0]?.items).toBe(4);
    expect(d.sources[0]?.discovery.map((x) => [x.rule, x.items])).toEqual([
      ["tools/*.md", 2],
      ["workflows/*.md", 2],
    ]);
  });

  it("info <item> names what was loaded leniently and how to fix it", async () => {
    const r = await cadre(["info", "tea-taster", "--source", src("marketplace"), "--json"]);
    expect(r.code).toBe(0);
    const notes = json<{ data: { notes: Array<{ rule: string; hint: string }> } }>(r).data.notes;
    expect(notes.map((n) => n.rule)).toEqual(["load/lenient-frontmatter"]);
    expect(notes[0]?.hint).toContain("quote the value");
  });

  it("a folder where nothing is recognised is a warning with a hint, in list, info and lint", async () => {
    const list = await cadre(["list", "--source", src("nothing"), "--pack", "nothing"]);
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(/warning: no items recognised in .*nothing\n\s+hint: cadre reads/);
    const lint = await cadre(["lint", src("nothing")]);
    expect(lint.stdout).toContain("load/nothing-recognised");
    expect(lint.stdout).not.toContain("✔");
    const info = await cadre(["info", "--source", src("nothing"), "--json"]);
    expect(json<{ data: { warnings: Array<{ code: string }> } }>(info).data.warnings[0]?.code).toBe(
      "nothing-recognised",
    );
  });

  it("lint <file> lints one file in the pack it belongs to", async () => {
    const file = join(src("marketplace"), "plugins", "alpha", "agents", "tea-taster.md");
    const r = await cadre(["lint", file, "--format", "json"]);
    expect(r.code).toBe(0);
    const d = json<{
      data: { summary: { items: number }; diagnostics: Array<{ rule: string; file: string }> };
    }>(r).data;
    expect(d.summary.items).toBe(1);
    expect(d.diagnostics.map((x) => x.rule)).toEqual(["load/lenient-frontmatter"]);
    for (const x of d.diagnostics) expect(x.file).toMatch(/tea-taster\.md$/);
    const bad = await cadre(["lint", join(src("marketplace"), "README.md")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("is not an item of any pack folder above it");
  });
});

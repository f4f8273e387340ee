import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cadre, json } from "./helpers.js";

const base = mkdtempSync(join(tmpdir(), "cadre-pack-docs-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("cadre pack docs", () => {
  it("generates the README section, INDEX, llms.txt and llms-full.txt; --check catches drift and hand edits", async () => {
    const dir = join(base, "team");
    mkdirSync(dir);
    for (const [kind, name] of [
      ["skill", "release-notes"],
      ["agent", "api-reviewer"],
      ["rule", "house-style"],
    ] as const)
      expect((await cadre(["new", kind, name], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, "README.md"), "# Team pack\n\nOur own intro, kept as written.\n");
    const first = await cadre(["pack", "docs", "--json"], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(json<{ data: { changed: string[]; items: number } }>(first).data).toMatchObject({
      items: 3,
      changed: ["README.md", "INDEX.md", "llms.txt", "llms-full.txt"],
    });
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    expect(
      readme.startsWith("# Team pack\n\nOur own intro, kept as written.\n\n<!-- cadre:catalog:begin -->\n"),
    ).toBe(true);
    expect(readme).toContain("- [`skill:release-notes`](skills/release-notes/SKILL.md)");
    const llms = readFileSync(join(dir, "llms.txt"), "utf8");
    expect(llms).toMatch(/^# team\n\n> /);
    expect(llms).toContain("- [agent:api-reviewer](agents/general/api-reviewer.md): ");
    expect(readFileSync(join(dir, "llms-full.txt"), "utf8")).toContain(
      "## rule:house-style (rules/house-style.md)\n\n---\nname: house-style",
    );
    expect(readFileSync(join(dir, "INDEX.md"), "utf8")).toMatch(
      /^- \*\*house-style\*\* \(`rule:house-style`, \d+ tokens\)/m,
    );

    const clean = await cadre(["pack", "docs", "--check"], { cwd: dir });
    expect(clean.code, clean.stderr).toBe(0);
    // Source drift: a new item makes every generated file stale.
    expect((await cadre(["new", "command", "ship-it"], { cwd: dir })).code).toBe(0);
    const drift = await cadre(["pack", "docs", "--check"], { cwd: dir });
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/out of date: \.\/llms\.txt|out of date: .*llms\.txt/);
    expect((await cadre(["pack", "docs"], { cwd: dir })).code).toBe(0);
    // A hand edit of a generated file.
    writeFileSync(join(dir, "INDEX.md"), `${readFileSync(join(dir, "INDEX.md"), "utf8")}\nhand edit\n`);
    const edited = await cadre(["pack", "docs", "--check", "--json"], { cwd: dir });
    expect(edited.code).toBe(1);
    expect(json<{ data: { changed: string[] } }>(edited).data.changed).toEqual(["INDEX.md"]);
  });

  it("never overwrites a file the author wrote, and refuses unbalanced README markers", async () => {
    const dir = join(base, "own");
    mkdirSync(dir);
    expect((await cadre(["new", "rule", "house-style"], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, "llms.txt"), "# written by hand\n");
    const r = await cadre(["pack", "docs"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/llms\.txt exists and was not written by cadre; nothing was written/);
    expect(readFileSync(join(dir, "llms.txt"), "utf8")).toBe("# written by hand\n");
    rmSync(join(dir, "llms.txt"));
    writeFileSync(join(dir, "README.md"), "# x\n<!-- cadre:catalog:begin -->\n");
    const u = await cadre(["pack", "docs"], { cwd: dir });
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/README\.md: unbalanced/);
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe("# x\n<!-- cadre:catalog:begin -->\n");
  });
});

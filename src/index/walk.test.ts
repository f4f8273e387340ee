import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type WalkCache, walkRepo, walkRepoCached } from "./walk.js";

const root = mkdtempSync(join(tmpdir(), "cadre-walk-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HOUR_AGO = new Date(Date.now() - 3600_000);
/** Backdate directories so their snapshots are trusted (a just-modified directory is always re-read). */
function age(...dirs: string[]): void {
  for (const d of dirs) utimesSync(join(root, d), HOUR_AGO, HOUR_AGO);
}
const paths = (c?: WalkCache) => walkRepoCached(root, {}, c).entries.map((e) => `${e.path}:${e.size}`);

describe("walkRepoCached", () => {
  it("reuses unchanged directories and sees every change that matters", () => {
    mkdirSync(join(root, "src", "deep"), { recursive: true });
    mkdirSync(join(root, "docs"));
    writeFileSync(join(root, "src", "a.ts"), "export const a = 1;\n");
    writeFileSync(join(root, "src", "deep", "b.py"), "b = 1\n");
    writeFileSync(join(root, "docs", "x.md"), "# x\n");
    writeFileSync(join(root, "docs", "skip.bin"), "x");
    writeFileSync(join(root, ".gitignore"), "*.log\n");
    age(".", "src", "src/deep", "docs");

    const first = walkRepoCached(root);
    expect(first.entries.map((e) => e.path)).toEqual(walkRepo(root).map((e) => e.path));
    expect(first.dirsRead).toBe(4);
    const again = walkRepoCached(root, {}, first.cache);
    expect(again.dirsRead).toBe(0);
    expect(again.cacheChanged).toBe(false);
    expect(again.entries).toEqual(first.entries);

    // A new file changes its directory's mtime; an edited file is re-stat'ed.
    writeFileSync(join(root, "src", "deep", "c.go"), "package deep\n");
    writeFileSync(join(root, "src", "a.ts"), "export const a = 12;\n");
    const third = walkRepoCached(root, {}, again.cache);
    expect(third.dirsRead).toBe(1);
    expect(third.cacheChanged).toBe(true);
    expect(paths(third.cache)).toEqual(paths());
    expect(paths()).toContain("src/a.ts:21");
    expect(paths()).toContain("src/deep/c.go:13");

    // An ignore file edited in place (its directory's mtime kept) re-reads the subtree below it.
    age("src/deep");
    const settled = walkRepoCached(root, {}, walkRepoCached(root, {}, third.cache).cache);
    expect(settled.dirsRead).toBe(0);
    writeFileSync(join(root, ".gitignore"), "*.log\ndeep/\n");
    age(".");
    const ignoring = walkRepoCached(root, {}, settled.cache);
    expect(ignoring.entries.map((e) => e.path)).toEqual(["docs/x.md", "src/a.ts"]);
    expect(ignoring.entries.map((e) => e.path)).toEqual(walkRepo(root).map((e) => e.path));

    // A removed directory disappears; a cache for other options is not used.
    rmSync(join(root, "docs"), { recursive: true });
    expect(paths(ignoring.cache)).toEqual(["src/a.ts:21"]);
    const other = walkRepoCached(root, { exclude: ["src"] }, ignoring.cache);
    expect(other.entries).toEqual([]);
  });
});

describe("scripts without an extension", () => {
  it("are indexed by their #! line, also from a cached listing; other extension-less files are not", () => {
    const dir = mkdtempSync(join(tmpdir(), "cadre-shebang-"));
    try {
      mkdirSync(join(dir, "bin"));
      writeFileSync(join(dir, "bin", "deploy"), "#!/usr/bin/env bash\nset -e\ndeploy() { :; }\n");
      writeFileSync(join(dir, "bin", "tool"), "#!/usr/bin/python3 -u\ndef main(): pass\n");
      writeFileSync(join(dir, "bin", "notes"), "just words\n");
      writeFileSync(join(dir, "bin", "run"), "#!/usr/bin/awk -f\n");
      utimesSync(join(dir, "bin"), HOUR_AGO, HOUR_AGO);
      utimesSync(dir, HOUR_AGO, HOUR_AGO);
      const first = walkRepoCached(dir);
      const langs = first.entries.map((e) => `${e.path}:${e.language}`);
      expect(langs).toEqual(["bin/deploy:bash", "bin/tool:python"]);
      const again = walkRepoCached(dir, {}, first.cache);
      expect(again.dirsRead).toBe(0);
      expect(again.entries.map((e) => `${e.path}:${e.language}`)).toEqual(langs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { detectStacks } from "../compose/stacks.js";
import { scanProject } from "./detect.js";

const base = mkdtempSync(join(tmpdir(), "cadre-detect-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string | Buffer>): string {
  const root = join(base, name);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

describe("scanProject", () => {
  it("lists candidate files, reads the ones rules look into, and skips dependency folders", async () => {
    const root = tree("plain", {
      "package.json": '{"dependencies":{"express":"4"}}',
      "node_modules/react/package.json": '{"name":"react"}',
      "src/index.ts": "export {}",
      "Cargo.toml": "[package]",
    });
    const s = await scanProject(root);
    expect(s.files).toEqual([
      { path: "Cargo.toml", text: "[package]" },
      { path: "package.json", text: '{"dependencies":{"express":"4"}}' },
    ]);
    expect(s.watch).toEqual([".", "Cargo.toml", "package.json"]);
    expect(detectStacks(s.files).map((x) => x.stack)).toEqual(["express", "node", "rust"]);
  });

  it("never follows a link, and leaves large or binary files unread", async () => {
    const outside = tree("outside", { Gemfile: "gem 'rails'\n" });
    const root = tree("guarded", {
      "requirements.txt": `${"x".repeat(600 * 1024)}\ndjango\n`,
      "composer.json": Buffer.from([0x7b, 0x00, 0x7d]),
    });
    symlinkSync(outside, join(root, "linked"));
    symlinkSync(join(outside, "Gemfile"), join(root, "Gemfile"));
    const s = await scanProject(root);
    expect(s.files).toEqual([{ path: "composer.json" }, { path: "requirements.txt" }]);
    expect(detectStacks(s.files).map((x) => x.stack)).toEqual(["python", "php"]);
  });

  it("stops at its bounds, and says so when the entry cap cut the walk short", async () => {
    const root = tree("deep", {
      "a/b/c/package.json": "{}",
      "x1/go.mod": "module m",
      "x2/go.mod": "module m",
    });
    const shallow = await scanProject(root, { maxDepth: 2, maxEntries: 50_000, maxFileBytes: 1024 });
    expect(shallow.files.map((f) => f.path)).toEqual(["x1/go.mod", "x2/go.mod"]);
    expect(shallow.truncated).toBe(false);
    const few = await scanProject(root, { maxDepth: 8, maxEntries: 3, maxFileBytes: 1024 });
    expect(few.truncated).toBe(true);
  });
});

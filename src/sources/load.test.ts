import { mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPack } from "./load.js";

let dir: string;
let env: NodeJS.ProcessEnv;

const skill = (name: string, desc: string) =>
  `---\nname: ${name}\ndescription: ${desc}\n---\nBody of ${name}.\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cadre-load-"));
  env = { ...process.env, XDG_CACHE_HOME: join(dir, "cache"), CADRE_NO_CACHE: undefined };
  await mkdir(join(dir, "pack", "skills", "a"), { recursive: true });
  await writeFile(join(dir, "pack", "skills", "a", "SKILL.md"), skill("a", "First version."));
  await writeFile(join(dir, "outside.md"), "secret");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("loadPack", () => {
  it("counts tokens with the real tokenizer and caches the parsed pack", async () => {
    const first = await loadPack("pack", { cwd: dir, env });
    expect(first.items[0]?.tokens).toBeGreaterThan(5);
    expect(await readdir(join(dir, "cache", "cadre", "packs"))).toHaveLength(1);
    const again = await loadPack("pack", { cwd: dir, env });
    expect(again.items[0]?.description).toBe("First version.");
    expect(again.files).toBeInstanceOf(Set);
  });

  it("re-parses when a file changes", async () => {
    const file = join(dir, "pack", "skills", "a", "SKILL.md");
    await writeFile(file, skill("a", "Second version, longer."));
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    const p = await loadPack("pack", { cwd: dir, env });
    expect(p.items[0]?.description).toBe("Second version, longer.");
  });

  it("reports a symlink that leaves the pack and still loads the rest", async () => {
    await symlink(join(dir, "outside.md"), join(dir, "pack", "skills", "a", "escape.md"));
    const p = await loadPack("pack", { cwd: dir, env });
    expect(p.diagnostics.map((d) => [d.rule, d.file])).toEqual([
      ["load/symlink-escape", "pack/skills/a/escape.md"],
    ]);
    expect(p.items.map((i) => i.id)).toEqual(["skill:a"]);
  });

  it("refuses a missing folder or a file with a clear error", async () => {
    await expect(loadPack("nope", { cwd: dir, env })).rejects.toThrow(/no such folder: nope/);
    await expect(loadPack("outside.md", { cwd: dir, env })).rejects.toThrow(/not a folder/);
  });
});

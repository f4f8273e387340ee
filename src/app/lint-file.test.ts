import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintCommand } from "./lint.js";

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cadre-lint-file-"));
  env = { ...process.env, XDG_CACHE_HOME: join(dir, "cache"), CADRE_NO_CACHE: "1" };
  await mkdir(join(dir, "pack", "skills", "broken"), { recursive: true });
  await mkdir(join(dir, "pack", "skills", "fine"), { recursive: true });
  await writeFile(
    join(dir, "pack", "cadre-pack.yaml"),
    "name: my-pack\nversion: 1.0.0\ndescription: Mine.\n",
  );
  await writeFile(
    join(dir, "pack", "skills", "broken", "SKILL.md"),
    "---\nname: broken\ndescription: a: b\n---\nx\n",
  );
  await writeFile(
    join(dir, "pack", "skills", "fine", "SKILL.md"),
    "---\nname: fine\ndescription: Fine.\n---\nx\n",
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("lint <file>", () => {
  it("lints the file inside the pack it belongs to, with that pack's strictness, and only that file", async () => {
    const r = await lintCommand({ cwd: dir, paths: ["pack/skills/broken/SKILL.md"], strict: false, env });
    expect(r.diagnostics.map((d) => [d.rule, d.severity, d.file])).toEqual([
      ["load/yaml-syntax", "error", "pack/skills/broken/SKILL.md"],
    ]);
    expect(r.packs).toEqual(["pack/skills/broken/SKILL.md"]);
    const fine = await lintCommand({ cwd: dir, paths: ["pack/skills/fine/SKILL.md"], strict: false, env });
    expect(fine.errors).toBe(0);
    expect(fine.itemsChecked).toBe(1);
  });
});

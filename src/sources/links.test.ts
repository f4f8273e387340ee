import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPack } from "./load.js";

// Symbolic links are made here at run time: git does not keep them reliably across platforms.
let dir: string;
let env: NodeJS.ProcessEnv;
const skill = (name: string) =>
  `---\nname: ${name}\ndescription: A skill that holds links, for the loader's tests.\n---\nBody of ${name}.\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cadre-links-"));
  env = { ...process.env, XDG_CACHE_HOME: join(dir, "cache"), CADRE_NO_CACHE: undefined };
  await mkdir(join(dir, "outside", "dir"), { recursive: true });
  await writeFile(join(dir, "outside", "secret"), "TOPSECRET\n");
  await writeFile(join(dir, "outside", "dir", "notes.md"), "outside notes\n");
  const s = join(dir, "pack", "skills");
  for (const n of ["file-out", "dir-out", "inside", "loop", "self"]) {
    await mkdir(join(s, n, "references"), { recursive: true });
    await writeFile(join(s, n, "SKILL.md"), skill(n));
  }
  await writeFile(join(s, "inside", "references", "guide.md"), "# Guide\n");
  await symlink(join(dir, "outside", "secret"), join(s, "file-out", "key.bin"));
  await symlink(join(dir, "outside", "dir"), join(s, "dir-out", "docs"));
  await symlink("references/guide.md", join(s, "inside", "alias.md"));
  await symlink("references", join(s, "inside", "refs"));
  await symlink("..", join(s, "loop", "up"));
  await symlink("self-link", join(s, "self", "self-link"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("loadPack and symbolic links", () => {
  it("reports links that leave the pack, loops and links to themselves, each naming the file", async () => {
    const p = await loadPack("pack", { cwd: dir, env });
    const found = p.diagnostics.map((d) => `${d.rule} ${d.file} ${d.message}`).sort();
    expect(found).toEqual([
      expect.stringMatching(/^load\/symlink-escape pack\/skills\/dir-out\/docs symbolic link points outside/),
      expect.stringMatching(
        /^load\/symlink-escape pack\/skills\/file-out\/key\.bin symbolic link points outside/,
      ),
      expect.stringMatching(/^load\/unreadable pack\/skills\/loop\/up .*symbolic link loop/),
      expect.stringMatching(/^load\/unreadable pack\/skills\/self\/self-link .*symbolic link loop/),
    ]);
    // The item that holds the file is named: sync refuses it.
    for (const n of ["dir-out", "file-out", "loop", "self"])
      expect(found.join("\n")).toContain(`skill:${n} cannot be installed until it is fixed`);
    // Nothing of the outside folders is read, and a loop is not walked.
    expect([...p.files].filter((f) => f.includes("notes.md") || f.includes("/up/"))).toEqual([]);
  });

  it("follows links that stay inside the pack, listing the target's files under the link's path", async () => {
    const p = await loadPack("pack", { cwd: dir, env });
    const inside = p.items.find((i) => i.name === "inside");
    expect(inside?.files).toEqual(
      expect.arrayContaining(["skills/inside/alias.md", "skills/inside/refs/guide.md"]),
    );
    expect(p.diagnostics.filter((d) => d.file.includes("inside"))).toEqual([]);
  });
});

import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pack } from "../model/item.js";
import { loadPack } from "../sources/load.js";
import { toRenderItems } from "./render-items.js";

// Links are made at run time (git does not keep them reliably across platforms).
let dir: string;
let env: NodeJS.ProcessEnv;
const skill = (name: string) =>
  `---\nname: ${name}\ndescription: A skill whose files are copied into host folders.\n---\nBody of ${name}.\n`;

async function load(): Promise<Pack> {
  return loadPack("pack", { cwd: dir, env });
}
const itemsOf = (p: Pack, name: string) => p.items.filter((i) => i.name === name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cadre-render-items-"));
  env = { ...process.env, XDG_CACHE_HOME: join(dir, "cache"), CADRE_NO_CACHE: "1" };
  await mkdir(join(dir, "outside", "dir"), { recursive: true });
  await writeFile(join(dir, "outside", "secret"), "TOPSECRET\n");
  await writeFile(join(dir, "outside", "dir", "x.txt"), "outside\n");
  for (const n of ["plain", "file-out", "dir-out", "inside", "swapped"]) {
    await mkdir(join(dir, "pack", "skills", n, "assets"), { recursive: true });
    await writeFile(join(dir, "pack", "skills", n, "SKILL.md"), skill(n));
    await writeFile(join(dir, "pack", "skills", n, "assets", "logo.bin"), "\x00\x01binary");
  }
  await symlink(join(dir, "outside", "secret"), join(dir, "pack", "skills", "file-out", "key.bin"));
  await symlink(join(dir, "outside", "dir"), join(dir, "pack", "skills", "dir-out", "data"));
  await symlink("assets/logo.bin", join(dir, "pack", "skills", "inside", "logo-alias.bin"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("toRenderItems never copies or links a file from outside the pack", () => {
  it("refuses a skill holding a file or folder link that leaves the pack, naming the item and the file", async () => {
    const p = await load();
    await expect(toRenderItems(itemsOf(p, "file-out"), [p], dir)).rejects.toThrow(
      /skill:file-out.*pack\/skills\/file-out\/key\.bin.*leaves the pack/,
    );
    await expect(toRenderItems(itemsOf(p, "dir-out"), [p], dir)).rejects.toThrow(
      /skill:dir-out.*pack\/skills\/dir-out\/data.*leaves the pack/,
    );
    await expect(toRenderItems(itemsOf(p, "file-out"), [p], dir, true)).rejects.toThrow(/leaves the pack/);
  });

  it("copies a link inside the pack as its target's bytes, and never links such a skill (--link)", async () => {
    const p = await load();
    const [copied] = await toRenderItems(itemsOf(p, "inside"), [p], dir);
    expect(Buffer.from(copied?.assets?.get("skills/inside/logo-alias.bin") as Uint8Array).toString()).toBe(
      "\x00\x01binary",
    );
    const [linked] = await toRenderItems(itemsOf(p, "inside"), [p], dir, true);
    expect(linked?.linkRoot).toBeUndefined();
    const [plain] = await toRenderItems(itemsOf(p, "plain"), [p], dir, true);
    expect(plain?.linkRoot).toBeDefined();
  });

  it("refuses a file swapped for an outside link after the pack was loaded", async () => {
    const p = await load();
    const asset = join(dir, "pack", "skills", "swapped", "assets", "logo.bin");
    await unlink(asset);
    await symlink(join(dir, "outside", "secret"), asset);
    await expect(toRenderItems(itemsOf(p, "swapped"), [p], dir)).rejects.toThrow(
      /skill:swapped.*assets\/logo\.bin.*leaves the pack/,
    );
    await expect(toRenderItems(itemsOf(p, "swapped"), [p], dir, true)).rejects.toThrow(/leaves the pack/);
  });
});

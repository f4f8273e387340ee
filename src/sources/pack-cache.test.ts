import { cp, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARSER_VERSION } from "../model/parse-pack.js";
import type { PackSnapshot } from "../model/snapshot.js";
import { loadPack } from "./load.js";
import { contentKey, packKey } from "./pack-cache.js";

describe("packKey", () => {
  const entries = [
    { abs: "/p/skills/a/SKILL.md", path: "skills/a/SKILL.md", size: 10, mtimeMs: 1, ctimeMs: 1 },
  ];
  it("changes with the parser version, so a pack read by an older cadre is read again", () => {
    expect(packKey(entries, {})).toBe(packKey(entries, {}, PARSER_VERSION));
    expect(packKey(entries, {}, PARSER_VERSION + 1)).not.toBe(packKey(entries, {}));
  });
});

describe("contentKey", () => {
  const snap = (text: string, extra: Partial<PackSnapshot> = {}): PackSnapshot => ({
    root: "pack",
    folderName: "pack",
    maxFileBytes: 1024,
    files: [{ path: "skills/a/SKILL.md", size: text.length, content: new TextEncoder().encode(text) }],
    ...extra,
  });
  it("is the same for the same bytes and changes with any byte, the options, the parser or the root", () => {
    expect(contentKey(snap("abc"), {})).toBe(contentKey(snap("abc"), {}));
    expect(contentKey(snap("abd"), {})).not.toBe(contentKey(snap("abc"), {}));
    expect(contentKey(snap("abc"), { builtin: true })).not.toBe(contentKey(snap("abc"), {}));
    expect(contentKey(snap("abc"), {}, PARSER_VERSION + 1)).not.toBe(contentKey(snap("abc"), {}));
    expect(contentKey(snap("abc", { root: "other" }), {})).not.toBe(contentKey(snap("abc"), {}));
  });
  it("tells a file's bytes from the next file's path", () => {
    const two = (a: string, b: string): PackSnapshot => ({
      ...snap(""),
      files: [
        { path: "a.md", size: a.length, content: new TextEncoder().encode(a) },
        { path: b, size: 0 },
      ],
    });
    expect(contentKey(two("x\0b.md", "c.md"), {})).not.toBe(contentKey(two("x", "b.md\0c.md"), {}));
  });
});

describe("the parsed-pack cache", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const skill = (desc: string) => `---\nname: a\ndescription: ${desc}\n---\nBody.\n`;
  const file = () => join(dir, "p", "skills", "a", "SKILL.md");

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cadre-pack-cache-"));
    env = { ...process.env, XDG_CACHE_HOME: join(dir, "cache"), CADRE_NO_CACHE: undefined };
    await mkdir(join(dir, "p", "skills", "a"), { recursive: true });
    await writeFile(file(), skill("First."));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("finds a pack whose files got new times but kept their bytes, without parsing it again", async () => {
    const first = await loadPack("p", { cwd: dir, env });
    expect(first.items[0]?.description).toBe("First.");
    // Mark the cached copy, so that the next load shows whether it came from the cache.
    const packs = join(dir, "cache", "cadre", "packs");
    const [name] = await readdir(packs);
    const cached = join(packs, name as string);
    await writeFile(cached, (await readFile(cached, "utf8")).replaceAll('"First."', '"From the cache."'));
    const later = new Date(Date.now() + 10_000);
    await utimes(file(), later, later);
    const again = await loadPack("p", { cwd: dir, env });
    expect(again.items[0]?.description).toBe("From the cache.");
    expect(await readdir(packs)).toHaveLength(1);
    expect(await readdir(join(dir, "cache", "cadre", "pack-refs"))).toHaveLength(2);
  });

  it("reads a copy of the pack in another project the same as the original", async () => {
    await mkdir(join(dir, "other"));
    await cp(join(dir, "p"), join(dir, "other", "p"), { recursive: true });
    const copy = await loadPack("p", { cwd: join(dir, "other"), env });
    expect(copy.items[0]?.description).toBe("From the cache.");
    expect(await readdir(join(dir, "cache", "cadre", "packs"))).toHaveLength(1);
  });

  it("parses again when a byte changes, even with the old size and times put back", async () => {
    const before = new Date(Date.now() - 60_000);
    await writeFile(file(), skill("Fixed."));
    await utimes(file(), before, before);
    const p = await loadPack("p", { cwd: dir, env });
    expect(p.items[0]?.description).toBe("Fixed.");
    // A file-list key that names content the cache no longer holds is read afresh, not trusted.
    await rm(join(dir, "cache", "cadre", "packs"), { recursive: true });
    const q = await loadPack("p", { cwd: dir, env });
    expect(q.items[0]?.description).toBe("Fixed.");
  });
});

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { snapshot } from "../../test/helpers/snapshot.js";
import { checkName } from "../core/names.js";
import { readSnapshot } from "../sources/read-snapshot.js";
import { parsePack } from "./parse-pack.js";

const itemPaths = fc.constantFrom(
  "SKILL.md",
  "cadre-pack.yaml",
  "skills/a/SKILL.md",
  "skills/b/SKILL.md",
  "agents/x/a.md",
  "commands/c.md",
  "rules/r.md",
  "expertise/d/e.md",
  "hooks/h.yaml",
  "mcp/m.yaml",
  "schemas/s.schema.json",
  "templates/t.md",
  "profiles/p.yaml",
  "composition-map.yaml",
  "hooks/hooks.json",
  ".claude-plugin/plugin.json",
  "templates/cat/sk/SKILL.md",
);

const anyValue = fc.jsonValue({ maxDepth: 3 });
const frontmatter = fc
  .dictionary(
    fc.constantFrom(
      "name",
      "description",
      "activation",
      "globs",
      "metadata",
      "tools",
      "id",
      "event",
      "items",
      "x",
    ),
    anyValue,
  )
  .map((o) => `---\n${stringify(o)}---\n${"body text"}\n`);
const content = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ bytes: b })),
  fc.string({ maxLength: 300 }).map((s) => ({ text: s })),
  frontmatter.map((s) => ({ text: s })),
  fc.string({ maxLength: 80 }).map((s) => ({ text: `---\n${s}\n---\n${s}` })),
);

function check(p: ReturnType<typeof parsePack>) {
  for (const d of p.diagnostics) {
    expect(typeof d.message).toBe("string");
    expect(d.file.length).toBeGreaterThan(0);
  }
  for (const it of p.items) {
    expect(it.name).not.toMatch(/[\\/]|\.\./);
    expect(it.id).toBe(`${it.kind}:${it.name}`);
  }
}

describe("parsePack never throws on random input", () => {
  it("random bytes, text and frontmatter at item paths", () => {
    fc.assert(
      fc.property(fc.dictionary(itemPaths, content, { maxKeys: 8 }), (files) => {
        const tree: Record<string, string | Uint8Array> = {};
        for (const [path, c] of Object.entries(files)) tree[path] = "bytes" in c ? c.bytes : c.text;
        check(parsePack(snapshot(tree)));
      }),
      { numRuns: 1500 },
    );
  });

  it("hostile item names never become item names", () => {
    const hostile = fc.constantFrom(
      "../../etc/passwd",
      "a/b",
      "..",
      "..\\..\\x",
      "/abs",
      "C:\\win",
      "ok-name",
    );
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const p = parsePack(
          snapshot({
            "skills/x/SKILL.md": `---\nname: ${JSON.stringify(a)}\ndescription: d\n---\nbody`,
            "agents/q/y.md": `---\nname: ${JSON.stringify(b)}\ndescription: d\n---\nbody`,
            "hooks/h.yaml": `id: ${JSON.stringify(a)}\ndescription: d\nevent: stop\nhandler: {builtin: x}\nfailure: open\n`,
          }),
        );
        check(p);
        for (const it of p.items) if (checkName(it.name)) expect(it.name).not.toMatch(/[\\/]/);
      }),
      { numRuns: 300 },
    );
  });

  it("random bytes written to disk load through the real reader", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cadre-prop-"));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(itemPaths, fc.uint8Array({ maxLength: 200 }), { maxKeys: 5 }),
          async (files) => {
            const root = await mkdtemp(join(dir, "p-"));
            for (const [path, bytes] of Object.entries(files)) {
              await mkdir(dirname(join(root, path)), { recursive: true });
              await writeFile(join(root, path), bytes);
            }
            check(parsePack(await readSnapshot(root, { display: "p" })));
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

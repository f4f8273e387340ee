import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { toRenderItems } from "../../src/app/render-items.js";
import type { Content } from "../../src/hosts/output.js";
import { EXPORT_TARGETS, type ExportInput, planExport } from "../../src/render/export.js";
import { loadPack } from "../../src/sources/load.js";
import { staleGoldens } from "./stale.js";

// Golden exports per target for test/fixtures/export-pack: every file `cadre export` writes (exec bits marked)
// and the notes for what a format leaves out.
const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "..", "fixtures", "export-pack");
const dir = join(here, "__golden__", "export");

let base: Omit<ExportInput, "target">;
beforeAll(async () => {
  const pack = await loadPack(fixture, { cwd: here });
  const sources = new Map<string, Content>();
  const executable = new Set<string>();
  for (const f of [...pack.files].sort()) {
    sources.set(f, new Uint8Array(readFileSync(join(fixture, f))));
    if (statSync(join(fixture, f)).mode & 0o100) executable.add(f);
  }
  base = {
    pack: {
      name: pack.name,
      version: pack.version,
      description: pack.description,
      license: pack.license,
      homepage: pack.homepage,
      author: pack.author,
    },
    items: await toRenderItems(pack.items, [pack], here),
    sources,
    executable,
  };
});

const show = (content: Content, executable?: boolean) => {
  const text = typeof content === "string" ? content : Buffer.from(content).toString("utf8");
  return executable ? `# (mode 0755)\n${text}` : text;
};

describe.each(EXPORT_TARGETS.map((t) => [t]))("%s", (target) => {
  it("exports the fixture pack", async () => {
    const plan = planExport({ ...base, target });
    for (const f of plan.files)
      await expect(show(f.content, f.executable)).toMatchFileSnapshot(join(dir, target, f.path));
    const notes = plan.notes.map((n) => `${n.level}: ${n.item ?? "-"}: ${n.message}`);
    await expect(`${notes.join("\n")}\n`).toMatchFileSnapshot(join(dir, target, "NOTES.txt"));
  });
});

it("every export golden file is produced by some target", () => {
  const produced = EXPORT_TARGETS.flatMap((t) => [
    join(dir, t, "NOTES.txt"),
    ...planExport({ ...base, target: t }).files.map((f) => join(dir, t, f.path)),
  ]);
  expect(staleGoldens(dir, produced)).toEqual([]);
});

import { describe, expect, it } from "vitest";
import { pack } from "../../test/helpers/snapshot.js";
import { lintPacks } from "../lint/run.js";
import { buildCatalog } from "../model/catalog.js";
import { packManifest, SCAFFOLD_KINDS, scaffold } from "./scaffold.js";

describe("scaffold", () => {
  it("gives every kind a file the pack parser loads as that item, with no lint error", () => {
    const files: Record<string, string> = { "cadre-pack.yaml": packManifest("demo") };
    for (const kind of SCAFFOLD_KINDS)
      for (const f of scaffold(kind, `new-${kind}`, {
        category: "quality",
        script: true,
        artifact: "new-schema",
      }))
        files[f.path] = f.content;
    const p = pack(files);
    expect(p.diagnostics).toEqual([]);
    expect(p.items.map((i) => i.id).sort()).toEqual(SCAFFOLD_KINDS.map((k) => `${k}:new-${k}`).sort());
    const lint = lintPacks(buildCatalog([p]), [p], {});
    expect(lint.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("puts items where the manifest's paths say, and marks a skill's script executable", () => {
    const files = scaffold("skill", "deploy", { script: true, paths: { skill: "content/skills/" } });
    expect(files.map((f) => [f.path, !!f.executable])).toEqual([
      ["content/skills/deploy/SKILL.md", false],
      ["content/skills/deploy/references/README.md", false],
      ["content/skills/deploy/scripts/deploy.sh", true],
    ]);
  });

  it("writes the author a plugin manifest needs, quoted when YAML would misread it", () => {
    const p = pack({ "cadre-pack.yaml": packManifest("demo", undefined, "Dana: Example #1") });
    expect(p.diagnostics).toEqual([]);
    expect(packManifest("demo", undefined, "Dana: Example #1")).toContain('author: "Dana: Example #1"');
    expect(packManifest("demo")).not.toContain("author:");
  });

  it("quotes a description YAML would misread", () => {
    const [f] = scaffold("rule", "r", { description: "Note: keep #tags literal" });
    expect(f?.content).toContain('description: "Note: keep #tags literal"');
  });
});

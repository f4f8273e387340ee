import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MANIFEST, pack, type Tree } from "../../../test/helpers/snapshot.js";
import { buildCatalog } from "../../model/catalog.js";
import { workflowGraphProblems } from "../../model/workflow-graph.js";
import { lintPacks } from "../run.js";

const WF = `name: w
description: W.
start: a
edits_from: c
caps: {quick: 1, standard: 2, deep: 3}
phases:
  - id: a
    command: clarify
    next: [b]
  - id: b
    role: ghost-role
    next: [c, nowhere]
  - id: c
    artifact: missing-schema
    review_of: b
    next: [b, d]
  - id: d
    next: [a]
  - id: island
`;

function lint(tree: Tree) {
  const p = pack({ "cadre-pack.yaml": MANIFEST, ...tree }, "p");
  return lintPacks(buildCatalog([p]), [p], { strict: false }).diagnostics.filter((d) =>
    d.rule.startsWith("workflow/"),
  );
}

describe("workflow lint rules", () => {
  it("names the file and line of each graph and reference problem", () => {
    const found = lint({
      "workflows/w.yaml": WF,
      "commands/clarify.md": "---\nname: clarify\ndescription: C.\n---\nGo.",
    })
      .map((d) => `${d.rule} ${d.file}:${d.line} ${d.message}`)
      .sort();
    expect(found).toEqual(
      [
        "workflow/cycle p/workflows/w.yaml:18 phases form a cycle a → b → c → d → a; only a review phase may lead back (declare it with review_of)",
        'workflow/unknown-item p/workflows/w.yaml:11 phase b: role "ghost-role" names no agent in the catalog',
        'workflow/unknown-item p/workflows/w.yaml:14 phase c: artifact "missing-schema" names no schema in the catalog',
        'workflow/unknown-phase p/workflows/w.yaml:12 phase b: next "nowhere" is not a phase',
        'workflow/unreachable-phase p/workflows/w.yaml:19 phase island cannot be reached from start "a"',
      ].sort(),
    );
  });

  it("reports an unknown start and review_of that does not lead back", () => {
    const problems = workflowGraphProblems({
      start: "zz",
      phases: [
        { id: "a", next: ["b"] },
        { id: "b", review_of: "c" },
        { id: "c", review_of: "c" },
        { id: "a" },
      ],
    }).map((p) => `${p.check}: ${p.message}`);
    expect(problems).toEqual([
      'duplicate-phase: phase id "a" is used twice',
      'unknown-phase: start "zz" is not a phase (phases: a, b, c)',
      'review-of: phase b: review_of "c" does not lead to b, so a reject could not send the run back to it',
      "review-of: phase c reviews itself",
    ]);
  });

  it("passes the library's own workflows", () => {
    const root = join(import.meta.dirname, "../../../library");
    const tree: Tree = {};
    const walk = (dir: string) => {
      for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory()) walk(rel);
        else if (/\.(md|ya?ml|json)$/.test(e.name)) tree[rel] = readFileSync(join(root, rel), "utf8");
      }
    };
    walk("");
    const p = pack(tree, "library");
    expect(
      p.items
        .filter((i) => i.kind === "workflow")
        .map((i) => i.name)
        .sort(),
    ).toEqual(["audit", "quick", "standard"]);
    const d = lintPacks(buildCatalog([p]), [p], { strict: false }).diagnostics.filter(
      (x) => x.rule.startsWith("workflow/") || (x.rule === "item/schema" && x.file.includes("workflows/")),
    );
    expect(d).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import type { Item } from "../model/item.js";
import { isProjectOutput, projectFiles } from "./project-files.js";

const item = (kind: Item["kind"], name: string, text: string, body = text): Item =>
  ({
    id: `${kind}:${name}`,
    kind,
    name,
    pack: "p",
    path: `${kind}s/${name}`,
    meta: {},
    body,
    bodyLine: 1,
    text,
    description: "d",
    tags: [],
    files: [],
    hash: "h",
    tokens: 1,
  }) as Item;

describe("projectFiles", () => {
  it("installs schemas verbatim and templates as their skeleton, for no host, skipping other kinds", () => {
    const out = projectFiles([
      item(
        "template",
        "spec",
        "---\nname: spec\n---\n---\ntitle:\n---\n# Spec",
        "\n---\ntitle:\n---\n# Spec",
      ),
      item("schema", "spec", '{"type":"object"}\n'),
      item("skill", "tdd", "x"),
    ]);
    expect(out).toEqual([
      {
        type: "file",
        path: ".cadre/schemas/spec.schema.json",
        content: '{"type":"object"}\n',
        hosts: [],
        items: ["p/schema:spec"],
      },
      {
        type: "file",
        path: ".cadre/templates/spec.md",
        content: "---\ntitle:\n---\n# Spec\n",
        hosts: [],
        items: ["p/template:spec"],
      },
    ]);
  });

  it("never places a file outside its folder", () => {
    expect(projectFiles([item("schema", "../x", "{}"), item("schema", "a/b", "{}")])).toEqual([]);
  });
});

describe("isProjectOutput", () => {
  it("is true only for files directly in .cadre/schemas and .cadre/templates", () => {
    expect(isProjectOutput(".cadre/schemas/spec.schema.json")).toBe(true);
    expect(isProjectOutput(".cadre/templates/spec.md")).toBe(true);
    expect(isProjectOutput(".cadre/schemas/a/b.json")).toBe(false);
    expect(isProjectOutput(".cadre/journal.json")).toBe(false);
    expect(isProjectOutput(".cadre/runs/x/status.json")).toBe(false);
    expect(isProjectOutput("schemas/spec.schema.json")).toBe(false);
  });
});

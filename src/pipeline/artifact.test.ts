import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  artifactKindOf,
  escapeSegment,
  formatArtifactError,
  parseArtifact,
  pointerSegments,
  toArtifactErrors,
} from "./artifact.js";
import { compileSchema, schemaConst } from "./schema.js";

const md = `---
schema_version: 1
title: Spec
requirements:
  - id: R1
    priority: maybe
  - id: R2
    priority: must
---

# Body
`;

describe("artifactKindOf", () => {
  it("reads the kind and format from the file name", () => {
    expect(artifactKindOf(".cadre/runs/x/artifacts/specify/spec.md")).toEqual({
      kind: "spec",
      format: "markdown",
    });
    expect(artifactKindOf("a\\b\\Plan-Review.JSON")).toEqual({ kind: "plan-review", format: "json" });
    expect(artifactKindOf("notes.txt")).toBeUndefined();
  });
});

describe("pointer → line", () => {
  it("maps frontmatter pointers to the line of their key or item", () => {
    const p = parseArtifact("spec.md", md, "markdown");
    if (!p.ok) throw new Error(p.error.message);
    expect(p.lineOf("")).toBe(2);
    expect(p.lineOf("/title")).toBe(3);
    expect(p.lineOf("/requirements/0/priority")).toBe(6);
    expect(p.lineOf("/requirements/1")).toBe(7);
    expect(p.lineOf("/requirements/1/priority")).toBe(8);
    // a pointer past the document stops at the deepest node it reached
    expect(p.lineOf("/requirements/5/id")).toBe(4);
    expect(p.lineOf("/missing")).toBe(2);
  });

  it("maps JSON pointers, tabs and CRLF included", () => {
    const text = '{\r\n\t"a": 1,\r\n\t"b": [\r\n\t\t{"c": 2},\r\n\t\t{"c": 3}\r\n\t]\r\n}\r\n';
    const p = parseArtifact("x.json", text, "json");
    if (!p.ok) throw new Error(p.error.message);
    expect(p.data).toEqual({ a: 1, b: [{ c: 2 }, { c: 3 }] });
    expect(p.lineOf("/a")).toBe(2);
    expect(p.lineOf("/b/1/c")).toBe(5);
  });

  it("escapes and unescapes pointer segments (RFC 6901) for any key", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 4 }), (segs) => {
        const pointer = segs.map((s) => `/${escapeSegment(s)}`).join("");
        expect(pointerSegments(pointer)).toEqual(segs);
      }),
    );
  });

  it("finds a key with a '/' in its name", () => {
    const p = parseArtifact("x.json", '{\n"a/b": {\n "c~d": 1\n}\n}', "json");
    if (!p.ok) throw new Error(p.error.message);
    expect(p.lineOf("/a~1b/c~0d")).toBe(3);
  });
});

describe("bad input", () => {
  it("reports JSON that does not parse at its line", () => {
    const p = parseArtifact("x.json", '{\n  "a": 1,\n  "b": oops\n}', "json");
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.error.line).toBe(3);
    expect(p.error.message).toMatch(/^not valid JSON/);
  });

  it("reports malformed frontmatter at its file line", () => {
    const p = parseArtifact("x.md", "---\ntitle: a\nbad: [1, 2\nmore: x\n---\nbody\n", "markdown");
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.error.message).toMatch(/^malformed YAML frontmatter/);
    expect(p.error.line).toBeGreaterThanOrEqual(3);
  });

  it("reports missing, unclosed and non-mapping frontmatter", () => {
    const none = parseArtifact("x.md", "# just text\n", "markdown");
    const open = parseArtifact("x.md", "---\na: 1\n", "markdown");
    const list = parseArtifact("x.md", "---\n- a\n---\n", "markdown");
    expect([none, open, list].map((p) => (p.ok ? "ok" : p.error.message))).toEqual([
      expect.stringMatching(/^no frontmatter/),
      expect.stringMatching(/never closed/),
      expect.stringMatching(/must be a YAML mapping/),
    ]);
  });
});

describe("schema errors", () => {
  const schema = {
    type: "object",
    required: ["title", "created_at"],
    additionalProperties: false,
    properties: {
      schema_version: { const: 1 },
      title: { type: "string", minLength: 1 },
      created_at: { type: "string", format: "date-time" },
      requirements: {
        type: "array",
        items: {
          type: "object",
          properties: { id: { type: "string" }, priority: { enum: ["must", "should"] } },
        },
      },
    },
  };

  it("formats every error as file:line: pointer message, formats on", () => {
    const text = `---\nschema_version: 2\ncreated_at: yesterday\nextra: 1\nrequirements:\n  - id: R1\n    priority: maybe\n---\n`;
    const p = parseArtifact("spec.md", text, "markdown");
    if (!p.ok) throw new Error(p.error.message);
    const errs = toArtifactErrors("spec.md", compileSchema(schema, "s.json")(p.data), p.lineOf);
    expect(errs.map(formatArtifactError)).toEqual([
      "spec.md:2: (root) must have required property 'title'",
      "spec.md:2: /schema_version must be equal to constant: 1",
      'spec.md:3: /created_at must match format "date-time"',
      "spec.md:4: (root) must NOT have additional properties: 'extra'",
      'spec.md:7: /requirements/0/priority must be equal to one of the allowed values: "must", "should"',
    ]);
  });

  it("names the schema file when a schema does not compile", () => {
    expect(() => compileSchema({ type: "nonsense" }, "library/schemas/broken.schema.json")).toThrow(
      /^library\/schemas\/broken\.schema\.json: the schema does not compile/,
    );
  });

  it("reads a top-level const", () => {
    expect(schemaConst({ properties: { phase: { const: "specify" } } }, "phase")).toBe("specify");
    expect(schemaConst({ properties: {} }, "phase")).toBeUndefined();
  });
});

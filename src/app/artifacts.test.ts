import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPhaseArtifact, validateArtifactFile } from "./artifacts.js";

const root = mkdtempSync(join(tmpdir(), "cadre-artifacts-"));
const put = (rel: string, text: string) => {
  mkdirSync(join(root, rel, ".."), { recursive: true });
  writeFileSync(join(root, rel), text);
  return rel;
};

describe("validateArtifactFile", () => {
  it("validates a JSON artifact against the built-in schema and pins errors to lines", async () => {
    const f = put(
      "a/handoff.json",
      JSON.stringify({ schema_version: 1, run_id: "r", phase: "clarify", created_at: "now" }, null, 2),
    );
    const r = await validateArtifactFile(root, f);
    expect(r.kind).toBe("handoff");
    expect(r.valid).toBe(false);
    expect(r.errors.find((e) => e.pointer === "/created_at")).toMatchObject({
      file: "a/handoff.json",
      line: 5,
    });
  });

  it("uses the project's installed schema over the library's", async () => {
    put(".cadre/schemas/note.schema.json", JSON.stringify({ type: "object", required: ["x"] }));
    expect((await validateArtifactFile(root, put("n/note.md", "---\nx: 1\n---\n"))).valid).toBe(true);
    const bad = await validateArtifactFile(root, put("n2/note.md", "---\ny: 1\n---\n"));
    expect(bad.errors.map((e) => `${e.line} ${e.message}`)).toEqual(["2 must have required property 'x'"]);
  });

  it("turns an unknown kind, a missing file and unparsable text into errors, not throws", async () => {
    const unknown = await validateArtifactFile(root, put("u/spek.md", "---\na: 1\n---\n"));
    expect(unknown.errors[0]?.message).toMatch(/unknown artifact kind 'spek'; closest: spec/);
    const missing = await validateArtifactFile(root, "nowhere/spec.json");
    expect(missing.errors[0]?.message).toBe("file not found");
    const notJson = await validateArtifactFile(root, put("j/spec.json", "{\n  nope\n}"));
    expect(notJson.errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(/^not valid JSON/) });
    const txt = await validateArtifactFile(root, put("t/spec.txt", "x"));
    expect(txt.valid).toBe(false);
  });

  it("throws, naming the schema file, when an installed schema is broken", async () => {
    put(".cadre/schemas/broken.schema.json", JSON.stringify({ type: 12 }));
    await expect(validateArtifactFile(root, put("b/broken.json", "{}"))).rejects.toThrow(
      /\.cadre\/schemas\/broken\.schema\.json: the schema does not compile/,
    );
    put(".cadre/schemas/notjson.schema.json", "{");
    await expect(validateArtifactFile(root, put("b/notjson.json", "{}"))).rejects.toThrow(
      /\.cadre\/schemas\/notjson\.schema\.json: the schema is not valid JSON/,
    );
  });
});

describe("findPhaseArtifact", () => {
  it("finds <kind>.json before <kind>.md in the run's phase folder, and never a link", async () => {
    const dir = ".cadre/runs/r1/artifacts/specify";
    expect(await findPhaseArtifact(root, "r1", "specify", "spec")).toBeUndefined();
    put(`${dir}/spec.md`, "---\n---\n");
    expect(await findPhaseArtifact(root, "r1", "specify", "spec")).toBe(join(root, dir, "spec.md"));
    put(`${dir}/spec.json`, "{}");
    expect(await findPhaseArtifact(root, "r1", "specify", "spec")).toBe(join(root, dir, "spec.json"));
    symlinkSync(join(root, dir, "spec.json"), join(root, dir, "plan.json"));
    expect(await findPhaseArtifact(root, "r1", "specify", "plan")).toBeUndefined();
  });
});

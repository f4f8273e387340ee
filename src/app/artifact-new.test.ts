import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeRun, fillPlaceholders, placeholders } from "../../test/helpers/artifacts.js";
import { UserError } from "../core/errors.js";
import { parseArtifact } from "../pipeline/artifact.js";
import { builtinLibraryDir } from "../sources/paths.js";
import { artifactTemplate, newArtifact } from "./artifact-new.js";
import { validateArtifacts } from "./artifact-validate.js";
import { validateArtifactFile } from "./artifacts.js";

const KINDS = readdirSync(join(builtinLibraryDir(), "schemas"))
  .map((f) => f.replace(/\.schema\.json$/, ""))
  .sort();
const now = new Date("2026-12-02T10:15:30.123Z");
const schemaOf = (kind: string) =>
  JSON.parse(readFileSync(join(builtinLibraryDir(), "schemas", `${kind}.schema.json`), "utf8"));

describe("every schema has a template", () => {
  it("library/templates holds one per schema, naming it", () => {
    const templates = readdirSync(join(builtinLibraryDir(), "templates")).map((f) => f.replace(/\.md$/, ""));
    expect(templates.sort()).toEqual(KINDS);
    expect(KINDS).toHaveLength(15);
  });
});

describe("artifact new, for every kind", () => {
  const root = mkdtempSync(join(tmpdir(), "cadre-artifact-new-"));
  let run = "";
  beforeAll(async () => {
    run = await fakeRun(root, "20261202-101500-every-kind", [
      { id: "specify", artifact: "spec", role: "specifier" },
      { id: "challenge", artifact: "spec-challenge-report", role: "reviewer" },
    ]);
  });

  it.each(KINDS)("%s: fresh fails only on its placeholders, filled in it passes", async (kind) => {
    const r = await newArtifact(root, kind, { now });
    const text = readFileSync(join(root, r.file), "utf8");
    const parsed = parseArtifact(r.file, text, "markdown");
    if (!parsed.ok) throw new Error(parsed.error.message);
    const data = parsed.data as Record<string, unknown>;
    const schema = schemaOf(kind);
    expect(data).toMatchObject({
      schema_version: 1,
      run_id: run,
      phase: schema.properties.phase.const,
      author_role: schema.properties.author_role.const,
      created_at: "2026-12-02T10:15:30Z",
      iteration: 1,
    });
    const holes = placeholders(data);
    expect(holes.length).toBeGreaterThan(0);
    const fresh = await validateArtifactFile(root, r.file);
    expect(fresh.valid).toBe(false);
    expect([...new Set(fresh.errors.map((e) => e.pointer))].sort()).toEqual([...holes].sort());
    // each error is pinned to the line of its own key, inside the frontmatter
    for (const e of fresh.errors) expect(text.split("\n")[e.line - 1]).not.toMatch(/^---/);

    const filled = join(root, "filled", kind);
    mkdirSync(filled, { recursive: true });
    writeFileSync(join(filled, `${kind}.json`), JSON.stringify(fillPlaceholders(data, schema), null, 2));
    const ok = await validateArtifactFile(root, join(filled, `${kind}.json`));
    expect(ok.errors).toEqual([]);
    expect(ok.valid).toBe(true);
  });

  it("puts the artifact in the folder of the workflow phase that produces it", async () => {
    const t = await artifactTemplate(root, "spec-challenge-report", { now });
    expect(t.file).toBe(`.cadre/runs/${run}/artifacts/challenge/spec-challenge-report.md`);
    expect(t.text).toMatch(/^phase: "spec-challenge"/m); // the schema's const, whatever the phase id
    expect(t.template).toBe("library/templates/spec-challenge-report.md");
  });
});

describe("artifact new, refusals", () => {
  const root = mkdtempSync(join(tmpdir(), "cadre-artifact-refuse-"));

  it("needs a run", async () => {
    await expect(newArtifact(root, "spec", { now })).rejects.toThrow(/no active run/);
    await expect(newArtifact(root, "spec", { now, run: "nope" })).rejects.toThrow(/no run 'nope'/);
  });

  it("names the closest kinds for an unknown one", async () => {
    await fakeRun(root, "20261202-101500-refusals");
    const e = await newArtifact(root, "spek", { now }).catch((x) => x);
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/unknown artifact kind 'spek'; closest: spec/);
  });

  it("refuses to overwrite without --force, and replaces with it", async () => {
    const first = await newArtifact(root, "plan", { now });
    const abs = join(root, first.file);
    writeFileSync(abs, "---\nedited: true\n---\n");
    await expect(newArtifact(root, "plan", { now })).rejects.toThrow(/already exists/);
    expect(readFileSync(abs, "utf8")).toContain("edited: true");
    const again = await newArtifact(root, "plan", { now, force: true });
    expect(again.replaced).toBe(true);
    expect(readFileSync(abs, "utf8")).toContain("strategy:");
  });

  it("prefers the project's installed template", async () => {
    mkdirSync(join(root, ".cadre/templates"), { recursive: true });
    writeFileSync(join(root, ".cadre/templates/handoff.md"), "---\nrun_id:\nphase: x\n---\n# Mine\n");
    const t = await artifactTemplate(root, "handoff", { now });
    expect(t.template).toBe(".cadre/templates/handoff.md");
    expect(t.text).toContain("# Mine");
    expect(t.text).toMatch(/^run_id: "20261202-101500-refusals"$/m);
    expect(t.text).toMatch(/^author_role: "planner"$/m); // missing keys are added
  });
});

describe("validateArtifacts", () => {
  it("validates the run's artifacts and records an artifact-validate event per file", async () => {
    const root = mkdtempSync(join(tmpdir(), "cadre-artifact-validate-"));
    const run = await fakeRun(root, "20261202-101500-validate", [{ id: "specify", artifact: "spec" }]);
    await expect(validateArtifacts(root, [])).rejects.toThrow(/has no artifacts yet/);
    await newArtifact(root, "spec", { now });
    const r = await validateArtifacts(root, []);
    expect(r.run).toBe(run);
    expect(r.valid).toBe(false);
    expect(r.results.map((x) => x.file)).toEqual([`.cadre/runs/${run}/artifacts/specify/spec.md`]);
    const events = readFileSync(join(root, ".cadre/runs", run, "events.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events).toEqual([
      expect.objectContaining({
        type: "artifact-validate",
        run,
        phase: "specify",
        file: `.cadre/runs/${run}/artifacts/specify/spec.md`,
        kind: "spec",
        valid: false,
        errors: r.results[0]?.errors.length,
      }),
    ]);
  });
});

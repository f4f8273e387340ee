import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeRun } from "../helpers/artifacts.js";
import { cadre, homeEnv, json } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "cadre-e2e-artifact-"));
const root = join(dir, "project");
const env = { ...homeEnv(join(dir, "home")), CADRE_PROGRESS: "0" };
const run = "20261202-140000-login-rate-limit";
const specPath = `.cadre/runs/${run}/artifacts/specify/spec.md`;

/** A spec as an author would finish it: every placeholder filled, one optional list left empty. */
const FILLED_SPEC = `---
schema_version: 1
run_id: ${run}
phase: specify
author_role: specifier
created_at: 2026-12-02T14:05:00Z
iteration: 1
inputs: [clarification]
title: Rate-limit failed logins
problem: Password guessing against the login form is unthrottled; one address can try thousands of passwords a minute.
goals:
  - Slow down guessing from one address without locking out real users.
non_goals:
  - Captchas.
requirements:
  - id: R1
    priority: must
    statement: After 5 failed logins from one address within 10 minutes, further attempts get HTTP 429 for 10 minutes.
acceptance_criteria:
  - id: AC1
    requirement_ids: [R1]
    criterion: Given 5 failed logins from 10.0.0.1, when a sixth arrives within 10 minutes, then it gets 429.
    verified_by: automated-test
interfaces: []
constraints: []
risks: []
open_questions: []
needs_content: false
needs_design: false
review_responses: []
approval:
  status: pending
---

# Spec

Counting is per address, in memory; a restart forgets the counts, which the user accepted.
`;

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  const init = await cadre(["init", "--yes", "--hosts", "claude-code", "--profile", "pipeline"], {
    cwd: root,
    env,
  });
  expect(init.code, init.stderr).toBe(0);
  await fakeRun(root, run, [{ id: "specify", artifact: "spec", role: "specifier" }]);
});

describe("cadre artifact", () => {
  it("new writes the filled template, refuses to overwrite it, replaces it with --force", async () => {
    const r = await cadre(["artifact", "new", "spec"], { cwd: root, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${specPath}\n`);
    const text = readFileSync(join(root, specPath), "utf8");
    expect(text).toMatch(new RegExp(`^run_id: "${run}"`, "m"));
    expect(text).toContain("# Spec"); // the guidance body from .cadre/templates/spec.md
    const again = await cadre(["artifact", "new", "spec"], { cwd: root, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const forced = await cadre(["artifact", "new", "spec", "--force", "--json"], { cwd: root, env });
    expect(forced.code).toBe(0);
    expect(json(forced).data).toMatchObject({
      kind: "spec",
      run,
      phase: "specify",
      file: specPath,
      replaced: true,
    });
  });

  it("validate with no files checks the active run: a fresh template fails with file:line errors", async () => {
    const r = await cadre(["artifact", "validate"], { cwd: root, env });
    expect(r.code).toBe(1);
    const lines = readFileSync(join(root, specPath), "utf8").split("\n");
    const title = lines.findIndex((l) => l.startsWith("title:")) + 1;
    expect(r.stdout).toContain(`invalid  ${specPath} (spec)`);
    expect(r.stdout).toContain(`  ${specPath}:${title}: /title must be string`);
    expect(r.stdout).not.toMatch(/\/(run_id|created_at|phase|author_role|schema_version)\b/);
    const events = readFileSync(join(root, ".cadre/runs", run, "events.ndjson"), "utf8");
    expect(events).toMatch(/"type":"artifact-validate"/);
  });

  it("a filled-in spec passes (text and --json output)", async () => {
    writeFileSync(join(root, specPath), FILLED_SPEC);
    const r = await cadre(["artifact", "validate", specPath], { cwd: root, env });
    expect(r.stdout + r.stderr).toContain(`valid    ${specPath} (spec)`);
    expect(r.code).toBe(0);
    const j = await cadre(["artifact", "validate", "--json"], { cwd: root, env });
    expect(j.code).toBe(0);
    expect(json(j)).toMatchObject({ ok: true, command: "artifact validate", data: { valid: true, run } });
  });

  it("bad input: not JSON, malformed frontmatter, an unknown kind, a broken schema", async () => {
    mkdirSync(join(root, "drafts"), { recursive: true });
    writeFileSync(join(root, "drafts/plan.json"), '{\n  "schema_version": 1,\n  "tasks": [,]\n}\n');
    writeFileSync(join(root, "drafts/design.md"), "---\ntitle: x\ncomponents: [a\nmore: 1\n---\n");
    const r = await cadre(["artifact", "validate", "drafts/plan.json", "drafts/design.md"], {
      cwd: root,
      env,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/drafts\/plan\.json:3: \(root\) not valid JSON/);
    expect(r.stdout).toMatch(/drafts\/design\.md:\d+: \(root\) malformed YAML frontmatter/);
    const unknown = await cadre(["artifact", "new", "spek"], { cwd: root, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown artifact kind 'spek'; closest: spec/);
    writeFileSync(join(root, ".cadre/schemas/spec.schema.json"), '{"type": "object", "required": 7}');
    const broken = await cadre(["artifact", "validate", specPath], { cwd: root, env });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/\.cadre\/schemas\/spec\.schema\.json: the schema does not compile/);
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pythonWith, runPython } from "./python.js";

const script = join(process.cwd(), "library/skills/reviewing-terraform-plans/scripts/plan_risks.py");

/** A plan in the shape `terraform show -json tfplan` documents: format_version, resource_changes[].change.actions. */
function planFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), "e2-plan-"));
  const plan = {
    format_version: "1.2",
    terraform_version: "1.9.5",
    planned_values: { root_module: {} },
    resource_changes: [
      {
        address: "aws_db_instance.main",
        mode: "managed",
        type: "aws_db_instance",
        name: "main",
        change: { actions: ["delete", "create"], replace_paths: [["engine_version"]], before: {}, after: {} },
        action_reason: "replace_because_cannot_update",
      },
      {
        address: "aws_lb.public",
        mode: "managed",
        type: "aws_lb",
        name: "public",
        change: { actions: ["create", "delete"], before: {}, after: {} },
        action_reason: "replace_by_request",
      },
      {
        address: "aws_s3_bucket.old_logs",
        mode: "managed",
        type: "aws_s3_bucket",
        name: "old_logs",
        change: { actions: ["delete"], before: {}, after: null },
        action_reason: "delete_because_no_resource_config",
      },
      { address: "aws_instance.web", type: "aws_instance", change: { actions: ["update"] } },
      { address: "aws_iam_role.ci", type: "aws_iam_role", change: { actions: ["create"] } },
      {
        address: "module.net.aws_vpc.this",
        previous_address: "aws_vpc.main",
        type: "aws_vpc",
        change: { actions: ["no-op"] },
      },
      { address: "data.aws_caller_identity.me", type: "aws_caller_identity", change: { actions: ["read"] } },
    ],
    resource_drift: [{ address: "aws_security_group.app", change: { actions: ["update"] } }],
  };
  const file = join(dir, "plan.json");
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe("reviewing-terraform-plans/scripts/plan_risks.py", () => {
  const py = pythonWith(["json", "argparse"]);

  it("lists deletes and replacements with reasons, order, forcing attributes, moves and drift; exits 2", () => {
    const r = runPython(py, [script, planFixture(), "--protect", "aws_db_instance"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("plan: 1 to create, 1 to update, 2 to replace, 1 to delete");
    expect(r.stdout).toMatch(/!! REPLACE\s+aws_db_instance\.main\s+\(replace_because_cannot_update\)/);
    expect(r.stdout).toContain("[destroy-before-create]");
    expect(r.stdout).toContain("forced by: engine_version");
    expect(r.stdout).toMatch(/REPLACE\s+aws_lb\.public.*\[create-before-destroy\]/);
    expect(r.stdout).toMatch(/DELETE\s+aws_s3_bucket\.old_logs\s+\(delete_because_no_resource_config\)/);
    expect(r.stdout).toContain("MOVED    aws_vpc.main -> module.net.aws_vpc.this");
    expect(r.stdout).toContain("drift: 1 resource(s) changed outside Terraform: aws_security_group.app");
    expect(r.stdout).not.toContain("aws_caller_identity");
  });

  it("emits JSON and exits 0 with --fail-on none", () => {
    const r = runPython(py, [script, planFixture(), "--fail-on", "none", "--json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.counts).toEqual({ create: 1, update: 1, replace: 2, delete: 1 });
    expect(out.flagged).toBe(0);
    expect(out.drift).toEqual(["aws_security_group.app"]);
  });

  it("keeps a replacement visible when the resource was also moved, and lists forgotten resources", () => {
    const dir = mkdtempSync(join(tmpdir(), "e2-moved-"));
    const file = join(dir, "plan.json");
    writeFileSync(
      file,
      JSON.stringify({
        format_version: "1.2",
        planned_values: {},
        resource_changes: [
          {
            address: "module.db.aws_db_instance.this",
            previous_address: "aws_db_instance.main",
            type: "aws_db_instance",
            change: { actions: ["delete", "create"] },
            action_reason: "replace_because_cannot_update",
          },
          { address: "aws_s3_bucket.legacy", type: "aws_s3_bucket", change: { actions: ["forget"] } },
        ],
      }),
    );
    const r = runPython(py, [script, file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/FORGET\s+aws_s3_bucket\.legacy/);
    expect(r.stdout).toMatch(
      /REPLACE\s+module\.db\.aws_db_instance\.this.*\(moved from aws_db_instance\.main\)/,
    );
  });

  it("rejects input that is not plan JSON with exit 1 and a clear message", () => {
    const dir = mkdtempSync(join(tmpdir(), "e2-bad-"));
    const notJson = join(dir, "tfplan");
    writeFileSync(notJson, "PK\u0003\u0004binary-plan");
    const a = runPython(py, [script, notJson]);
    expect(a.status).toBe(1);
    expect(a.stderr).toContain("not JSON");
    const state = join(dir, "state.json");
    writeFileSync(state, JSON.stringify({ format_version: "1.0", values: {} }));
    const b = runPython(py, [script, state]);
    expect(b.status).toBe(1);
    expect(b.stderr).toContain("not a plan");
    const v2 = join(dir, "v2.json");
    writeFileSync(v2, JSON.stringify({ format_version: "2.0", resource_changes: [] }));
    expect(runPython(py, [script, v2]).stderr).toContain("unsupported plan format_version");
    expect(runPython(py, [script, v2, "--fail-on", "destroy"]).status).toBe(1);
  });
});

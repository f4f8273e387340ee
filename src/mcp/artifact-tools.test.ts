import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeRun } from "../../test/helpers/artifacts.js";
import { newArtifact } from "../app/artifact-new.js";
import { createMcpServer } from "./server.js";

const root = mkdtempSync(join(tmpdir(), "cadre-mcp-artifacts-"));
let client: Client;
let run = "";
type Result = { content: Array<{ type: string; text: string }>; isError?: boolean };
const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as Result;
const text = (r: Result) => r.content.map((c) => c.text).join("\n");

beforeAll(async () => {
  run = await fakeRun(root, "20261202-120000-mcp", [{ id: "specify", artifact: "spec", role: "specifier" }]);
  const server = createMcpServer({
    target: { root, dbPath: join(root, ".cadre/index.db") },
    env: process.env,
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: "test", version: "1.0.0" });
  await Promise.all([server.connect(a), client.connect(b)]);
});
afterAll(async () => {
  await client?.close();
});

describe("MCP artifact tools", () => {
  it("artifact_template returns the filled template and where it goes, writing nothing", async () => {
    const r = await call("artifact_template", { kind: "spec" });
    expect(r.isError).toBeFalsy();
    const t = text(r);
    expect(t.split("\n")[0]).toBe(
      `[spec · run ${run} · phase specify · write to .cadre/runs/${run}/artifacts/specify/spec.md]`,
    );
    expect(t).toMatch(new RegExp(`^run_id: "${run}"`, "m"));
    expect(t).toMatch(/^phase: "specify"/m);
    const missing = await call("artifact_validate", {});
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/has no artifacts yet/);
  });

  it("artifact_template names the closest kinds for an unknown one", async () => {
    const r = await call("artifact_template", { kind: "plann" });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/unknown artifact kind 'plann'; closest: plan/);
  });

  it("artifact_validate checks the run's artifacts, or named files, with file:line errors", async () => {
    const a = await newArtifact(root, "spec", { now: new Date("2026-12-02T12:00:00Z") });
    const r = await call("artifact_validate", {});
    expect(r.isError).toBeFalsy();
    const out = JSON.parse(text(r));
    expect(out).toMatchObject({ valid: false, run, results: [{ file: a.file, kind: "spec", valid: false }] });
    const lines = readFileSync(join(root, a.file), "utf8").split("\n");
    const titleLine = lines.findIndex((l) => l.startsWith("title:")) + 1;
    expect(out.results[0].errors).toContain(`${a.file}:${titleLine}: /title must be string`);
    const named = JSON.parse(text(await call("artifact_validate", { files: [a.file] })));
    expect(named.results).toHaveLength(1);
    const outside = await call("artifact_validate", { files: ["../../etc/passwd.json"] });
    expect(outside.isError).toBe(true);
    expect(text(outside)).toMatch(/not a path inside the project/);
  });
});

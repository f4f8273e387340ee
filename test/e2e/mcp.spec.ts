import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "cadre-e2e-mcp-"));
const repo = join(dir, "repo");
let client: Client;

type Result = { content: Array<{ type: string; text: string }>; isError?: boolean };
async function call(name: string, args: Record<string, unknown>): Promise<Result> {
  return (await client.callTool({ name, arguments: args })) as Result;
}
const text = (r: Result) => r.content.map((c) => c.text).join("\n");

beforeAll(async () => {
  cpSync(join(ROOT, "test", "fixtures", "repo"), repo, { recursive: true });
  client = new Client({ name: "cadre-e2e", version: "1.0.0" });
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BIN, "mcp", "--cwd", repo],
      env,
      stderr: "pipe",
    }),
  );
});
afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("cadre mcp (official SDK client over stdio)", () => {
  it("lists every tool", async () => {
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual([
      "get_file_outline",
      "get_item",
      "get_symbol",
      "recall",
      "repo_map",
      "search_code",
      "search_library",
    ]);
  });

  it("answers the code tools (building the index on first use)", async () => {
    const s = await call("search_code", { query: "user service", limit: 3 });
    expect(s.isError).toBeFalsy();
    expect(JSON.parse(text(s)).symbols[0].name).toBe("UserService");
    const g = await call("get_symbol", { name: "Cache.new" });
    expect(JSON.parse(text(g)).symbols[0].id).toBe("rs/lib.rs#Cache.new:method");
    const o = await call("get_file_outline", { path: "java/Greeter.java" });
    expect(JSON.parse(text(o)).symbols.map((x: { name: string }) => x.name)).toContain("greet");
    const r = await call("recall", { mode: "symbol", target: "distance", budget: 300 });
    expect(text(r)).toMatch(/^\[tier L2 · \d+\/300 tokens · fresh\]/);
    expect(text(r)).toContain("return sqrt(");
    const m = await call("repo_map", { budget: 200, focus: ["py/service.py"] });
    expect(text(m).split("\n")[0]).toBe("py/service.py");
  });

  it("answers the library tools", async () => {
    const s = await call("search_library", { query: "test driven development", limit: 3 });
    expect(s.isError).toBeFalsy();
    const hits = JSON.parse(text(s)) as Array<{ id: string }>;
    expect(hits.length).toBeGreaterThan(0);
    const item = await call("get_item", { ref: hits[0]?.id as string });
    expect(item.isError).toBeFalsy();
    expect(JSON.parse(text(item)).body.length).toBeGreaterThan(0);
  });

  it("returns clear errors for bad input and unknown things", async () => {
    const missing = await call("get_symbol", { name: "NoSuchSymbol" });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/E_NOT_FOUND: no symbol "NoSuchSymbol"/);
    const bad = await call("recall", { mode: "everything", target: "x" });
    expect(bad.isError).toBe(true);
    const badBudget = await call("recall", { mode: "file", target: "src/shapes.ts", budget: -3 });
    expect(badBudget.isError).toBe(true);
    const noItem = await call("get_item", { ref: "skill:does-not-exist-anywhere" });
    expect(noItem.isError).toBe(true);
  });
});

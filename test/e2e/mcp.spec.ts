import { spawn } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, cadre, ROOT } from "./helpers.js";

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
      "artifact_template",
      "artifact_validate",
      "compose_role",
      "get_file_outline",
      "get_item",
      "get_symbol",
      "recall",
      "repo_map",
      "run_status",
      "search_code",
      "search_library",
      "usage_report",
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

  it("measures its answers into the project's usage log, and usage_report sums them", async () => {
    const log = readFileSync(join(repo, ".cadre/usage/events.ndjson"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; tool: string; tokens: number; full_tokens?: number });
    const answers = log.filter((e) => e.type === "answer");
    expect(answers.map((e) => e.tool)).toEqual(
      expect.arrayContaining(["recall", "get_file_outline", "search_code"]),
    );
    const r = await call("usage_report", {});
    expect(r.isError).toBeFalsy();
    const report = JSON.parse(text(r));
    expect(report.project_log).toBe(true);
    expect(report.totals.answers).toBe(answers.length);
    expect(report.totals.answer_tokens).toBe(answers.reduce((s, e) => s + e.tokens, 0));
    const outline = report.by_tool.find((x: { key: string }) => x.key === "mcp:get_file_outline");
    const outlineEvent = answers.find((e) => e.tool === "get_file_outline");
    expect(outline.full_tokens).toBe(outlineEvent?.full_tokens);
    expect(outline.full_tokens).toBeGreaterThan(0);
    expect(report.by_tool.map((x: { key: string }) => x.key)).toContain("mcp:recall");
  });

  it("compose_role returns a role's prompt and the proof of its hash", async () => {
    const r = await call("compose_role", { role: "executor", stacks: ["postgres"], budget: 12_000 });
    expect(r.isError, text(r)).toBeFalsy();
    const d = JSON.parse(text(r)) as {
      prompt: string;
      proof: { role: string; sha256: string; moduleTokens: number; stacks: Array<{ stack: string }> };
    };
    expect(d.prompt).toContain("## Expertise");
    expect(d.proof.role).toBe("executor");
    expect(d.proof.stacks.map((s) => s.stack)).toEqual(["postgres"]);
    expect(d.proof.moduleTokens).toBeLessThanOrEqual(12_000);
    const { createHash } = await import("node:crypto");
    expect(d.proof.sha256).toBe(createHash("sha256").update(d.prompt).digest("hex"));
    const bad = await call("compose_role", { role: "nobody" });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/E_USAGE: no role "nobody"/);
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

describe("cadre mcp against a file swapped for a link after indexing", () => {
  const base = mkdtempSync(join(tmpdir(), "cadre-e2e-mcp-swap-"));
  const swapRepo = join(base, "repo");
  const src = join(swapRepo, "src");
  const SECRET = "hunter2-do-not-leak-4f1c";
  const secretFile = join(base, "outside", "keys.ts");
  let swapClient: Client;
  const callSwap = async (name: string, args: Record<string, unknown>) =>
    (await swapClient.callTool({ name, arguments: args })) as Result;

  beforeAll(async () => {
    mkdirSync(src, { recursive: true });
    mkdirSync(join(base, "outside"));
    writeFileSync(secretFile, `export const leakedToken = "${SECRET}";\nexport function leakedHelper() {}\n`);
    writeFileSync(join(src, "config.ts"), '/** The greeting. */\nexport const greeting = "hello";\n');
    writeFileSync(join(src, "app.ts"), "export function main(): string {\n  return greeting;\n}\n");
    swapClient = new Client({ name: "cadre-e2e-swap", version: "1.0.0" });
    const env = Object.fromEntries(
      Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
    );
    await swapClient.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, "mcp", "--cwd", swapRepo],
        env,
        stderr: "pipe",
      }),
    );
  });
  afterAll(async () => {
    await swapClient?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it("recall and get_file_outline refuse the link and say why; a refresh never indexes its target", async () => {
    // The folder's mtime is old, so the next refresh reuses its cached listing (where config.ts is a file).
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(src, old, old);
    const first = await callSwap("recall", { mode: "file", target: "src/config.ts", budget: 2000 });
    expect(text(first)).toContain("greeting");
    rmSync(join(src, "config.ts"));
    symlinkSync(secretFile, join(src, "config.ts"));
    utimesSync(src, old, old);
    for (const [mode, target] of [
      ["file", "src/config.ts"],
      ["symbol", "greeting"],
      ["query", "greeting"],
    ]) {
      const r = await callSwap("recall", { mode, target, budget: 4000 });
      expect(text(r), `${mode} ${target}`).not.toContain(SECRET);
      expect(text(r), `${mode} ${target}`).toMatch(
        /src\/config\.ts" resolves to a file outside the repository/,
      );
    }
    const outline = await callSwap("get_file_outline", { path: "src/config.ts" });
    expect(outline.isError).toBe(true);
    expect(text(outline)).toMatch(
      /E_UNSAFE_PATH: "src\/config\.ts" resolves to a file outside the repository/,
    );
    // Another process refreshes the index (the server refreshes at most every 15 s): the link is dropped.
    const refresh = await cadre(["index", "refresh", "--json", "--cwd", swapRepo]);
    expect(refresh.code, refresh.stderr).toBe(0);
    for (const [name, args] of [
      ["get_symbol", { name: "leakedToken" }],
      ["search_code", { query: "leakedToken hunter2" }],
      ["get_file_outline", { path: "src/config.ts" }],
      ["repo_map", { budget: 2000 }],
    ] as const) {
      const r = await callSwap(name, args);
      expect(text(r), name).not.toContain(SECRET);
      expect(text(r), name).not.toContain("leakedHelper");
    }
  });
});

describe("cadre mcp with a message over 10 MiB", () => {
  it("answers it with a JSON-RPC error and keeps serving", async () => {
    const child = spawn(process.execPath, [BIN, "mcp", "--cwd", repo], { stdio: ["pipe", "pipe", "pipe"] });
    const replies: Array<{ id: unknown; result?: { tools?: unknown[] }; error?: { code: number } }> = [];
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
        replies.push(JSON.parse(buf.slice(0, i)));
        buf = buf.slice(i + 1);
      }
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const until = async (id: unknown) => {
      const deadline = Date.now() + 30_000;
      while (!replies.some((r) => r.id === id) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      return replies.find((r) => r.id === id);
    };
    const send = (m: unknown) => child.stdin.write(`${JSON.stringify(m)}\n`);
    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    });
    expect(await until(1)).toBeDefined();
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    const huge = "x".repeat(11 * 1024 * 1024);
    send({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "search_code", arguments: { query: huge } },
    });
    expect((await until(2))?.error?.code).toBe(-32600);
    // The id comes after the oversized member: it cannot be known, so the answer's id is null.
    child.stdin.write(`{"jsonrpc":"2.0","method":"tools/call","params":{"q":"${huge}"},"id":3}\n`);
    expect((await until(null))?.error?.code).toBe(-32600);
    send({ jsonrpc: "2.0", id: 4, method: "tools/list" });
    expect((await until(4))?.result?.tools?.length).toBe(12);
    child.stdin.end();
    expect(await exited).toBe(0);
  });
});

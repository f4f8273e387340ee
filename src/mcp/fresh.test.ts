import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterAll, describe, expect, it } from "vitest";
import { indexRepo } from "../index/indexer.js";
import { createMcpServer } from "./server.js";

/** Warm refresh (issue 16): every code query answers from the files as they are now, without waiting. */

const dir = mkdtempSync(join(tmpdir(), "cadre-mcp-fresh-"));
const root = join(dir, "repo");
cpSync("test/fixtures/repo", root, { recursive: true });
const dbPath = join(root, ".cadre", "index.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function connect() {
  // A periodic refresh far in the future: only the per-query freshness checks can see the edits.
  const server = createMcpServer({ target: { root, dbPath }, env: { HOME: dir }, refreshMs: 3_600_000 });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "1" });
  await Promise.all([server.connect(a), client.connect(b)]);
  return client;
}
const text = (r: unknown) => ((r as { content: { text: string }[] }).content[0]?.text ?? "") as string;
const shapes = join(root, "src", "shapes.ts");
const original = readFileSync(shapes, "utf8");

describe("MCP answers from fresh files", () => {
  it("sees an edit in the very next answer: moved, added and removed symbols, outlines, slices", async () => {
    await indexRepo({ root, dbPath, full: true });
    const client = await connect();
    const line = async () =>
      JSON.parse(text(await client.callTool({ name: "get_symbol", arguments: { name: "Circle" } })))
        .symbols[0]?.line as number;
    const before = await line();
    const ms: number[] = [];
    for (let i = 1; i <= 5; i++) {
      writeFileSync(shapes, `${"// moved\n".repeat(i)}${original}`);
      const t0 = performance.now();
      expect(await line()).toBe(before + i);
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    console.log(`get_symbol right after an edit: p50 ${ms[2]?.toFixed(1)} ms, max ${ms[4]?.toFixed(1)} ms`);

    // A symbol added to an indexed file: found at once (the miss refreshes), and in the outline.
    writeFileSync(shapes, `${original}\nexport function freshlyAdded(): number {\n  return 1;\n}\n`);
    const added = await client.callTool({ name: "get_symbol", arguments: { name: "freshlyAdded" } });
    expect(added.isError, text(added)).toBeFalsy();
    expect(JSON.parse(text(added)).symbols[0]).toMatchObject({ path: "src/shapes.ts", kind: "function" });
    writeFileSync(shapes, `${original}\nexport function renamedAgain(): number {\n  return 2;\n}\n`);
    const outline = JSON.parse(
      text(await client.callTool({ name: "get_file_outline", arguments: { path: "src/shapes.ts" } })),
    );
    expect(outline.symbols.map((s: { name: string }) => s.name)).toContain("renamedAgain");
    expect(outline.symbols.map((s: { name: string }) => s.name)).not.toContain("freshlyAdded");

    // A new file, and recall of exact lines of a file edited since.
    // (A query that finds nothing refreshes the whole index at most every 250 ms.)
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(join(root, "src", "brand-new.ts"), "export class Zqxjvk {}\n");
    const fresh = await client.callTool({ name: "search_code", arguments: { query: "Zqxjvk" } });
    expect(JSON.parse(text(fresh)).symbols[0]?.path).toBe("src/brand-new.ts");
    writeFileSync(shapes, `// top\n${original}`);
    const slice = text(
      await client.callTool({
        name: "recall",
        arguments: { mode: "file", target: "src/shapes.ts", lines: "1-2" },
      }),
    );
    expect(slice).toMatch(/fresh/);
    expect(slice).toMatch(/\n {4}1 {2}\/\/ top\n/);
    await client.close();
  });
});

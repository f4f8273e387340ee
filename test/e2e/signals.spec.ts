import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "cadre-sig-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Ctrl-C", () => {
  it("a running command exits 130 on SIGINT, without a stack trace", async () => {
    // `cadre mcp` serves until its input closes, so it is still running when the signal arrives.
    const child = spawn(process.execPath, [BIN, "mcp", "--cwd", dir], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => (stdout += d));
    // Wait until the server answers an initialize request: the CLI and its SIGINT handler are loaded by then.
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } })}\n`,
    );
    const deadline = Date.now() + 30_000;
    while (!stdout.includes('"id":1') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(stdout).toContain('"id":1');
    const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exit).toBe(130);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

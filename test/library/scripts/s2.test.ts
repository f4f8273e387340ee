import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SCRIPT = resolve("library/skills/checking-a-running-web-app-with-playwright/scripts/check-app.mjs");
/** CI installs Debian's chromium; CHROME_PATH points elsewhere on other machines. Missing browser fails. */
const BROWSER = process.env.CHROME_PATH ?? "/usr/bin/chromium";

const PAGES: Record<string, string> = {
  "/broken": `<!doctype html><html><head><title>Broken page</title></head><body>
<h1 id="title">Hello</h1><img src="/missing.png" alt="">
<script>console.error("boom from the page"); console.log("just a log");</script></body></html>`,
  "/clean": `<!doctype html><html><head><title>Clean page</title></head><body><main><h1>Fine</h1></main></body></html>`,
};

let server: Server;
let base: string;
let dir: string;

/** Runs the script asynchronously: the HTTP server lives in this process, so a blocking spawn would deadlock. */
function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { env: { ...process.env, CHROME_PATH: "" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (status) => done({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (!existsSync(BROWSER)) throw new Error(`no Chromium at ${BROWSER}; install chromium or set CHROME_PATH`);
  dir = mkdtempSync(join(tmpdir(), "cadre-s2-"));
  server = createServer((req, res) => {
    const body = PAGES[req.url ?? ""];
    if (req.url === "/favicon.ico") {
      res.writeHead(204);
      res.end();
    } else if (body) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(body);
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

describe("check-app.mjs (skill checking-a-running-web-app-with-playwright)", () => {
  it("reports the console error, the 404 and a missing selector, and exits 1", async () => {
    const shot = join(dir, "broken.png");
    const r = await run([
      `${base}/broken`,
      "--browser",
      BROWSER,
      "--screenshot",
      shot,
      "--selector",
      "#title",
      "--selector",
      "#does-not-exist",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.status).toBe(200);
    expect(report.title).toBe("Broken page");
    expect(report.consoleErrors.map((e: { text: string }) => e.text)).toContain("boom from the page");
    expect(report.consoleErrors.some((e: { text: string }) => e.text === "just a log")).toBe(false);
    expect(report.httpErrors).toEqual([{ url: `${base}/missing.png`, status: 404 }]);
    expect(report.selectors).toEqual([
      { selector: "#title", found: true },
      { selector: "#does-not-exist", found: false },
    ]);
    expect(statSync(shot).size).toBeGreaterThan(1000);
  }, 60_000);

  it("passes a clean page with exit 0", async () => {
    const r = await run([`${base}/clean`, "--browser", BROWSER, "--selector", "main h1"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      ok: true,
      status: 200,
      title: "Clean page",
      consoleErrors: [],
      httpErrors: [],
    });
  }, 60_000);

  it("fails a page that answers 404", async () => {
    const r = await run([`${base}/nowhere`, "--browser", BROWSER]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, status: 404 });
  }, 60_000);

  it("exits 2 with a message on bad input", async () => {
    const noUrl = await run(["--browser", BROWSER]);
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toMatch(/missing URL/);
    const noBrowser = await run([`${base}/clean`, "--browser", join(dir, "no-such-chrome")]);
    expect(noBrowser.status).toBe(2);
    expect(noBrowser.stderr).toMatch(/browser not found/);
    const badUrl = await run(["not a url", "--browser", BROWSER]);
    expect(badUrl.status).toBe(2);
  }, 60_000);
});

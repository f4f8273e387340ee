#!/usr/bin/env node
// check-app.mjs: open a running web app in a real Chromium and report what went wrong.
//
// Needs: Node 18+ and the `playwright-core` package (npm i -D playwright-core). playwright-core ships
// no browser: point it at an installed Chromium or Chrome with --browser PATH or the CHROME_PATH
// environment variable (e.g. /usr/bin/chromium, or `npx playwright install chromium` and its path).
//
// Usage:
//   node check-app.mjs URL [--browser PATH] [--screenshot FILE] [--selector CSS]... [--timeout MS]
//                          [--wait-idle] [--allow-console REGEX]...
//
// Prints one JSON report on stdout: console errors, uncaught page errors, failed requests (network
// failures) and HTTP error responses (status >= 400), the selectors found or missing, the screenshot path.
// Exit codes: 0 = no problems, 1 = problems found (see report), 2 = bad input or the browser/page failed.

import { existsSync } from "node:fs";
import process from "node:process";

function usage(msg) {
  process.stderr.write(`check-app: ${msg}\n`);
  process.stderr.write(
    "usage: node check-app.mjs URL [--browser PATH] [--screenshot FILE] [--selector CSS]... [--timeout MS] [--wait-idle] [--allow-console REGEX]...\n",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { selectors: [], allow: [], timeout: 15000, waitIdle: false, browser: process.env.CHROME_PATH };
  const takeValue = (i, flag) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) usage(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--browser") opts.browser = takeValue(i++, a);
    else if (a === "--screenshot") opts.screenshot = takeValue(i++, a);
    else if (a === "--selector") opts.selectors.push(takeValue(i++, a));
    else if (a === "--allow-console") opts.allow.push(new RegExp(takeValue(i++, a)));
    else if (a === "--timeout") {
      opts.timeout = Number(takeValue(i++, a));
      if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage("--timeout must be a positive number of ms");
    } else if (a === "--wait-idle") opts.waitIdle = true;
    else if (a === "-h" || a === "--help") usage("help");
    else if (a.startsWith("--")) usage(`unknown option ${a}`);
    else if (opts.url) usage(`unexpected argument ${a}`);
    else opts.url = a;
  }
  if (!opts.url) usage("missing URL");
  try {
    const u = new URL(opts.url);
    if (!/^https?:$/.test(u.protocol) && u.protocol !== "file:") usage(`unsupported URL scheme ${u.protocol}`);
  } catch {
    usage(`not a valid URL: ${opts.url}`);
  }
  if (!opts.browser) usage("no browser: pass --browser PATH or set CHROME_PATH");
  if (!existsSync(opts.browser)) usage(`browser not found at ${opts.browser}`);
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    usage("cannot load playwright-core; install it with: npm i -D playwright-core");
  }

  const report = {
    url: opts.url,
    finalUrl: null,
    status: null,
    title: null,
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    httpErrors: [],
    selectors: [],
    screenshot: opts.screenshot ?? null,
    ok: false,
  };

  // Chromium's sandbox does not start as root (containers, CI); fall back to --no-sandbox there only.
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const browser = await chromium.launch({
    executablePath: opts.browser,
    headless: true,
    args: isRoot ? ["--no-sandbox"] : [],
  });
  try {
    const page = await browser.newPage();
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const text = msg.text();
      if (opts.allow.some((re) => re.test(text))) return;
      const loc = msg.location();
      report.consoleErrors.push({ text, url: loc.url || null, line: loc.lineNumber ?? null });
    });
    page.on("pageerror", (err) => report.pageErrors.push({ message: err.message }));
    page.on("requestfailed", (req) =>
      report.failedRequests.push({ url: req.url(), method: req.method(), error: req.failure()?.errorText ?? "failed" }),
    );
    page.on("response", (res) => {
      if (res.status() >= 400) report.httpErrors.push({ url: res.url(), status: res.status() });
    });

    let response;
    try {
      response = await page.goto(opts.url, { waitUntil: "load", timeout: opts.timeout });
    } catch (err) {
      report.pageErrors.push({ message: `navigation failed: ${err.message.split("\n")[0]}` });
    }
    report.status = response ? response.status() : null;
    if (opts.waitIdle) {
      // Best effort: apps with polling or websockets never go idle, so a timeout here is not a failure.
      await page.waitForLoadState("networkidle", { timeout: opts.timeout }).catch(() => {});
    }
    report.finalUrl = page.url();
    report.title = await page.title().catch(() => null);

    for (const selector of opts.selectors) {
      const found = await page
        .locator(selector)
        .first()
        .waitFor({ state: "visible", timeout: Math.min(opts.timeout, 5000) })
        .then(() => true)
        .catch(() => false);
      report.selectors.push({ selector, found });
    }

    if (opts.screenshot) await page.screenshot({ path: opts.screenshot, fullPage: true });
  } finally {
    await browser.close();
  }

  report.ok =
    (report.status === null ? opts.url.startsWith("file:") && report.pageErrors.length === 0 : report.status < 400) &&
    report.consoleErrors.length === 0 &&
    report.pageErrors.length === 0 &&
    report.failedRequests.length === 0 &&
    report.httpErrors.length === 0 &&
    report.selectors.every((s) => s.found);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exit(report.ok ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`check-app: ${err.message.split("\n")[0]}\n`);
  process.exit(2);
});

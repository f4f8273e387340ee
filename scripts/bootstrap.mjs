#!/usr/bin/env node
// Makes a fresh clone runnable: installs dependencies and builds dist/ when they are missing or stale.
// Uses only Node built-ins, because it runs before anything is installed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, "$1");
const win = process.platform === "win32";
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], shell: win });
  if (r.status !== 0) {
    console.error(`bootstrap: \`${cmd} ${args.join(" ")}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const installed = join(root, "node_modules", ".package-lock.json");
if (!existsSync(installed) || mtime(join(root, "package-lock.json")) > mtime(installed)) {
  // `npm install` (not `npm ci`): it installs what package-lock.json pins, and unlike `npm ci` it accepts a
  // lock written without entries for other platforms' optional packages (npm configs that omit them).
  console.error("bootstrap: installing dependencies (npm install)…");
  run("npm", ["install", "--no-audit", "--no-fund"]);
}
const cli = join(root, "dist", "cli.js");
if (
  !existsSync(cli) ||
  newest(join(root, "src")) > mtime(cli) ||
  mtime(join(root, "package.json")) > mtime(cli)
) {
  console.error("bootstrap: building dist/ (tsup)…");
  run("npx", ["tsup", "--silent"]);
}

#!/usr/bin/env node
// `npm run example`: cadre's main job on examples/web-app, in a temporary copy (the repository stays clean):
// lint the team's pack, `init --yes` for four hosts, `sync` again (nothing to do), then `status`.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, "$1");
const dir = join(mkdtempSync(join(tmpdir(), "cadre-example-")), "web-app");
cpSync(join(root, "examples", "web-app"), dir, { recursive: true });

const steps = [
  ["lint", "team-pack"],
  ["init", "--yes", "--hosts", "claude-code,codex,cursor,copilot", "--source", "team-pack"],
  ["sync"],
  ["status"],
];
for (const args of steps) {
  console.log(`\n$ cadre ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [join(root, "bin", "cadre.js"), ...args], {
    cwd: dir,
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log(`\nThe project with the files cadre wrote: ${dir}`);

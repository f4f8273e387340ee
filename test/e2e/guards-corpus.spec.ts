import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseJsonc } from "jsonc-parser";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS, layout } from "../guards/corpus.js";
import { denied, GUARD_HOSTS, type GuardHost, payloadFor } from "../guards/hosts.js";
import { BIN, cadre, homeEnv } from "./helpers.js";

// The guard corpus through the command lines `cadre init` wrote into each host's config, spawned the way
// the host does (sh -c, the payload on stdin, cadre on PATH). The whole corpus runs in process for every
// host (test/guards/corpus.test.ts); here each host gets every 14th row, starting at its place in
// GUARD_HOSTS (claude-code rows 0, 14, 28, …; codex 1, 15, 29, …), and every file-tool row (docs/hooks.md).

const base = mkdtempSync(join(tmpdir(), "cadre-guards-e2e-"));
const home = join(base, "home");
const dir = join(home, "proj");
const shims = join(base, "bin");
const env = {
  ...homeEnv(home),
  PATH: `${shims}:${process.env.PATH}`,
};
const STEP = 14;

/** The rows spawned for the host at place `h`: every STEP-th row from row h, and every file-tool row. */
function subset(h: number): number[] {
  return CORPUS.map((_, i) => i).filter((i) => (i - h) % STEP === 0 || CORPUS[i]?.file !== undefined);
}

function read(p: string): string {
  return readFileSync(join(dir, p), "utf8");
}

/** cadre's protected-paths command in an event's list (matcher groups or plain handlers). */
function commandIn(list: unknown): string {
  for (const e of list as Array<Record<string, unknown>>) {
    const cmds = Array.isArray(e.hooks)
      ? (e.hooks as Array<{ command: string }>).map((h) => h.command)
      : [e.command as string];
    const c = cmds.find((x) => x?.includes("cadre hook protected-paths "));
    if (c) return c;
  }
  throw new Error(`no protected-paths hook in ${JSON.stringify(list)}`);
}

function installed(host: GuardHost): string {
  switch (host) {
    case "claude-code":
      return commandIn(JSON.parse(read(".claude/settings.json")).hooks.PreToolUse);
    case "codex":
      return commandIn(
        (parseToml(read(".codex/config.toml")) as { hooks: Record<string, unknown> }).hooks.PreToolUse,
      );
    case "cursor":
      return commandIn(JSON.parse(read(".cursor/hooks.json")).hooks.preToolUse);
    case "gemini-cli":
      return commandIn(parseJsonc(read(".gemini/settings.json")).hooks.BeforeTool);
    case "copilot":
      return JSON.parse(read(".github/hooks/cadre-protected-paths.json")).hooks.preToolUse[0].bash as string;
  }
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  mkdirSync(shims, { recursive: true });
  writeFileSync(join(shims, "cadre"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(shims, "cadre"), 0o755);
  const r = await cadre(["init", "--yes", "--hosts", GUARD_HOSTS.join(",")], { cwd: dir, env });
  expect(r.code, r.stderr).toBe(0);
  for (const d of layout.dirs) mkdirSync(join(dir, d), { recursive: true });
  for (const f of layout.files) if (!existsSync(join(dir, f))) writeFileSync(join(dir, f), "x\n");
  for (const [link, to] of Object.entries(layout.links)) spawnSync("ln", ["-s", to, join(dir, link)]);
}, 60_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("guard corpus through the installed command lines", () => {
  GUARD_HOSTS.forEach((host, h) => {
    it(`${host}: every ${STEP}th row from row ${h}, and the file-tool rows`, () => {
      const cmd = installed(host);
      const wrong: string[] = [];
      let rows = 0;
      for (const i of subset(h)) {
        const c = CORPUS[i] as (typeof CORPUS)[number];
        const r = spawnSync("sh", ["-c", cmd], {
          cwd: dir,
          env: { ...process.env, ...env },
          input: JSON.stringify(payloadFor(host, c, dir)),
          encoding: "utf8",
        });
        expect(r.status, r.stderr).toBe(0);
        rows++;
        const got = denied(r.stdout) ? "block" : "allow";
        if (got !== c.expect) wrong.push(`row ${i}: ${c.expect} expected, ${got}: ${c.shell ?? c.file}`);
      }
      expect(rows).toBeGreaterThanOrEqual(20);
      expect(wrong).toEqual([]);
    }, 60_000);
  });
});

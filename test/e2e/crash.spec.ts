import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, cadre, ROOT } from "./helpers.js";

const bases: string[] = [];
afterAll(() => {
  for (const b of bases) rmSync(b, { recursive: true, force: true });
});

const config = (hosts: string, profiles: string, exclude: string) =>
  `version: 1\nhosts: [${hosts}]\nsources: [builtin, team-pack]\nprofiles: [${profiles}]\ninclude: [web-app/*]\nexclude: [${exclude}]\n`;
/** Two selections to switch between: each run is a real selection change (items and hosts). */
const SELECTIONS = [
  config("claude-code, codex, cursor", "core", ""),
  config("claude-code, codex, cursor, cline, copilot", "frontend-react", "skill:writing-plans"),
];
const USER_LINE = "- My own line at the end.\n";

async function project() {
  const base = mkdtempSync(join(tmpdir(), "cadre-crash-e2e-"));
  bases.push(base);
  const dir = join(base, "web-app");
  cpSync(join(ROOT, "examples", "web-app"), dir, { recursive: true });
  writeFileSync(join(dir, "AGENTS.md"), "# Our agents\n\nBe brief.\n");
  writeFileSync(join(dir, ".mcp.json"), '{\n  "mcpServers": {\n    "ours": { "command": "ours" }\n  }\n}\n');
  writeFileSync(join(dir, "cadre.yaml"), SELECTIONS[0] as string);
  const home = join(base, "home");
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_STATE_HOME: join(home, ".state") };
  const first = await cadre(["sync"], { cwd: dir, env });
  expect(first.code, first.stderr).toBe(0);
  const rule = join(dir, ".claude/rules/web-app-conventions.md");
  writeFileSync(rule, readFileSync(rule, "utf8") + USER_LINE);
  return { dir, env, rule };
}

/** Files of 0 bytes anywhere in the project (cadre never writes an empty file here). */
function emptyFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size === 0) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** Empty files and temporaries anywhere but cadre's own state folder. */
function leftovers(dir: string): string[] {
  const out = emptyFiles(dir);
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (relative(dir, p) === ".cadre") continue;
      if (lstatSync(p).isDirectory()) walk(p);
      else if (n.endsWith(".cadre-tmp")) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return [...new Set(out)];
}

/**
 * `sync --check` reports nothing but the user's own edit of an owned rule (a hand edit is drift for the CI
 * gate, and cadre keeps it): no file out of date, missing or torn.
 */
async function checkFindsOnlyTheUserEdit(dir: string, env: NodeJS.ProcessEnv) {
  const check = await cadre(["sync", "--check", "--json"], { cwd: dir, env });
  const files = (
    JSON.parse(check.stdout) as { data: { check: { files: { path: string; state: string }[] } } }
  ).data.check.files;
  expect(files, check.stdout).toEqual([
    expect.objectContaining({ path: ".claude/rules/web-app-conventions.md", state: "edited" }),
  ]);
}

function userEditsIntact(dir: string, rule: string) {
  expect(readFileSync(join(dir, "AGENTS.md"), "utf8").startsWith("# Our agents\n\nBe brief.\n")).toBe(true);
  expect(JSON.parse(readFileSync(join(dir, ".mcp.json"), "utf8")).mcpServers.ours).toEqual({
    command: "ours",
  });
  expect(readFileSync(rule, "utf8").endsWith(USER_LINE)).toBe(true);
}

/** Start `cadre sync` and send it SIGKILL after `ms` (it may finish first). */
function killedSync(dir: string, env: NodeJS.ProcessEnv, ms: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "sync", "--yes"], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: "ignore",
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("error", reject);
    child.on("close", (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

describe("kill -9 at random moments of real syncs", () => {
  it("never leaves an empty or torn file; a plain sync converges and keeps every user edit", async () => {
    const { dir, env, rule } = await project();
    const trials = Number(process.env.CADRE_CRASH_TRIALS ?? 12);
    writeFileSync(join(dir, "cadre.yaml"), SELECTIONS[1] as string);
    const t0 = Date.now();
    expect((await cadre(["sync", "--yes"], { cwd: dir, env })).code).toBe(0);
    const span = Date.now() - t0;
    let killed = 0;
    let midApply = 0;
    for (let i = 0; i < trials; i++) {
      writeFileSync(join(dir, "cadre.yaml"), SELECTIONS[i % 2] as string);
      // Every other trial, SIGKILL from inside at a random disk step (a file created but not yet filled, filled
      // but not renamed, …); the others at a random moment, most of which land while it loads and plans.
      const step = i % 2 === 0 ? 1 + Math.floor(Math.random() * 250) : 0;
      const signal = await killedSync(
        dir,
        { ...env, CADRE_TEST_KILL_AFTER_WRITES: String(step) },
        step ? 60_000 : Math.round(span * (0.5 + 0.6 * Math.random())),
      );
      if (signal === "SIGKILL") killed++;
      if (existsSync(join(dir, ".cadre/journal.json"))) midApply++;
      // A killed write leaves at most its own hidden temporary, which the journal names; never a target.
      expect(
        emptyFiles(dir).filter((p) => !p.endsWith(".cadre-tmp")),
        `trial ${i}`,
      ).toEqual([]);
      const again = await cadre(["sync", "--yes"], { cwd: dir, env });
      expect(again.code, again.stderr).toBe(0);
      expect(leftovers(dir), `trial ${i}`).toEqual([]);
      await checkFindsOnlyTheUserEdit(dir, env);
      userEditsIntact(dir, rule);
    }
    console.log(`kill -9 loop: ${killed} of ${trials} syncs killed, ${midApply} of them while applying`);
  }, 240_000);
});

describe("four syncs at once", () => {
  it("never run their locked sections at the same time", async () => {
    const { dir, env } = await project();
    const trace = join(dir, "..", "trace.log");
    const trials = Number(process.env.CADRE_LOCK_TRIALS ?? 6);
    let ran = 0;
    let refused = 0;
    for (let i = 0; i < trials; i++) {
      writeFileSync(join(dir, "cadre.yaml"), SELECTIONS[(i + 1) % 2] as string);
      const rs = await Promise.all(
        Array.from({ length: 4 }, () =>
          cadre(["sync", "--yes"], { cwd: dir, env: { ...env, CADRE_TEST_LOCK_TRACE: trace } }),
        ),
      );
      for (const r of rs) {
        if (r.code === 0) ran++;
        else {
          expect(r.stderr).toMatch(
            /another cadre run \(pid \d+\) is working on this project|names no process/,
          );
          refused++;
        }
      }
    }
    const lines = readFileSync(trace, "utf8").trim().split("\n");
    // Strictly alternating enter/exit of the same pid: no two locked sections overlap.
    for (let i = 0; i < lines.length; i += 2) {
      const [a, pa] = (lines[i] as string).split(" ");
      const [b, pb] = (lines[i + 1] ?? "").split(" ");
      expect([a, b, pb], `line ${i + 1} of\n${lines.join("\n")}`).toEqual(["enter", "exit", pa]);
    }
    expect(lines.length / 2).toBe(ran);
    expect(ran).toBeGreaterThanOrEqual(trials);
    console.log(
      `lock: ${trials} four-way trials, ${ran} runs took the lock, ${refused} were refused, 0 overlaps`,
    );
    await checkFindsOnlyTheUserEdit(dir, env);
  }, 240_000);
});

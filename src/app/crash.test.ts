import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPlan, recoverJournal } from "../apply/apply.js";
import type { Plan } from "../plan/types.js";
import { computePlan } from "./project.js";
import { pendingActions, syncCommand } from "./sync.js";

/**
 * The crash harness: a multi-host sync with a selection change, a library change that merges into a user's
 * edit, and user content in shared files, killed after every single step that changes the disk (a temporary
 * file created, filled, renamed; a file deleted; journal, merge bases, lock written). After each kill, every
 * target holds its old or its new bytes (never an empty or partial file), the rollback restores the exact
 * tree before the run (merge bases and lock included), and the run then converges to the same tree as an
 * uninterrupted one.
 */

const EXAMPLE = join(import.meta.dirname, "..", "..", "examples", "web-app");
// tmpfs when there is one: the applier fsyncs every file, which a disk makes slow over hundreds of runs.
const TMP = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
let base: string;
let env: NodeJS.ProcessEnv;

/** Every file, link and folder under `dir` (cadre's scratch cache and the fast-path record left out). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const rel = relative(dir, p);
      if (rel === ".cadre/cache" || rel === ".cadre/fingerprint.json" || rel === ".cadre/lock") continue;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[rel] = `link:${readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[`${rel}/`] = "dir";
        walk(p);
      } else out[rel] = `${st.mode & 0o100 ? "x" : "-"}:${readFileSync(p, "utf8")}`;
    }
  };
  walk(dir);
  return out;
}

function copy(from: string): string {
  const to = join(base, `run-${Math.random().toString(36).slice(2)}`);
  cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  return to;
}

const target = (root: string) => ({
  root,
  state: { dir: join(root, ".cadre") },
  lockPath: join(root, "cadre.lock"),
  strict: true,
});

const config = (hosts: string, profiles: string, exclude: string) =>
  `version: 1\nhosts: [${hosts}]\nsources: [builtin, team-pack]\nprofiles: [${profiles}]\ninclude: [web-app/*]\nexclude: [${exclude}]\n`;

let before: string;
let plan: Plan;
let after: Record<string, string>;
let beforeTree: Record<string, string>;
const USER_LINE = "- My own line at the end.\n";

beforeAll(async () => {
  base = mkdtempSync(join(TMP, "cadre-crash-"));
  const home = join(base, "home");
  env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local/state"),
    XDG_CACHE_HOME: join(home, ".cache"),
  };
  before = join(base, "before");
  cpSync(EXAMPLE, before, { recursive: true });
  // The user's own shared files, which every run must keep byte for byte.
  writeFileSync(join(before, "AGENTS.md"), "# Our agents\n\nBe brief.\n");
  writeFileSync(
    join(before, ".mcp.json"),
    '{\n  "mcpServers": {\n    "ours": { "command": "ours" }\n  }\n}\n',
  );
  mkdirSync(join(before, ".cursor"));
  writeFileSync(join(before, "cadre.yaml"), config("claude-code, codex, cursor, cline", "core", ""));
  const first = await syncCommand({ cwd: before, env });
  expect(first.conflicts).toEqual([]);
  // A user's edit of a managed file, and a library change to the same file: the next run merges them.
  const rule = join(before, ".claude/rules/web-app-conventions.md");
  writeFileSync(rule, readFileSync(rule, "utf8") + USER_LINE);
  const src = join(before, "team-pack/rules/web-app-conventions.md");
  writeFileSync(
    src,
    readFileSync(src, "utf8").replace(
      "- Use named exports only.",
      "- Use named exports only, never default.",
    ),
  );
  // The selection changes: a profile with more items, one item left out, two hosts more.
  writeFileSync(
    join(before, "cadre.yaml"),
    config(
      "claude-code, codex, cursor, cline, copilot, gemini-cli, opencode, windsurf",
      "frontend-react",
      "skill:writing-plans",
    ),
  );
  const c = await computePlan({ cwd: before, env });
  plan = c.plan;
  beforeTree = tree(before);
  const ref = copy(before);
  await applyPlan(structuredClone(plan), target(ref));
  after = tree(ref);
  expect(readFileSync(join(ref, ".claude/rules/web-app-conventions.md"), "utf8")).toContain(USER_LINE);
  // The uninterrupted run converges: a plain sync finds nothing to do.
  expect(pendingActions((await computePlan({ cwd: ref, env })).plan.actions)).toEqual([]);
}, 60_000);

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

/** Every path either tree has, as it is in `now`: each must equal its old or its new state. */
function torn(now: Record<string, string>): string[] {
  const out: string[] = [];
  for (const p of new Set([...Object.keys(beforeTree), ...Object.keys(after), ...Object.keys(now)])) {
    if (p.startsWith(".cadre/")) continue;
    if (now[p] !== beforeTree[p] && now[p] !== after[p]) out.push(p);
  }
  return out;
}

describe("a sync killed at every step", () => {
  it("leaves no torn file, rolls back exactly, and then converges", async () => {
    let total = 0;
    await applyPlan(structuredClone(plan), target(copy(before)), (n) => {
      total = n;
    });
    expect(plan.actions.filter((a) => a.type === "merge").length).toBeGreaterThan(0);
    expect(plan.actions.filter((a) => a.type === "delete").length).toBeGreaterThan(0);
    expect(plan.actions.filter((a) => a.type === "create").length).toBeGreaterThan(40);
    expect(total).toBeGreaterThan(300);
    // Three kill points at a time (each in its own copy), so the file system's waits overlap. A copy that
    // was rolled back to the exact old tree serves the next kill point.
    const points = Array.from({ length: total }, (_, i) => i + 1);
    const worker = async () => {
      let dir = copy(before);
      for (let k = points.shift(); k !== undefined; k = points.shift()) {
        if (!(await killAt(dir, k, total))) {
          rmSync(dir, { recursive: true, force: true });
          dir = copy(before);
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  }, 120_000);
});

/** One kill point: the run killed after step `k` in `dir`, then the checks. Whether `dir` is back to `before`. */
async function killAt(dir: string, k: number, total: number): Promise<boolean> {
  await expect(
    applyPlan(structuredClone(plan), target(dir), (n) => {
      if (n === k) throw new Error(`killed at step ${k}`);
    }),
  ).rejects.toThrow(`killed at step ${k}`);
  const now = tree(dir);
  // Temporaries are hidden names the journal knows; any other path is old or new, never partial.
  const bad = torn(now).filter((p) => !p.endsWith(".cadre-tmp"));
  expect(bad, `step ${k}`).toEqual([]);
  await recoverJournal(target(dir));
  const rolled = tree(dir);
  // The last step removes the journal: the run had committed, nothing is rolled back.
  expect(diff(rolled, k === total ? after : beforeTree), `step ${k} of ${total}`).toEqual([]);
  if (k % 40 === 0 || k === total - 1) {
    // The plain sync of a user, in full: recover (done), plan again, apply; then nothing is left to do.
    const r = await syncCommand({ cwd: dir, env });
    expect(r.conflicts, `step ${k}`).toEqual([]);
    expect(diff(tree(dir), after), `step ${k}`).toEqual([]);
    expect(pendingActions((await computePlan({ cwd: dir, env })).plan.actions)).toEqual([]);
    expect(readFileSync(join(dir, "AGENTS.md"), "utf8")).toMatch(/^# Our agents\n\nBe brief\.\n/);
  } else if (k % 10 === 0) {
    // Rolled back to the exact old tree, the same plan follows (checked in full every 40 steps above).
    await applyPlan(structuredClone(plan), target(dir));
    expect(diff(tree(dir), after), `step ${k}`).toEqual([]);
  } else return k !== total;
  return false;
}

/** The paths whose state differs between two trees. */
function diff(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((p) => a[p] !== b[p]).sort();
}

describe("temporaries a killed run left in .cadre/", () => {
  it("are removed by the next locked run, links as links, and nothing else", async () => {
    const dir = copy(before);
    await syncCommand({ cwd: dir, env });
    const outside = join(base, `outside-${Math.random().toString(36).slice(2)}`);
    writeFileSync(outside, "keep me\n");
    // What kill -9 leaves between opening a state file's temporary and renaming it: an empty hidden file.
    writeFileSync(join(dir, ".cadre/.k3j5h2.cadre-tmp"), "");
    writeFileSync(join(dir, ".cadre/cache/.p9q8r7.cadre-tmp"), "half");
    symlinkSync(outside, join(dir, ".cadre/.link.cadre-tmp"));
    mkdirSync(join(dir, ".cadre/not-mine.cadre-tmp"));
    await syncCommand({ cwd: dir, env });
    const left = readdirSync(join(dir, ".cadre")).filter((n) => n.endsWith(".cadre-tmp"));
    expect(left).toEqual(["not-mine.cadre-tmp"]);
    expect(readdirSync(join(dir, ".cadre/cache")).filter((n) => n.endsWith(".cadre-tmp"))).toEqual([]);
    expect(readFileSync(outside, "utf8")).toBe("keep me\n");
  });
});

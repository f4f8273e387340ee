import { chmodSync, cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusCommand } from "./status.js";
import { syncCommand } from "./sync.js";

/**
 * A plugin's skill scripts keep their exec bit where they are installed (Claude Code runs
 * `scripts/start-server.sh` directly), and `status` (and so `sync --check`) sees a lost bit.
 */
const FIXTURE = join(import.meta.dirname, "..", "..", "test", "fixtures", "faithful-plugin");
const SCRIPTS = ".claude/skills/web-preview/scripts";
let root: string;
let env: NodeJS.ProcessEnv;
const exec = (p: string) => (statSync(join(root, p)).mode & 0o100) !== 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "cadre-exec-bits-"));
  const home = join(root, "home");
  env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local/state"),
    XDG_CACHE_HOME: join(home, ".cache"),
  };
  cpSync(FIXTURE, join(root, "plugin"), { recursive: true });
  // Modes as a checkout has them: the server script carries the bit, port.py only its `#!` line.
  chmodSync(join(root, "plugin/skills/web-preview/scripts/start-server.sh"), 0o755);
  chmodSync(join(root, "plugin/skills/web-preview/scripts/port.py"), 0o644);
  writeFileSync(
    join(root, "cadre.yaml"),
    "version: 1\nhosts: [claude-code]\nsources: [./plugin]\ninclude: [faithful/*]\n",
  );
  const first = await syncCommand({ cwd: root, env });
  expect(first.conflicts).toEqual([]);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("exec bits of pack files", () => {
  it("installs a skill's scripts executable: the bit in the pack, or a #! line", () => {
    expect({
      server: exec(`${SCRIPTS}/start-server.sh`),
      port: exec(`${SCRIPTS}/port.py`),
      readme: exec(`${SCRIPTS}/README.md`),
      skill: exec(".claude/skills/web-preview/SKILL.md"),
    }).toEqual({ server: true, port: true, readme: false, skill: false });
  });

  it("status and sync --check report a script that lost its bit, and the next sync restores it", async () => {
    const path = `${SCRIPTS}/start-server.sh`;
    const clean = await statusCommand({ cwd: root, env });
    expect(clean.files.filter((f) => f.state !== "up to date")).toEqual([]);
    chmodSync(join(root, path), 0o644);
    const lost = await statusCommand({ cwd: root, env });
    expect(
      lost.files.filter((f) => f.state !== "up to date").map((f) => [f.path, f.state, f.reason]),
    ).toEqual([[path, "outdated", "lost its exec bit; made executable again"]]);
    // `sync --check` is a dry run that fails on every file whose state is not "up to date".
    const check = await syncCommand({ cwd: root, env, dryRun: true });
    expect(check.files.filter((f) => f.state !== "up to date").map((f) => f.path)).toEqual([path]);
    expect(exec(path)).toBe(false);
    await syncCommand({ cwd: root, env });
    expect(exec(path)).toBe(true);
  }, 60_000);
});

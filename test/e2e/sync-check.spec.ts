import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cadre, homeEnv, json, ROOT } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(): { dir: string; env: NodeJS.ProcessEnv } {
  const base = mkdtempSync(join(tmpdir(), "cadre-check-"));
  dirs.push(base);
  const dir = join(base, "web-app");
  cpSync(join(ROOT, "examples", "web-app"), dir, { recursive: true });
  const home = join(base, "home");
  return {
    dir,
    env: homeEnv(home),
  };
}

/** Change the body's last letter in place, keeping the size, inode and mtime (what the fast path looks at). */
function sneakyEdit(file: string): void {
  const st = statSync(file);
  const text = readFileSync(file, "utf8");
  const i = text.length - 1 - [...text].reverse().findIndex((c) => /[a-z]/.test(c));
  writeFileSync(file, text.slice(0, i) + text[i]?.toUpperCase() + text.slice(i + 1));
  utimesSync(file, st.atime, st.mtime);
}

interface StatusJson {
  data: { files: Array<{ path: string; state: string }> };
}
interface CheckJson {
  ok: boolean;
  data: { check: { ok: boolean; files: Array<{ path: string; state: string; reason: string }> } };
}

/** Run `status --json` and `sync --check --json` on the same state; they must agree. */
async function both(dir: string, env: NodeJS.ProcessEnv) {
  const st = await cadre(["status", "--json"], { cwd: dir, env });
  expect(st.code, st.stderr).toBe(0);
  const attention = json<StatusJson>(st)
    .data.files.filter((f) => f.state !== "up to date")
    .map((f) => `${f.state} ${f.path}`)
    .sort();
  const ck = await cadre(["sync", "--check", "--json"], { cwd: dir, env });
  const listed = json<CheckJson>(ck)
    .data.check.files.map((f) => `${f.state} ${f.path}`)
    .sort();
  expect(listed).toEqual(attention);
  expect(ck.code).toBe(attention.length ? 1 : 0);
  expect(json<CheckJson>(ck).ok).toBe(attention.length === 0);
  const text = await cadre(["sync", "--check"], { cwd: dir, env });
  expect(text.code).toBe(attention.length ? 1 : 0);
  for (const line of attention) expect(text.stdout).toContain(line.slice(line.indexOf(" ") + 1));
  return attention;
}

describe("sync --check is the CI gate: it agrees with status and never answers from the fast path", () => {
  it("fails on hand edits, library drift, missing files and hand-changed owned keys, listing them", async () => {
    const { dir, env } = project();
    const init = await cadre(["init", "--yes", "--hosts", "claude-code,codex", "--source", "team-pack"], {
      cwd: dir,
      env,
    });
    expect(init.code, init.stderr).toBe(0);
    expect(await both(dir, env)).toEqual([]);

    // A same-size hand edit with the mtime put back: the fast path's fingerprint still matches.
    sneakyEdit(join(dir, ".claude/rules/web-app-conventions.md"));
    expect(await both(dir, env)).toEqual(["edited .claude/rules/web-app-conventions.md"]);

    // A plain hand edit of another owned file.
    appendFileSync(join(dir, ".codex/agents/web-app-reviewer.toml"), "\n# mine\n");
    expect(await both(dir, env)).toHaveLength(2);

    // The library changed under the same size and mtime: drift.
    const src = join(dir, "team-pack/agents/quality/web-app-reviewer.md");
    sneakyEdit(src);
    const drift = await both(dir, env);
    expect(drift).toContain("outdated .claude/agents/web-app-reviewer.md");

    // A missing file and an owned key changed by hand in a shared file.
    unlinkSync(join(dir, ".claude/skills/release-checklist/SKILL.md"));
    const mcp = join(dir, ".mcp.json");
    writeFileSync(mcp, readFileSync(mcp, "utf8").replace('"mcp"', '"serve"'));
    const all = await both(dir, env);
    expect(all).toContain("missing .claude/skills/release-checklist/SKILL.md");
    expect(all).toContain("edited .mcp.json");

    // `sync --force` puts cadre's content back over every hand edit (also where the library did not change).
    expect((await cadre(["sync", "--force"], { cwd: dir, env })).code).toBe(0);
    expect(await both(dir, env)).toEqual([]);
  }, 60_000);
});

describe("sync refuses a plan that removes more than it keeps unless confirmed", () => {
  it("a selection that resolves to nothing removes nothing without --yes; uninstall is not affected", async () => {
    const { dir, env } = project();
    const init = await cadre(["init", "--yes", "--hosts", "claude-code", "--source", "team-pack"], {
      cwd: dir,
      env,
    });
    expect(init.code, init.stderr).toBe(0);
    const before = readFileSync(join(dir, "cadre.lock"), "utf8");
    const installed = Object.keys(JSON.parse(before).files as object);
    expect(installed.length).toBeGreaterThan(10);

    // Nothing selected any more (a profile list emptied by mistake): stdin is not a TTY here.
    const config = join(dir, "cadre.yaml");
    const original = readFileSync(config, "utf8");
    writeFileSync(
      config,
      original.replace(/^profiles: .*$/m, "profiles: []").replace(/^include: .*$/m, "include: []"),
    );
    const refused = await cadre(["sync"], { cwd: dir, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(`remove ${installed.length} of the files cadre installed and keep 0`),
    );
    expect(refused.stderr).toMatch(/--yes/);
    expect(refused.stderr).toMatch(/cadre uninstall/);
    const asJson = await cadre(["sync", "--json"], { cwd: dir, env });
    expect(asJson.code).toBe(1);
    expect(json<{ ok: boolean; errors: Array<{ hint: string }> }>(asJson).errors[0]?.hint).toMatch(/--yes/);
    for (const p of installed) expect(existsSync(join(dir, p)), p).toBe(true);
    expect(readFileSync(join(dir, "cadre.lock"), "utf8")).toBe(before);
    // A dry run and the CI gate only report.
    expect((await cadre(["sync", "--dry-run"], { cwd: dir, env })).code).toBe(0);

    // A smaller selection that keeps more than it removes goes through as before.
    writeFileSync(config, original.replace(/^include: .*$/m, "include: []"));
    const smaller = await cadre(["sync"], { cwd: dir, env });
    expect(smaller.code, smaller.stderr).toBe(0);
    expect(existsSync(join(dir, ".claude/agents/web-app-reviewer.md"))).toBe(false);

    // --yes removes them.
    writeFileSync(
      config,
      original.replace(/^profiles: .*$/m, "profiles: []").replace(/^include: .*$/m, "include: []"),
    );
    const yes = await cadre(["sync", "--yes"], { cwd: dir, env });
    expect(yes.code, yes.stderr).toBe(0);
    expect(existsSync(join(dir, ".claude/agents/code-reviewer.md"))).toBe(false);

    // Uninstall needs no --yes from the guard (its own confirmation stays).
    writeFileSync(config, original);
    expect((await cadre(["sync"], { cwd: dir, env })).code).toBe(0);
    const un = await cadre(["uninstall", "--yes"], { cwd: dir, env });
    expect(un.code, un.stderr).toBe(0);
    expect(existsSync(join(dir, "cadre.lock"))).toBe(false);
  }, 60_000);
});

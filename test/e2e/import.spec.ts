import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, cadre, homeEnv, json, ROOT } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(fixture: string): { dir: string; env: NodeJS.ProcessEnv } {
  const base = mkdtempSync(join(tmpdir(), "cadre-import-"));
  dirs.push(base);
  const dir = join(base, "app");
  cpSync(join(ROOT, "test", "fixtures", fixture), dir, { recursive: true });
  return { dir, env: homeEnv(join(base, "home")) };
}

/** Every file under dir (path → sha256 and exec bit), leaving out what import and sync add. */
function tree(
  dir: string,
  skip = /^(cadre-import|cadre-import-wazir|packs|\.cadre)\/|^cadre\.(yaml|lock)$/,
): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      const rel = relative(dir, abs);
      if (e.isDirectory()) walk(abs);
      else if (!skip.test(rel)) {
        const exec = (statSync(abs).mode & 0o100) !== 0 ? " +x" : "";
        out[rel] = createHash("sha256").update(readFileSync(abs)).digest("hex") + exec;
      }
    }
  };
  walk(dir);
  return out;
}

interface ImportData {
  pack: string;
  imported: Array<{ path: string; host: string; kind: string; origin: string }>;
  skipped: Array<{ path: string; reason: string }>;
  include: Record<string, string[]>;
}

describe("cadre import: a project with blue-gardener, skillset and hand-written host files", () => {
  const { dir, env } = project("import-project");
  const before = tree(dir);

  it("--dry-run lists what it would import and writes nothing", async () => {
    const r = await cadre(["import", "--dry-run", "--json"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const d = json<{ data: ImportData }>(r).data;
    expect(d.imported.length).toBeGreaterThan(10);
    expect(existsSync(join(dir, "cadre-import"))).toBe(false);
    expect(existsSync(join(dir, "cadre.yaml"))).toBe(false);
    expect(tree(dir, /^$/)).toEqual(before);
  });

  it("imports every kind it can reproduce, and says why it leaves the rest", async () => {
    const r = await cadre(["import", "--json"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const d = json<{ data: ImportData }>(r).data;
    const got = d.imported.map((e) => `${e.origin} ${e.host} ${e.kind} ${e.path}`);
    expect(got).toEqual(
      expect.arrayContaining([
        "blue-gardener cursor agent .cursor/agents/blue-release-notes-writer.md",
        "blue-gardener claude-code agent .claude/agents/blue-release-notes-writer.md",
        "blue-gardener cursor agent .cursor/agents/blue-schema-migration-planner.md",
        "skillset claude-code skill .claude/skills/changelog-writer",
        "skillset claude-code skill .claude/skills/flaky-test-detective",
        "hand-written claude-code agent .claude/agents/code-reviewer.md",
        "hand-written claude-code command .claude/commands/ship.md",
        "hand-written cursor rule .cursor/rules/typescript-style.mdc",
        "hand-written claude-code mcp .mcp.json#issues",
        "hand-written claude-code hook .claude/settings.json#PreToolUse",
      ]),
    );
    const skipped = Object.fromEntries(d.skipped.map((s) => [s.path, s.reason]));
    expect(skipped[".cursor/agents/.blue-generated-manifest.json"]).toMatch(/platform codex/);
    expect(skipped[".claude/agents/team/pairing-partner.md"]).toMatch(/subfolders/);
    expect(skipped["AGENTS.md"]).toMatch(/stay yours/);
    expect(skipped[".mcp.json#local-db"]).toMatch(/would conflict \.mcp\.json/);
    expect(d.imported.map((e) => e.path)).not.toContain(".mcp.json#local-db");
    expect(Object.keys(d.include).sort()).toEqual(["claude-code", "cursor"]);
    const lock = JSON.parse(readFileSync(join(dir, "cadre.lock"), "utf8"));
    for (const e of d.imported.filter((x) => !x.path.includes("#") && x.kind !== "skill"))
      expect(lock.files[e.path], e.path).toMatchObject({ adopted: true, hosts: [e.host] });
    expect(lock.files[".claude/skills/flaky-test-detective/scripts/rerun.sh"]).toMatchObject({
      executable: true,
      adopted: true,
    });
    expect(Object.keys(lock.files[".mcp.json"].keys)).toEqual(["/mcpServers/issues"]);
    const packed = JSON.parse(readFileSync(join(dir, "cadre-import/settings/.mcp.json"), "utf8"));
    expect(Object.keys(packed.mcpServers)).toEqual(["issues"]);
    expect(existsSync(join(dir, "cadre-import/.cursor/rules/small-changes.mdc"))).toBe(false);
  });

  it("changes no byte of the host files; sync --check is clean and sync does nothing", async () => {
    expect(tree(dir)).toEqual(before);
    const check = await cadre(["sync", "--check"], { cwd: dir, env });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const again = await cadre(["sync", "--json"], { cwd: dir, env });
    const actions = json<{ data: { actions: Array<{ type: string }> } }>(again).data.actions;
    expect(actions.filter((a) => a.type !== "skip")).toEqual([]);
    expect(tree(dir)).toEqual(before);
  });

  it("merges a later edit of yours with a change to the imported pack", async () => {
    const file = join(dir, ".claude/agents/code-reviewer.md");
    const mine = readFileSync(file, "utf8").replace("worst first.", "worst first.\n\nAlso check the tests.");
    writeFileSync(file, mine);
    const packed = join(dir, "cadre-import/.claude/agents/code-reviewer.md");
    writeFileSync(packed, readFileSync(packed, "utf8").replace("model: sonnet", "model: opus"));
    const r = await cadre(["sync", "--json"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const merged = readFileSync(file, "utf8");
    expect(merged).toContain("model: opus");
    expect(merged).toContain("Also check the tests.");
  });

  it("uninstall releases the adopted files instead of deleting them", async () => {
    const r = await cadre(["uninstall", "--yes", "--json"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const actions = json<{ data: { actions: Array<{ type: string; path: string }> } }>(r).data.actions;
    expect(actions.filter((a) => a.type === "delete")).toEqual([]);
    const now = tree(dir);
    for (const p of Object.keys(before)) expect(now[p], p).toBeDefined();
    expect(now[".cursor/agents/blue-release-notes-writer.md"]).toBe(
      before[".cursor/agents/blue-release-notes-writer.md"],
    );
    expect(existsSync(join(dir, "cadre.lock"))).toBe(false);
  });
});

describe("cadre import: edge cases", () => {
  it("reads blue-gardener's older single `platform` manifest and keeps the user's cadre.yaml text", async () => {
    const { dir, env } = project("import-blue-single");
    const before = tree(dir);
    const config = readFileSync(join(dir, "cadre.yaml"), "utf8");
    const r = await cadre(["import", "--to", "packs/ours"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /cursor +agent +\.cursor\/agents\/blue-api-contract-reviewer\.md +blue-gardener/,
    );
    const after = readFileSync(join(dir, "cadre.yaml"), "utf8");
    expect(after).toContain("# Our team's cadre setup. Keep this comment.");
    expect(after).toContain("profiles: []   # nothing from the library yet");
    expect(after).toContain("sources: [builtin, ./packs/ours]");
    expect(after.length).toBeGreaterThan(config.length);
    expect(existsSync(join(dir, "packs/ours/.cursor/agents/blue-api-contract-reviewer.md"))).toBe(true);
    expect(tree(dir)).toEqual(before);
    expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
  });

  it("a malformed manifest is an error naming the file and line, and nothing is written", async () => {
    const { dir, env } = project("import-blue-single");
    const m = join(dir, ".cursor/agents/.blue-generated-manifest.json");
    writeFileSync(m, '{\n  "version": "0.1.0",\n  "platform": "cursor",\n  "agents": {,}\n}\n');
    const r = await cadre(["import"], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(".cursor/agents/.blue-generated-manifest.json:4:");
    expect(existsSync(join(dir, "cadre-import"))).toBe(false);
    expect(existsSync(join(dir, "cadre.lock"))).toBe(false);
    const j = await cadre(["import", "--json"], { cwd: dir, env });
    expect(json<{ ok: boolean; errors: Array<{ code: string }> }>(j)).toMatchObject({
      ok: false,
      errors: [{ code: "E_PARSE" }],
    });
  });

  it("refuses a --to outside the project and an existing pack folder", async () => {
    const { dir, env } = project("import-blue-single");
    const out = await cadre(["import", "--to", "../elsewhere"], { cwd: dir, env });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("not a folder inside the project");
    mkdirSync(join(dir, "cadre-import"));
    const taken = await cadre(["import"], { cwd: dir, env });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("cadre-import already exists");
    expect(existsSync(join(dir, "cadre.lock"))).toBe(false);
    expect((await cadre(["import", "--to", "imported"], { cwd: dir, env })).code).toBe(0);
    const twice = await cadre(["import", "--to", "again"], { cwd: dir, env });
    expect(twice.code).toBe(0);
    expect(twice.stdout).toContain("nothing to import");
  });

  it("converts a Wazir repository's content into a pack that installs once selected", async () => {
    const { dir, env } = project("import-wazir");
    const before = tree(dir);
    const r = await cadre(["import", "--json"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const d = json<{ data: { wazir: { pack: string; name: string; hosts: string[]; items: number } } }>(
      r,
    ).data;
    expect(d.wazir).toEqual({
      pack: "cadre-import-wazir",
      name: "ledger-service",
      hosts: ["claude-code", "codex"],
      items: 7,
    });
    expect(tree(dir)).toEqual(before);
    expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
    const list = await cadre(["list", "--json"], { cwd: dir, env });
    const ids = json<{ data: { items: Array<{ id: string; pack: string }> } }>(list)
      .data.items.filter((i) => i.pack === "ledger-service")
      .map((i) => i.id)
      .sort();
    expect(ids).toEqual([
      "agent:clarifier",
      "agent:reviewer",
      "command:clarify",
      "command:spec-challenge",
      "expertise:backend-idempotency",
      "expertise:testing-contract-tests",
      "hook:wazir-protected-paths",
    ]);
    expect((await cadre(["add", "ledger-service/agent:*"], { cwd: dir, env })).code).toBe(0);
    expect(readFileSync(join(dir, ".claude/agents/clarifier.md"), "utf8")).toContain(
      "until the scope is unambiguous",
    );
  });

  it("init without a terminal hints at import when host files cadre did not write are there", async () => {
    const { dir, env } = project("import-blue-single");
    rmSync(join(dir, "cadre.yaml"));
    const r = await cadre(["init", "--yes", "--hosts", "cursor", "--no-sync"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("1 host files cadre did not write (blue-gardener) are here: `cadre import`");
  });

  it("interactive init offers the import first, and takes it on Enter", async () => {
    const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
    expect(hasTmux, "tmux is installed (.ci/run installs it)").toBe(true);
    const { dir, env } = project("import-blue-single");
    rmSync(join(dir, "cadre.yaml"));
    const session = `cadre-import-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync("tmux", args, { encoding: "utf8" });
    const waitFor = async (text: string) => {
      for (let i = 0; i < 100; i++) {
        const screen = tmux("capture-pane", "-p", "-t", session).stdout ?? "";
        if (screen.includes(text)) return screen;
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error(`timed out waiting for "${text}"`);
    };
    const cmd = `cd '${dir}' && env -u CI HOME='${env.HOME}' XDG_CACHE_HOME='${env.XDG_CACHE_HOME}' NO_COLOR=1 '${process.execPath}' '${BIN}' init; echo "EXIT=$?"; sleep 30`;
    try {
      expect(tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "40", cmd).status).toBe(0);
      expect(await waitFor("Import them into a local pack")).toContain("(blue-gardener)");
      await new Promise((r) => setTimeout(r, 300));
      tmux("send-keys", "-t", session, "Enter");
      await waitFor("EXIT=0");
    } finally {
      tmux("kill-session", "-t", session);
    }
    const lock = JSON.parse(readFileSync(join(dir, "cadre.lock"), "utf8"));
    expect(lock.files[".cursor/agents/blue-api-contract-reviewer.md"]).toMatchObject({ adopted: true });
    expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
  });

  it("--help shows examples", async () => {
    const r = await cadre(["import", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("cadre import --dry-run");
    expect(r.stdout).toContain("--to <folder>");
  });
});

import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse as parseToml } from "smol-toml";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { cadre, homeEnv, json, ROOT } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh copy of examples/web-app, with HOME pointed at a scratch folder. */
function project(): { dir: string; env: NodeJS.ProcessEnv } {
  const base = mkdtempSync(join(tmpdir(), "cadre-e2e-"));
  dirs.push(base);
  const dir = join(base, "web-app");
  cpSync(join(ROOT, "examples", "web-app"), dir, { recursive: true });
  const home = join(base, "home");
  return {
    dir,
    env: homeEnv(home),
  };
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

function frontmatter(text: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) throw new Error(`no frontmatter in:\n${text}`);
  return parseYaml(m[1] as string) as Record<string, unknown>;
}

const HOSTS = "claude-code,codex,cursor,gemini-cli,copilot,opencode,windsurf,kiro";

describe("init --yes, sync, status, uninstall on examples/web-app", () => {
  it("writes each host's native files with the fields hosts.md documents", async () => {
    const { dir, env } = project();
    const r = await cadre(["init", "--yes", "--hosts", HOSTS, "--source", "team-pack", "--json"], {
      cwd: dir,
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(json<{ data: { hosts: string[] } }>(r).data.hosts).toEqual(HOSTS.split(","));
    const agent = frontmatter(readFileSync(join(dir, ".claude/agents/code-reviewer.md"), "utf8"));
    expect(agent).toMatchObject({
      name: "code-reviewer",
      model: expect.stringMatching(/^(haiku|sonnet|opus|inherit)$/),
    });
    expect(typeof agent.description).toBe("string");
    const codex = parseToml(readFileSync(join(dir, ".codex/agents/code-reviewer.toml"), "utf8"));
    expect(codex).toMatchObject({
      name: "code-reviewer",
      description: expect.any(String),
      developer_instructions: expect.any(String),
    });
    expect(frontmatter(readFileSync(join(dir, ".opencode/agents/code-reviewer.md"), "utf8"))).toMatchObject({
      mode: "subagent",
    });
    expect(
      frontmatter(readFileSync(join(dir, ".cursor/rules/web-app-conventions.mdc"), "utf8")),
    ).toMatchObject({ alwaysApply: false, globs: "src/**/*.ts" });
    expect(
      frontmatter(
        readFileSync(join(dir, ".github/instructions/web-app-conventions.instructions.md"), "utf8"),
      ),
    ).toMatchObject({ applyTo: "src/**/*.ts" });
    expect(frontmatter(readFileSync(join(dir, ".devin/rules/web-app-conventions.md"), "utf8"))).toMatchObject(
      { trigger: "glob" },
    );
    expect(
      frontmatter(readFileSync(join(dir, ".kiro/steering/web-app-conventions.md"), "utf8")),
    ).toMatchObject({ inclusion: "fileMatch" });
    const skill = frontmatter(readFileSync(join(dir, ".claude/skills/release-checklist/SKILL.md"), "utf8"));
    expect(skill.name).toBe("release-checklist");
    expect(readFileSync(join(dir, "AGENTS.md"), "utf8")).toMatch(
      /<!-- cadre:begin -->[\s\S]*web-app-conventions[\s\S]*<!-- cadre:end -->/,
    );
    expect(JSON.parse(readFileSync(join(dir, ".mcp.json"), "utf8")).mcpServers).toBeDefined();
    expect(parseToml(readFileSync(join(dir, ".codex/config.toml"), "utf8"))).toHaveProperty("mcp_servers");

    const again = await cadre(["sync"], { cwd: dir, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/nothing to do/);
    expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
    rmSync(join(dir, ".cursor/rules/web-app-conventions.mdc"));
    const check = await cadre(["sync", "--check"], { cwd: dir, env });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/web-app-conventions\.mdc/);
    const status = json<{ data: { files: Array<{ path: string; state: string }> } }>(
      await cadre(["status", "--json"], { cwd: dir, env }),
    );
    expect(status.data.files.find((f) => f.path === ".cursor/rules/web-app-conventions.mdc")?.state).toBe(
      "missing",
    );
    expect((await cadre(["repair"], { cwd: dir, env })).code).toBe(0);
    expect(existsSync(join(dir, ".cursor/rules/web-app-conventions.mdc"))).toBe(true);
  });

  it("keeps a user's edit through an update: merged when clean, kept with a proposal on conflict", async () => {
    const { dir, env } = project();
    expect(
      (await cadre(["init", "--yes", "--hosts", "claude-code", "--source", "team-pack"], { cwd: dir, env }))
        .code,
    ).toBe(0);
    const target = join(dir, ".claude/rules/web-app-conventions.md");
    const source = join(dir, "team-pack/rules/web-app-conventions.md");
    writeFileSync(target, `${readFileSync(target, "utf8")}- My own line at the end.\n`);
    writeFileSync(
      source,
      readFileSync(source, "utf8").replace(
        "- Use named exports only.",
        "- Use named exports only, never default exports.",
      ),
    );
    const merged = await cadre(["update"], { cwd: dir, env });
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/merge\s+\.claude\/rules\/web-app-conventions\.md/);
    const text = readFileSync(target, "utf8");
    expect(text).toContain("My own line at the end.");
    expect(text).toContain("never default exports");

    writeFileSync(target, text.replace("never default exports", "default exports are fine"));
    writeFileSync(
      source,
      readFileSync(source, "utf8").replace("never default exports", "no default exports at all"),
    );
    const conflict = await cadre(["sync"], { cwd: dir, env });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/conflict: \.claude\/rules\/web-app-conventions\.md/);
    expect(readFileSync(target, "utf8")).toContain("default exports are fine");
    expect(readFileSync(`${target}.cadre-proposed`, "utf8")).toContain("no default exports at all");
  });

  it("never overwrites a file it did not write, and uninstall restores the original bytes", async () => {
    const { dir, env } = project();
    writeFileSync(join(dir, "AGENTS.md"), "# Our agents\n\nBe brief.\n");
    writeFileSync(
      join(dir, ".mcp.json"),
      '{\n  "mcpServers": {\n    "ours": { "command": "ours" }\n  }\n}\n',
    );
    const before = tree(dir);
    const r = await cadre(["init", "--yes", "--hosts", "claude-code,codex,cursor,copilot"], {
      cwd: dir,
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "AGENTS.md"), "utf8").startsWith("# Our agents\n\nBe brief.\n")).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, ".mcp.json"), "utf8")).mcpServers.ours).toEqual({
      command: "ours",
    });
    const u = await cadre(["uninstall", "--yes"], { cwd: dir, env });
    expect(u.code, u.stderr).toBe(0);
    const after = tree(dir);
    delete after["cadre.yaml"];
    expect(after).toEqual(before);
  });

  it("survives kill -9 in the middle of a sync: the next run rolls back, then installs", async () => {
    const { dir, env } = project();
    const before = tree(dir);
    expect(
      (await cadre(["init", "--yes", "--hosts", "claude-code,cursor", "--no-sync"], { cwd: dir, env })).code,
    ).toBe(0);
    const killed = await cadre(["sync"], { cwd: dir, env: { ...env, CADRE_TEST_KILL_AFTER_WRITES: "7" } });
    expect(killed.signal).toBe("SIGKILL");
    expect(existsSync(join(dir, ".cadre/journal.json"))).toBe(true);
    const repaired = await cadre(["repair", "--json"], {
      cwd: dir,
      env: { ...env, CADRE_TEST_KILL_AFTER_WRITES: "0" },
    });
    expect(repaired.code, repaired.stderr).toBe(0);
    expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
    for (const [p, t] of Object.entries(before)) expect(readFileSync(join(dir, p), "utf8")).toBe(t);
  });

  it("rejects a hand-mangled cadre.lock with a clear error, and repair rebuilds it", async () => {
    const { dir, env } = project();
    expect((await cadre(["init", "--yes", "--hosts", "cursor"], { cwd: dir, env })).code).toBe(0);
    writeFileSync(join(dir, "cadre.lock"), '{"version": 1, "files": 3}');
    const bad = await cadre(["sync"], { cwd: dir, env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cadre\.lock is damaged/);
    expect(bad.stderr).toMatch(/cadre repair/);
    const fixed = await cadre(["repair"], { cwd: dir, env });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
  });
});

describe("Roo Code custom modes", () => {
  it("adds agents as modes to the user's YAML .roomodes, keeps their modes and comments, and removes only its own", async () => {
    const { dir, env } = project();
    const mine =
      "# modes for this repo\ncustomModes:\n  - slug: docs # ours\n    name: Docs\n    roleDefinition: You write docs.\n    groups: [read, edit]\n";
    writeFileSync(join(dir, ".roomodes"), mine);
    const r = await cadre(["init", "--yes", "--hosts", "roo", "--source", "team-pack"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, ".roomodes"), "utf8");
    expect(text.startsWith("# modes for this repo\ncustomModes:\n  - slug: docs # ours\n")).toBe(true);
    const modes = (parseYaml(text) as { customModes: Array<Record<string, unknown>> }).customModes;
    const reviewer = modes.find((m) => m.slug === "code-reviewer");
    expect(reviewer).toMatchObject({
      name: "Code Reviewer",
      roleDefinition: expect.any(String),
      whenToUse: expect.any(String),
      groups: expect.arrayContaining(["read"]),
    });
    expect(modes[0]?.slug).toBe("docs");
    expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
    rmSync(join(dir, "cadre.lock"));
    const fixed = await cadre(["repair"], { cwd: dir, env });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
    expect((await cadre(["uninstall", "--yes"], { cwd: dir, env })).code).toBe(0);
    const left = readFileSync(join(dir, ".roomodes"), "utf8");
    expect(left).toContain("slug: docs # ours");
    expect(left).not.toContain("code-reviewer");
  });
});

describe("--global and budgets", () => {
  it("installs into the hosts' user folders with config and lock under XDG", async () => {
    const { dir, env } = project();
    const r = await cadre(["init", "--yes", "--global", "--hosts", "claude-code,opencode"], {
      cwd: dir,
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    const home = env.HOME as string;
    expect(existsSync(join(home, ".claude/agents/code-reviewer.md"))).toBe(true);
    expect(existsSync(join(home, ".config/opencode/agents/code-reviewer.md"))).toBe(true);
    expect(existsSync(join(home, ".config/cadre/cadre.yaml"))).toBe(true);
    expect(existsSync(join(home, ".local/state/cadre/cadre.lock"))).toBe(true);
    expect(existsSync(join(dir, "cadre.yaml"))).toBe(false);
    expect((await cadre(["sync", "--global", "--check"], { cwd: dir, env })).code).toBe(0);
    expect((await cadre(["uninstall", "--global", "--yes"], { cwd: dir, env })).code).toBe(0);
    expect(existsSync(join(home, ".claude/agents/code-reviewer.md"))).toBe(false);
  });

  it("warns when the selection is over the token budget", async () => {
    const { dir, env } = project();
    expect((await cadre(["init", "--yes", "--hosts", "cursor", "--no-sync"], { cwd: dir, env })).code).toBe(
      0,
    );
    writeFileSync(
      join(dir, "cadre.yaml"),
      `${readFileSync(join(dir, "cadre.yaml"), "utf8")}budgets: { tokens: 100 }\n`,
    );
    const r = await cadre(["sync", "--dry-run"], { cwd: dir, env });
    expect(r.stderr).toMatch(/over the budget of 100/);
  });
});

describe("--link", () => {
  it("symlinks unchanged skill files to the pack, records it in the lock, and removes only the links", async () => {
    const { dir, env } = project();
    const r = await cadre(["init", "--yes", "--hosts", "claude-code", "--link"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const lock = JSON.parse(readFileSync(join(dir, "cadre.lock"), "utf8")) as {
      files: Record<string, { link?: boolean }>;
    };
    const linked = Object.entries(lock.files)
      .filter(([, e]) => e.link)
      .map(([p]) => p);
    expect(linked.length).toBeGreaterThan(0);
    for (const p of linked) expect(lstatSync(join(dir, p)).isSymbolicLink()).toBe(true);
    expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
    const target = readlinkSync(join(dir, linked[0] as string));
    expect((await cadre(["uninstall", "--yes"], { cwd: dir, env })).code).toBe(0);
    expect(existsSync(join(dir, linked[0] as string))).toBe(false);
    expect(existsSync(target)).toBe(true);
  });
});

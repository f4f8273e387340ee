// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${CLAUDE_PLUGIN_ROOT} is what the exported hooks name
import { execFileSync } from "node:child_process";
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
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cadre, homeEnv, json, ROOT } from "./helpers.js";

const base = mkdtempSync(join(tmpdir(), "cadre-export-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const env = homeEnv(join(base, "home"));
const FIXTURE = join(ROOT, "test", "fixtures", "export-pack");
const TARGETS = [
  "claude-plugin",
  "claude-marketplace",
  "gemini-extension",
  "cursor-plugin",
  "codex-plugin",
  "npm",
] as const;

function freshPack(name: string): string {
  const dir = join(base, name, "relay-kit");
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

interface Drift {
  path: string;
  kind: string;
}
const driftOf = (r: Awaited<ReturnType<typeof cadre>>) => json<{ data: { drift: Drift[] } }>(r).data.drift;

describe("cadre export", () => {
  it("exports to every target; each export checks clean and reads back as a pack", async () => {
    const pack = freshPack("all");
    const cwd = join(base, "all");
    for (const to of TARGETS) {
      const r = await cadre(["export", "relay-kit", "--to", to, "--out", `dist/${to}`, "--json"], {
        cwd,
        env,
      });
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const data = json<{ data: { files: string[]; target: string } }>(r).data;
      expect(data.target).toBe(to);
      for (const f of data.files) expect(existsSync(join(cwd, "dist", to, f)), f).toBe(true);
      const check = await cadre(["export", "relay-kit", "--out", `dist/${to}`, "--check"], { cwd, env });
      expect(check.code, check.stderr + check.stdout).toBe(0);
      expect(check.stdout).toContain("is up to date");
    }
    // The staging folder is gone, and nothing else was left beside the exports.
    expect(readdirSync(join(cwd, "dist")).sort()).toEqual([...TARGETS].sort());
    // The script keeps its exec bit in the plugin and in the npm package.
    for (const p of ["claude-plugin/skills", "npm/skills"])
      expect(statSync(join(cwd, "dist", p, "release-notes/scripts/changes.sh")).mode & 0o100).not.toBe(0);
    // cadre reads the Claude plugin it wrote (discovery: .claude-plugin/plugin.json) as a pack of the same items.
    const back = await cadre(["list", "--source", "dist/claude-plugin", "--json"], { cwd, env });
    const ids = json<{ data: { items: Array<{ id: string; pack: string }> } }>(back)
      .data.items.filter((i) => i.pack !== "builtin")
      .map((i) => i.id)
      .sort();
    expect(ids).toEqual(
      expect.arrayContaining([
        "agent:api-reviewer",
        "command:ship",
        "skill:idempotency",
        "skill:release-notes",
      ]),
    );
    expect(readFileSync(join(pack, "agents/api-reviewer.md"), "utf8")).toContain("api-reviewer");
  });

  it("the npm package, packed with npm pack, installs with cadre as a source", async () => {
    freshPack("npm");
    const cwd = join(base, "npm");
    expect((await cadre(["export", "relay-kit", "--to", "npm", "--out", "out"], { cwd, env })).code).toBe(0);
    const pj = JSON.parse(readFileSync(join(cwd, "out", "package.json"), "utf8"));
    expect(pj.cadre).toMatchObject({ pack: "relay-kit", manifest: "cadre-pack.yaml" });
    const tgz = execFileSync("npm", ["pack", "./out", "--silent"], { cwd, encoding: "utf8" }).trim();
    const sha = createHash("sha256")
      .update(readFileSync(join(cwd, tgz)))
      .digest("hex");
    const project = join(cwd, "project");
    mkdirSync(project);
    expect((await cadre(["init", "--yes", "--hosts", "claude-code", "-q"], { cwd: project, env })).code).toBe(
      0,
    );
    const add = await cadre(["add", `../${tgz}#sha256=${sha}`, "--trust", "-q"], { cwd: project, env });
    expect(add.code, add.stderr).toBe(0);
    expect(existsSync(join(project, ".claude/agents/api-reviewer.md"))).toBe(true);
    // Installed (not exported), a skill named like Claude Code's /release-notes gets the pack's prefix.
    expect(existsSync(join(project, ".claude/skills/relay-kit-release-notes/scripts/changes.sh"))).toBe(true);
  });

  it("--check fails on hand edits, deleted and extra files and on source drift; a new export is clean again", async () => {
    const pack = freshPack("drift");
    const cwd = join(base, "drift");
    const out = join(cwd, "plugin");
    const args = ["export", "relay-kit", "--to", "claude-plugin", "--out", "plugin"];
    expect((await cadre(args, { cwd, env })).code).toBe(0);
    writeFileSync(join(out, "agents/api-reviewer.md"), "edited by hand\n");
    rmSync(join(out, "commands/ship.md"));
    writeFileSync(join(out, "notes.txt"), "mine\n");
    const r = await cadre([...args, "--check", "--json"], { cwd, env });
    expect(r.code).toBe(1);
    expect(driftOf(r)).toEqual([
      { path: "commands/ship.md", kind: "deleted" },
      { path: "agents/api-reviewer.md", kind: "edited" },
      { path: "notes.txt", kind: "extra" },
    ]);
    const text = await cadre([...args, "--check"], { cwd, env });
    expect(text.code).toBe(1);
    expect(text.stderr).toContain("edited: agents/api-reviewer.md (edited by hand)");
    expect(text.stderr).toContain("deleted: commands/ship.md");
    expect(text.stderr).toContain("extra: notes.txt");

    // A file the export did not write is someone's: a new export refuses rather than delete it.
    const kept = await cadre(args, { cwd, env });
    expect(kept.code).toBe(1);
    expect(kept.stderr).toContain("holds files cadre export did not write (notes.txt)");
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine\n");
    rmSync(join(out, "notes.txt"));
    expect((await cadre(args, { cwd, env })).code).toBe(0);
    expect(existsSync(join(out, "commands/ship.md"))).toBe(true);
    expect((await cadre([...args, "--check"], { cwd, env })).code).toBe(0);
    const skill = join(pack, "skills/release-notes/SKILL.md");
    writeFileSync(skill, readFileSync(skill, "utf8").replace("Group them", "Sort them"));
    const drift = await cadre([...args, "--check", "--json"], { cwd, env });
    expect(drift.code).toBe(1);
    expect(driftOf(drift)).toEqual([
      { path: "skills/release-notes/SKILL.md", kind: "source-changed" },
      { path: "skills/release-notes/SKILL.md", kind: "stale" },
    ]);
    expect((await cadre(args, { cwd, env })).code).toBe(0);
    expect(readFileSync(join(out, "skills/release-notes/SKILL.md"), "utf8")).toContain("Sort them");
    expect((await cadre([...args, "--check"], { cwd, env })).code).toBe(0);
  });

  it("refuses an --out that is a link, a file, someone's folder or inside the pack, writing nothing", async () => {
    freshPack("refuse");
    const cwd = join(base, "refuse");
    const run = (out: string) => cadre(["export", "relay-kit", "--to", "npm", "--out", out], { cwd, env });
    mkdirSync(join(cwd, "real"));
    symlinkSync(join(cwd, "real"), join(cwd, "link"));
    writeFileSync(join(cwd, "file"), "x");
    mkdirSync(join(cwd, "mine"));
    writeFileSync(join(cwd, "mine", "keep.txt"), "mine");
    const cases: Array<[string, RegExp, number]> = [
      ["link", /is a symbolic link/, 1],
      ["file", /is not a folder/, 1],
      ["mine", /not empty and holds no \.cadre-export\.json/, 1],
      ["relay-kit/dist", /overlaps the pack folder/, 2],
    ];
    for (const [out, message, code] of cases) {
      const r = await run(out);
      expect(r.code, out).toBe(code);
      expect(r.stderr).toMatch(message);
    }
    expect(readdirSync(join(cwd, "real"))).toEqual([]);
    expect(readFileSync(join(cwd, "file"), "utf8")).toBe("x");
    expect(readdirSync(join(cwd, "mine"))).toEqual(["keep.txt"]);
    expect(existsSync(join(cwd, "relay-kit", "dist"))).toBe(false);
    expect(readdirSync(cwd).filter((f) => f.includes("cadre-staging"))).toEqual([]);
    const bad = await cadre(["export", "relay-kit", "--to", "vscode", "--out", "x"], { cwd, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown export target "vscode"');
    const check = await cadre(["export", "relay-kit", "--out", "real", "--check"], { cwd, env });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("export needs --to");
  });

  it("exports into a git repository's folder and keeps its .git across exports", async () => {
    freshPack("git");
    const cwd = join(base, "git");
    const repo = join(cwd, "plugin-repo");
    mkdirSync(repo);
    execFileSync("git", ["init", "-q", repo]);
    const args = ["export", "relay-kit", "--to", "claude-plugin", "--out", "plugin-repo"];
    expect((await cadre(args, { cwd, env })).code).toBe(0);
    expect(existsSync(join(repo, ".git", "HEAD"))).toBe(true);
    expect((await cadre([...args, "--check"], { cwd, env })).code).toBe(0);
    expect((await cadre(args, { cwd, env })).code).toBe(0);
    expect(existsSync(join(repo, ".git", "HEAD"))).toBe(true);
    expect(existsSync(join(repo, ".claude-plugin", "plugin.json"))).toBe(true);
  });

  it("--dry-run writes nothing; a killed run's leftovers are cleaned up or put back", async () => {
    freshPack("dry");
    const cwd = join(base, "dry");
    const dry = await cadre(
      ["export", "relay-kit", "--to", "gemini-extension", "--out", "ext", "--dry-run", "--json"],
      {
        cwd,
        env,
      },
    );
    expect(dry.code).toBe(0);
    expect(json<{ data: { files: string[] } }>(dry).data.files).toContain("gemini-extension.json");
    expect(existsSync(join(cwd, "ext"))).toBe(false);
    // A run killed between its two renames: --out gone, the previous export beside it, a staging folder left.
    expect(
      (await cadre(["export", "relay-kit", "--to", "gemini-extension", "--out", "ext"], { cwd, env })).code,
    ).toBe(0);
    cpSync(join(cwd, "ext"), join(cwd, ".ext.cadre-old-1-x"), { recursive: true });
    rmSync(join(cwd, "ext"), { recursive: true });
    mkdirSync(join(cwd, ".ext.cadre-staging-1-x"));
    writeFileSync(join(cwd, ".ext.cadre-staging-1-x", "half.json"), "{");
    const again = await cadre(["export", "relay-kit", "--to", "gemini-extension", "--out", "ext"], {
      cwd,
      env,
    });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("replaced ext");
    expect(readdirSync(cwd).filter((f) => f.startsWith(".ext."))).toEqual([]);
    expect((await cadre(["export", "relay-kit", "--out", "ext", "--check"], { cwd, env })).code).toBe(0);
  });
});

describe("cadre export of a Claude plugin's script hooks", () => {
  it("copies the scripts and names them from the plugin's own folder; a format with no such variable leaves both out", async () => {
    const cwd = join(base, "plugin-hooks");
    mkdirSync(cwd);
    const src = join(ROOT, "test", "fixtures", "plugin-hooks");
    const r = await cadre(["export", src, "--to", "claude-plugin", "--out", "claude"], { cwd, env });
    expect(r.code, r.stderr).toBe(0);
    const hooks = JSON.parse(readFileSync(join(cwd, "claude", "hooks", "hooks.json"), "utf8")).hooks;
    const commands: string[] = Object.values(
      hooks as Record<string, Array<{ hooks: Array<{ command?: string }> }>>,
    )
      .flat()
      .flatMap((g) => g.hooks.map((h) => h.command ?? ""))
      .filter(Boolean);
    expect(commands.length).toBeGreaterThan(3);
    for (const c of commands) {
      expect(c).toContain("${CLAUDE_PLUGIN_ROOT}/hook-scripts");
      expect(c).not.toContain("CLAUDE_PROJECT_DIR");
    }
    // Claude-only handlers (prompt, http) are kept for Claude Code.
    expect(hooks.Stop[0].hooks[0].type).toBe("prompt");
    const script = join(cwd, "claude", "hook-scripts", "hooks", "check.sh");
    expect(statSync(script).mode & 0o100).not.toBe(0);
    expect(existsSync(join(cwd, "claude", "hook-scripts", "lib", "common.sh"))).toBe(true);

    const c = await cadre(["export", src, "--to", "cursor-plugin", "--out", "cursor"], { cwd, env });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr).toContain("not exported: a preToolUse hook that runs the pack's scripts");
    expect(existsSync(join(cwd, "cursor", "hook-scripts"))).toBe(false);
  });
});

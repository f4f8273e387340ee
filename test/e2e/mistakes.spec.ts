import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { BIN, cadre, homeEnv, json, ROOT } from "./helpers.js";

// Ordinary mistakes a new user makes (issue 9, items 10, 12, 15, 17, 18): each is a clear error that
// names the file and the closest valid names, and none of them deletes or half-writes anything.

const base = mkdtempSync(join(tmpdir(), "cadre-mistakes-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const home = join(base, "home");
const env = {
  ...homeEnv(home),
  // No `cadre` on PATH: only node and the system tools.
  PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
};

let n = 0;
function project(): string {
  const dir = join(base, `p${n++}`);
  cpSync(join(ROOT, "examples", "web-app"), dir, { recursive: true });
  return dir;
}

const config = (dir: string) => readFileSync(join(dir, "cadre.yaml"), "utf8");
const lockFiles = (dir: string) =>
  Object.keys((JSON.parse(readFileSync(join(dir, "cadre.lock"), "utf8")) as { files: object }).files);
const yamlOf = (dir: string) => parseYaml(config(dir)) as Record<string, unknown>;

describe("a typo or an empty cadre.yaml never deletes the installed files (item 12)", () => {
  let dir: string;
  let installed: string[];
  beforeAll(async () => {
    dir = project();
    const r = await cadre(["init", "--yes", "--hosts", "claude-code", "-q"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    installed = lockFiles(dir);
    expect(installed.length).toBeGreaterThan(5);
  }, 60_000);

  it.each([
    ["profiles: [cor]", /^error: cadre\.yaml:\d+:\d+: profiles: no profile "cor"/, /did you mean core\b/],
    [
      "include: [skill:test-driven-developmnt]",
      /^error: cadre\.yaml:\d+:\d+: include: no item "skill:test-driven-developmnt"/,
      /did you mean skill:test-driven-development\b/,
    ],
    ["exclude: [agent:code-reviewr]", /no item "agent:code-reviewr"/, /did you mean agent:code-reviewer\b/],
    ["include: [builtn/*]", /no pack named "builtn"/, /did you mean builtin\b/],
    [
      "overrides: { claude-code: { exclude: [skill:tdd-typo] } }",
      /cadre\.yaml:\d+:\d+: overrides\.claude-code\.exclude: no item "skill:tdd-typo"/,
      /see `cadre list`/,
    ],
  ])(
    "%s: sync, status and diff exit 1 with the closest names; nothing is deleted",
    async (line, msg, hint) => {
      const good = config(dir);
      const key = new RegExp(`^${line.split(":")[0]}: .*$`, "m");
      writeFileSync(join(dir, "cadre.yaml"), key.test(good) ? good.replace(key, line) : `${good}${line}\n`);
      try {
        for (const cmd of [["sync"], ["status"], ["diff"]]) {
          const r = await cadre(cmd, { cwd: dir, env });
          expect(r.code, `${cmd.join(" ")}: ${r.stderr}`).toBe(1);
          expect(r.stderr).toMatch(msg);
          expect(r.stderr).toMatch(hint);
        }
        for (const f of installed) expect(existsSync(join(dir, f)), f).toBe(true);
      } finally {
        writeFileSync(join(dir, "cadre.yaml"), good);
      }
    },
  );

  it("an empty cadre.yaml is an error naming the file; nothing is deleted", async () => {
    const good = config(dir);
    writeFileSync(join(dir, "cadre.yaml"), "# todo\n");
    try {
      const r = await cadre(["sync", "--json"], { cwd: dir, env });
      expect(r.code).toBe(1);
      expect(json<{ errors: Array<{ message: string }> }>(r).errors[0]?.message).toBe("cadre.yaml is empty");
      for (const f of installed) expect(existsSync(join(dir, f)), f).toBe(true);
    } finally {
      writeFileSync(join(dir, "cadre.yaml"), good);
    }
  });

  it("a schema error names the line, the bad value, the closest host and the valid ones", async () => {
    const good = config(dir);
    writeFileSync(join(dir, "cadre.yaml"), good.replace(/^hosts: .*$/m, "hosts: [claude-code, cursr]"));
    try {
      const r = await cadre(["sync"], { cwd: dir, env });
      expect(r.code).toBe(1);
      const line = good.split("\n").findIndex((l) => l.startsWith("hosts:")) + 1;
      expect(r.stderr).toMatch(
        new RegExp(
          `^error: cadre\\.yaml:${line}:\\d+: hosts\\[1\\]: "cursr" is not a host; did you mean cursor\\b`,
        ),
      );
      expect(r.stderr).toMatch(/valid: .*claude-code, cline, codex/);
    } finally {
      writeFileSync(join(dir, "cadre.yaml"), good);
    }
  });
});

describe("every command reads cadre.yaml the same way (item 12)", () => {
  it.each([["hosts"], ["profiles"], ["doctor"]])(
    "%s reports a broken cadre.yaml instead of ignoring it",
    async (cmd) => {
      const dir = project();
      writeFileSync(join(dir, "cadre.yaml"), "hosts: [claude-code]\nprofile: [core]\n");
      const r = await cadre([cmd, "--json"], { cwd: dir, env });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/cadre\.yaml:2:1: unknown key \\"profile\\"; did you mean profiles\?/);
    },
  );
});

describe("init with a wrong profile or host writes nothing (item 12)", () => {
  it("init --profile nope: exit 1 with the closest profiles; no cadre.yaml, no .cadre", async () => {
    const dir = project();
    const r = await cadre(["init", "--yes", "--hosts", "claude-code", "--profile", "cor"], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no profile "cor"/);
    expect(r.stderr).toMatch(/did you mean core\b/);
    expect(existsSync(join(dir, "cadre.yaml"))).toBe(false);
    expect(existsSync(join(dir, ".cadre"))).toBe(false);
  });

  it("init --hosts with a typo: exit 2 with the closest host", async () => {
    const dir = project();
    const r = await cadre(["init", "--yes", "--hosts", "claude-cdoe"], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown host "claude-cdoe"/);
    expect(r.stderr).toMatch(/did you mean claude-code\?/);
    expect(existsSync(join(dir, "cadre.yaml"))).toBe(false);
  });
});

describe("remove (items 10 and 17)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = project();
    const r = await cadre(["init", "--yes", "--hosts", "claude-code", "--no-sync"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);

  it("an item added by include is removed from include by its bare name; exclude stays empty", async () => {
    const add = await cadre(["add", "skill:cursor-pagination", "--no-sync"], { cwd: dir, env });
    expect(add.code, add.stderr).toBe(0);
    expect(yamlOf(dir).include).toEqual(["skill:cursor-pagination"]);
    const r = await cadre(["remove", "cursor-pagination", "--no-sync"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(yamlOf(dir)).toMatchObject({ include: [], exclude: [] });
  });

  it("an item a profile selects is excluded by its id, not by the bare name typed", async () => {
    const r = await cadre(["remove", "code-reviewer", "--no-sync"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(yamlOf(dir).exclude).toEqual(["agent:code-reviewer"]);
    expect(r.stdout).toMatch(/excluded agent:code-reviewer/);
  });

  it("a typo is an error with the closest names, and cadre.yaml is unchanged", async () => {
    const before = config(dir);
    const r = await cadre(["remove", "code-reveiwer", "--no-sync"], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no item "code-reveiwer"/);
    expect(r.stderr).toMatch(/did you mean code-reviewer\b/);
    expect(config(dir)).toBe(before);
  });

  it("an item that is not selected is not written into exclude", async () => {
    const before = config(dir);
    const r = await cadre(["remove", "skill:cursor-pagination", "--no-sync"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/skill:cursor-pagination is not selected/);
    expect(config(dir)).toBe(before);
  });
});

describe("overrides (item 17)", () => {
  it("an override names one host: it leaves an item out of that host and adds one to it only", async () => {
    const dir = project();
    writeFileSync(
      join(dir, "cadre.yaml"),
      [
        "version: 1",
        "hosts: [claude-code, cursor]",
        "profiles: [core]",
        "overrides:",
        "  cursor:",
        "    exclude: [agent:code-reviewer]",
        "  claude-code:",
        "    include: [skill:cursor-pagination]",
        "",
      ].join("\n"),
    );
    const r = await cadre(["sync", "--json"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const files = lockFiles(dir);
    expect(files).toContain(".claude/agents/code-reviewer.md");
    expect(files.filter((f) => f.startsWith(".cursor/") && f.includes("code-reviewer"))).toEqual([]);
    expect(files.filter((f) => f.includes("cursor-pagination")).every((f) => f.startsWith(".claude/"))).toBe(
      true,
    );
    expect(files).toContain(".claude/skills/cursor-pagination/SKILL.md");
  });
});

describe("commands run from a subfolder find cadre.yaml in a parent folder (item 17)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = project();
    const r = await cadre(["init", "--yes", "--hosts", "claude-code", "-q"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    mkdirSync(join(dir, "src", "deep"), { recursive: true });
  }, 60_000);

  it("status and sync from src/deep use the project's cadre.yaml and write at the project root", async () => {
    const sub = join(dir, "src", "deep");
    const s = await cadre(["status", "--json"], { cwd: sub, env });
    expect(s.code, s.stderr).toBe(0);
    rmSync(join(dir, ".claude", "agents", "code-reviewer.md"));
    const r = await cadre(["sync"], { cwd: sub, env });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, ".claude", "agents", "code-reviewer.md"))).toBe(true);
    expect(readdirSync(sub)).toEqual([]);
  });

  it("--cwd runs as if started in that folder: a subfolder still finds the parent's cadre.yaml", async () => {
    const r = await cadre(["--cwd", join(dir, "src"), "status", "--json"], { env });
    expect(r.code, r.stderr).toBe(0);
  });

  it("init in a subfolder says where the project's cadre.yaml is, and writes nothing", async () => {
    const sub = join(dir, "src", "deep");
    const r = await cadre(["init", "--yes", "--hosts", "cursor"], { cwd: sub, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, "cadre.yaml"));
    expect(readdirSync(sub)).toEqual([]);
  });
});

describe("a command that fails before writing leaves no .cadre behind (item 17)", () => {
  it.each([
    ["hosts: [claude-code\n", "a YAML syntax error"],
    ["hosts: [claude-code]\nprofiles: [cor]\n", "an unknown profile"],
    ["", "an empty file"],
  ])("%j (%s): sync, repair and uninstall fail and create nothing", async (text) => {
    const dir = project();
    writeFileSync(join(dir, "cadre.yaml"), text);
    for (const cmd of [["sync"], ["repair"], ["uninstall", "--yes"]]) {
      const r = await cadre(cmd, { cwd: dir, env });
      expect(r.code, cmd.join(" ")).toBe(1);
      expect(existsSync(join(dir, ".cadre")), cmd.join(" ")).toBe(false);
    }
  });
});

describe("unknown commands and options keep the --json envelope (item 17)", () => {
  it.each([
    [["--json", "frobnicate"], "frobnicate", /unknown command 'frobnicate'/],
    [["sync", "--json", "--no-such-flag"], "sync", /unknown option '--no-such-flag'/],
    [["--json", "search"], "search", /missing required argument/],
  ])("%j: exit 2 and one envelope on stdout", async (args, command, message) => {
    const r = await cadre(args, { env });
    expect(r.code).toBe(2);
    const e = json<{
      ok: boolean;
      command: string;
      version: string;
      data: unknown;
      errors: Array<{ code: string; message: string; hint?: string }>;
    }>(r);
    expect(e).toMatchObject({ ok: false, command, data: null });
    expect(e.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(e.errors[0]?.code).toBe("E_USAGE");
    expect(e.errors[0]?.message).toMatch(message);
    expect(e.errors[0]?.hint).toMatch(/--help/);
  });
});

describe("init writes a hook command it has just run (item 18)", () => {
  it("no cadre on PATH and no local install: the absolute path of this cadre, said so", async () => {
    const dir = project();
    const r = await cadre(["init", "--yes", "--hosts", "claude-code"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const command = (yamlOf(dir).hooks as { command: string }).command;
    expect(command).toBe(BIN);
    expect(r.stdout + r.stderr).toContain(`hooks run \`${BIN} hook\``);
    const s = JSON.parse(readFileSync(join(dir, ".claude", "settings.json"), "utf8"));
    expect(JSON.stringify(s.hooks)).toContain(`${BIN} hook protected-paths --host claude-code`);
  });

  it("the project's own node_modules/.bin/cadre comes first", async () => {
    const dir = project();
    mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
    symlinkSync(ROOT, join(dir, "node_modules", "cadre"));
    symlinkSync(join("..", "cadre", "bin", "cadre.js"), join(dir, "node_modules", ".bin", "cadre"));
    const r = await cadre(["init", "--yes", "--hosts", "claude-code", "--json"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect((yamlOf(dir).hooks as { command: string }).command).toBe("node_modules/.bin/cadre");
  });

  it("no command that runs cadre: a warning, and doctor suggests a devDependency, not a global install", async () => {
    const dir = project();
    const noNode = { ...env, PATH: join(base, "no-bin") };
    const r = await cadre(["init", "--yes", "--hosts", "claude-code"], { cwd: dir, env: noNode });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: .*no command starts cadre from this project/);
    expect(r.stderr).toMatch(/npm i -D cadre/);
    const d = await cadre(["doctor", "--json"], { cwd: dir, env: noNode });
    const hooks = json<{ data: { checks: Array<{ name: string; level: string; hint?: string }> } }>(
      d,
    ).data.checks.find((c) => c.name === "hooks");
    expect(hooks?.level).toBe("error");
    expect(hooks?.hint).toMatch(/npm i -D cadre/);
    expect(hooks?.hint).not.toMatch(/-g\b|--global|globally/);
  });
});

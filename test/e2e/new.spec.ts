import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, cadre, json } from "./helpers.js";

const base = mkdtempSync(join(tmpdir(), "cadre-new-"));
const session = `cadre-new-${process.pid}`;
afterAll(() => {
  spawnSync("tmux", ["kill-session", "-t", session]);
  rmSync(base, { recursive: true, force: true });
});

const KINDS = [
  "skill",
  "agent",
  "command",
  "rule",
  "expertise",
  "hook",
  "mcp",
  "schema",
  "template",
  "profile",
  "workflow",
];
// A template and a workflow name the artifact schema scaffolded before them.
const EXTRA: Record<string, string[]> = {
  template: ["--artifact", "my-schema"],
  workflow: ["--artifact", "my-schema"],
};

describe("cadre new", () => {
  it("scaffolds one item of every kind into a new pack, each lint-clean, and the pack lints clean", async () => {
    const cwd = join(base, "all");
    mkdirSync(cwd);
    for (const kind of KINDS) {
      const r = await cadre(
        ["new", kind, `my-${kind}`, "--pack", "team", "--script", "--json", ...(EXTRA[kind] ?? [])],
        { cwd },
      );
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const d = json<{ data: { created: string[]; lint: { errors: number; warnings: number } } }>(r).data;
      expect(d.lint).toMatchObject({ errors: 0, warnings: 0 });
      for (const f of d.created) expect(existsSync(join(cwd, "team", f)), f).toBe(true);
    }
    expect(readFileSync(join(cwd, "team", "cadre-pack.yaml"), "utf8")).toMatch(/^name: team$/m);
    const skill = readFileSync(join(cwd, "team/skills/my-skill/SKILL.md"), "utf8");
    expect(skill).toMatch(/^name: my-skill$/m);
    expect(existsSync(join(cwd, "team/skills/my-skill/references/README.md"))).toBe(true);
    expect(statSync(join(cwd, "team/skills/my-skill/scripts/my-skill.sh")).mode & 0o100).toBe(0o100);
    const expertise = readFileSync(join(cwd, "team/expertise/general/my-expertise.md"), "utf8");
    const sections = [...expertise.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual([
      "What it is",
      "When to use it and when not",
      "How it works",
      "Trade-offs",
      "Failure modes",
      "Decision guide",
      "Checklist",
    ]);
    const lint = await cadre(["lint", "team", "--max-warnings", "0"], { cwd });
    expect(lint.code, lint.stdout).toBe(0);
    expect(lint.stdout).toMatch(/0 errors, 0 warnings in 11 items/);
    const listed = json<{ data: { items: { id: string }[] } }>(
      await cadre(["list", "--source", "team", "--json"], { cwd }),
    );
    for (const kind of KINDS) expect(listed.data.items.map((i) => i.id)).toContain(`${kind}:my-${kind}`);
  });

  it("follows the pack's cadre-pack.yaml paths and writes no second manifest", async () => {
    const pack = join(base, "custom");
    mkdirSync(pack);
    writeFileSync(
      join(pack, "cadre-pack.yaml"),
      "name: custom\nversion: 1.0.0\ndescription: Custom layout.\npaths:\n  skill: content/skills\n",
    );
    const r = await cadre(["new", "skill", "deploy-notes", "--json"], { cwd: pack });
    expect(r.code, r.stderr).toBe(0);
    expect(json<{ data: { created: string[]; manifestCreated: boolean } }>(r).data).toMatchObject({
      manifestCreated: false,
      created: ["content/skills/deploy-notes/SKILL.md", "content/skills/deploy-notes/references/README.md"],
    });
  });

  it("refuses an existing item, an unknown kind and a bad name, writing nothing", async () => {
    const cwd = join(base, "refuse");
    mkdirSync(cwd);
    expect((await cadre(["new", "rule", "keep-me"], { cwd })).code).toBe(0);
    writeFileSync(join(cwd, "rules/keep-me.md"), "mine\n");
    const again = await cadre(["new", "rule", "keep-me"], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/rules\/keep-me\.md already exists; nothing was written/);
    expect(readFileSync(join(cwd, "rules/keep-me.md"), "utf8")).toBe("mine\n");
    const kind = await cadre(["new", "skil", "x"], { cwd });
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/unknown kind "skil"[\s\S]*did you mean skill\?/);
    const name = await cadre(["new", "skill", "Bad_Name"], { cwd });
    expect(name.code).toBe(2);
    expect(name.stderr).toMatch(/"Bad_Name" is not a valid item name/);
    expect(existsSync(join(cwd, "skills"))).toBe(false);
  });

  it("asks kind, name, description and category in a terminal (under tmux)", async () => {
    const dir = join(base, "asked");
    mkdirSync(dir);
    const cmd = `cd '${dir}' && env -u CI HOME='${join(base, "home")}' NO_COLOR=1 '${process.execPath}' '${BIN}' new; echo "EXIT=$?"; sleep 60`;
    const tmux = (...a: string[]) => spawnSync("tmux", a, { encoding: "utf8" });
    expect(tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", cmd).status).toBe(0);
    const until = async (text: string) => {
      const end = Date.now() + 15_000;
      for (;;) {
        const s = tmux("capture-pane", "-p", "-t", session).stdout ?? "";
        if (s.includes(text)) return new Promise((r) => setTimeout(r, 300));
        if (Date.now() > end) throw new Error(`timed out waiting for "${text}":\n${s}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    await until("Kind");
    tmux("send-keys", "-t", session, "Down"); // skill → agent
    tmux("send-keys", "-t", session, "Enter");
    await until("Name (kebab-case)");
    tmux("send-keys", "-t", session, "-l", "api-reviewer");
    tmux("send-keys", "-t", session, "Enter");
    await until("Description");
    tmux(
      "send-keys",
      "-t",
      session,
      "-l",
      "Reviews HTTP APIs for consistency. Delegate to it for API reviews.",
    );
    tmux("send-keys", "-t", session, "Enter");
    await until("Category");
    tmux("send-keys", "-t", session, "-l", "quality");
    tmux("send-keys", "-t", session, "Enter");
    await until("EXIT=0");
    const agent = readFileSync(join(dir, "agents/quality/api-reviewer.md"), "utf8");
    expect(agent).toMatch(
      /^description: Reviews HTTP APIs for consistency\. Delegate to it for API reviews\.$/m,
    );
    expect(agent).toMatch(/^category: quality$/m);
  }, 60_000);
});

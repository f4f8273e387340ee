import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cadre, homeEnv, json } from "./helpers.js";

const base = mkdtempSync(join(tmpdir(), "cadre-compose-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A small Next.js + Postgres project with a Dockerfile (and a link that detection must not follow). */
function fixture(name: string): { dir: string; env: Record<string, string> } {
  const dir = join(base, name);
  mkdirSync(join(dir, "web"), { recursive: true });
  writeFileSync(
    join(dir, "web", "package.json"),
    JSON.stringify(
      { name: "web", dependencies: { next: "14.2.3", react: "18.3.1", pg: "^8.11.5" } },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, "Dockerfile"), "FROM node:20-alpine\nCOPY . .\n");
  const outside = join(base, `${name}-outside`);
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, "Gemfile"), "gem 'rails'\n");
  symlinkSync(outside, join(dir, "linked"));
  return { dir, env: homeEnv(join(base, `${name}-home`)) };
}

interface Proof {
  role: string;
  mode?: string;
  stacks: Array<{ stack: string; evidence: Array<{ path: string; detail: string }> }>;
  concerns: Array<{ concern: string; from: string }>;
  kept: Array<{ module: string; layer: string; key?: string; tokens: number }>;
  dropped: Array<{ module: string; reason: string }>;
  limits: { maxModules: number; tokens: number; chars?: number };
  moduleTokens: number;
  promptTokens: number;
  sha256: string;
  prompt: string;
  proofPath: string | null;
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("cadre compose on a Next.js + Postgres project", () => {
  const p = fixture("detect");

  it("--detect prints each stack with the file and what in it matched, never through a link", async () => {
    const r = await cadre(["compose", "--detect"], { cwd: p.dir, env: p.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/next\s+web\/package\.json\s+depends on next 14\.2\.3/);
    expect(r.stdout).toMatch(/postgres\s+web\/package\.json\s+depends on pg \^8\.11\.5/);
    expect(r.stdout).toMatch(/docker\s+Dockerfile\s+file present/);
    const d = json<{ data: { stacks: Array<{ stack: string }> } }>(
      await cadre(["compose", "--detect", "--json"], { cwd: p.dir, env: p.env }),
    ).data;
    expect(d.stacks.map((s) => s.stack)).toEqual(["next", "react", "postgres", "node", "docker"]);
  });

  it("prints the executor's prompt with its expertise, and --json gives the proof of the same prompt", async () => {
    const text = await cadre(["compose", "executor"], { cwd: p.dir, env: p.env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^You are the executor/);
    expect(text.stdout).toContain("## Expertise");
    expect(text.stdout).toContain("(component-design)");
    const r = await cadre(["compose", "executor", "--json"], { cwd: p.dir, env: p.env });
    const d = json<{ data: Proof }>(r).data;
    expect(d.prompt).toBe(text.stdout);
    expect(d.sha256).toBe(sha(text.stdout));
    expect(d.role).toBe("executor");
    expect(d.proofPath).toBeNull();
    expect(d.kept.filter((k) => k.layer === "stacks").map((k) => k.key)).toContain("next");
    expect(d.moduleTokens).toBe(d.kept.reduce((n, k) => n + k.tokens, 0));
    expect(d.moduleTokens).toBeLessThanOrEqual(d.limits.tokens);
    expect(d.kept.length).toBeLessThanOrEqual(d.limits.maxModules);
  });

  it("a smaller budget drops from the lowest priority, saying why; flags replace detection", async () => {
    const r = await cadre(
      ["compose", "executor", "--stack", "postgres", "--concern", "auth", "--budget", "9000", "--json"],
      { cwd: p.dir, env: p.env },
    );
    const d = json<{ data: Proof }>(r).data;
    expect(d.stacks).toEqual([
      { stack: "postgres", evidence: [{ path: "--stack", detail: "given on the command line" }] },
    ]);
    expect(d.concerns).toEqual([{ concern: "auth", from: "flag" }]);
    expect(d.moduleTokens).toBeLessThanOrEqual(9000);
    expect(d.dropped[0]?.reason).toMatch(/over the token budget: \d+ \+ \d+ > 9000/);
    expect(d.dropped.slice(1).every((x) => /lower priority than|not an expertise/.test(x.reason))).toBe(true);
  });

  it("reviewer modes pick their own modules; unknown names are usage errors", async () => {
    const d = json<{ data: Proof }>(
      await cadre(["compose", "reviewer", "--mode", "plan-review", "--json"], { cwd: p.dir, env: p.env }),
    ).data;
    expect(d.kept.filter((k) => k.layer === "mode").map((k) => k.module)).toEqual([
      "test-strategy",
      "refactoring-safely",
      "technical-debt-antipatterns",
    ]);
    const bad = await cadre(["compose", "executor", "--stack", "nxt"], { cwd: p.dir, env: p.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no stack "nxt".*\n.*did you mean next/);
    const mode = await cadre(["compose", "reviewer", "--mode", "vibes"], { cwd: p.dir, env: p.env });
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/its modes: design-review, plan-review, review, spec-challenge/);
  });
});

describe("compose: true at install", () => {
  const p = fixture("install");

  it("init --compose: Claude Code agents preload the modules as skills; other hosts' carry them inline", async () => {
    const hosts = "claude-code,codex,cursor,gemini-cli,copilot,opencode";
    const r = await cadre(["init", "--yes", "--hosts", hosts, "--profile", "pipeline", "--compose"], {
      cwd: p.dir,
      env: p.env,
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/already written with other content/);
    expect(readFileSync(join(p.dir, "cadre.yaml"), "utf8")).toMatch(/^compose: true$/m);
    const proof = json<{ data: Proof }>(
      await cadre(["compose", "executor", "--host", "claude-code", "--json"], { cwd: p.dir, env: p.env }),
    ).data;
    const claude = readFileSync(join(p.dir, ".claude/agents/executor.md"), "utf8");
    const listed = /\nskills:\n((?: {2}- .+\n)+)/
      .exec(claude)?.[1]
      ?.match(/- (.+)/g)
      ?.map((x) => x.slice(2));
    expect(listed).toEqual(proof.kept.map((k) => k.module));
    for (const m of listed ?? [])
      expect(existsSync(join(p.dir, ".claude/skills", m, "SKILL.md")), m).toBe(true);
    expect(listed).toContain("component-design");
    // The data store the project uses (pg) brings its own stack module.
    expect(listed).toContain("postgres-practices");
    const cursor = readFileSync(join(p.dir, ".cursor/agents/executor.md"), "utf8");
    expect(cursor).not.toMatch(/\nskills:/);
    expect(cursor).toContain("## Expertise");
    expect(cursor).toContain("### Component design (component-design)");
    expect(cursor).toContain("(postgres-practices)");
    // Codex, Gemini CLI and OpenCode have no agent size limit: the same modules as Claude Code, inline.
    for (const f of [
      ".codex/agents/executor.toml",
      ".gemini/agents/executor.md",
      ".opencode/agents/executor.md",
    ]) {
      const text = readFileSync(join(p.dir, f), "utf8");
      for (const m of listed ?? []) expect(text, `${f} ${m}`).toContain(`(${m})`);
    }
    // Copilot caps an agent's body at 30,000 characters: fewer modules, within the limit, as its proof says.
    const copilot = readFileSync(join(p.dir, ".github/agents/executor.agent.md"), "utf8");
    const cproof = json<{ data: Proof }>(
      await cadre(["compose", "executor", "--host", "copilot", "--json"], { cwd: p.dir, env: p.env }),
    ).data;
    expect(cproof.kept.length).toBeGreaterThan(0);
    expect(cproof.kept.length).toBeLessThan(proof.kept.length);
    for (const k of cproof.kept) expect(copilot).toContain(`(${k.module})`);
    expect(copilot.split(/^---$/m).slice(2).join("---").length).toBeLessThanOrEqual(30_000);
    // The reviewer names its per-mode sets, as each host reads a reference.
    expect(readFileSync(join(p.dir, ".claude/agents/reviewer.md"), "utf8")).toMatch(
      /- plan-review: the `test-strategy` skill/,
    );
  });

  it("a sync after the project's stacks change recomposes, and is a no-op when nothing changed", async () => {
    const same = await cadre(["sync"], { cwd: p.dir, env: p.env });
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/nothing to do|up to date/);
    writeFileSync(join(p.dir, "web", "package.json"), JSON.stringify({ dependencies: { vue: "3.4.0" } }));
    const r = await cadre(["sync"], { cwd: p.dir, env: p.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/update\s+\.claude\/agents\/executor\.md/);
    const claude = readFileSync(join(p.dir, ".claude/agents/executor.md"), "utf8");
    expect(claude).not.toContain("- client-data-fetching");
    expect(readFileSync(join(p.dir, ".cursor/agents/executor.md"), "utf8")).toContain(
      "stacks (vue, node, docker)",
    );
  });

  it("a compose block: detection off, its stacks and limits, and host overrides keep the added modules", async () => {
    const q = fixture("block");
    writeFileSync(
      join(q.dir, "cadre.yaml"),
      [
        "hosts: [claude-code, cursor]",
        "profiles: [pipeline]",
        "compose:",
        "  detect: false",
        "  stacks: [postgres]",
        "  modules: 4",
        "overrides:",
        "  cursor:",
        "    exclude: [agent:learner]",
        "",
      ].join("\n"),
    );
    const r = await cadre(["sync"], { cwd: q.dir, env: q.env });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const claude = readFileSync(join(q.dir, ".claude/agents/executor.md"), "utf8");
    const listed =
      /\nskills:\n((?: {2}- .+\n)+)/
        .exec(claude)?.[1]
        ?.match(/- (.+)/g)
        ?.map((x) => x.slice(2)) ?? [];
    expect(listed).toHaveLength(4);
    for (const m of listed) expect(existsSync(join(q.dir, ".claude/skills", m, "SKILL.md")), m).toBe(true);
    expect(claude).not.toContain("- component-design");
    expect(existsSync(join(q.dir, ".cursor/agents/learner.md"))).toBe(false);
    expect(readFileSync(join(q.dir, ".cursor/agents/executor.md"), "utf8")).toContain("stacks (postgres)");
  });

  it("while a run is active, the proof goes into its artifacts, with concerns from its clarification", async () => {
    const start = await cadre(["run", "start"], { cwd: p.dir, env: p.env });
    expect(start.code, start.stderr).toBe(0);
    const id = start.stdout.trim();
    const clar = join(p.dir, ".cadre/runs", id, "artifacts", "clarify");
    mkdirSync(clar, { recursive: true });
    writeFileSync(
      join(clar, "clarification.json"),
      JSON.stringify({ stacks: ["postgres"], concerns: ["auth"] }),
    );
    const d = json<{ data: Proof }>(
      await cadre(["compose", "executor", "--json"], { cwd: p.dir, env: p.env }),
    ).data;
    expect(d.concerns).toEqual([{ concern: "auth", from: "clarification" }]);
    expect(d.stacks.find((s) => s.stack === "postgres")?.evidence[0]?.detail).toBe(
      "stacks of the clarification",
    );
    expect(d.proofPath).toBe(`.cadre/runs/${id}/artifacts/compose/executor.json`);
    const kept = JSON.parse(readFileSync(join(p.dir, d.proofPath as string), "utf8")) as Proof;
    expect(kept.sha256).toBe(d.sha256);
    expect(kept.sha256).toBe(sha(d.prompt));
  });
});

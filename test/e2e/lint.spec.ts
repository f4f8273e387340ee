import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { privateKey, SECRETS } from "../helpers/secrets.js";
import { cadre, json, ROOT } from "./helpers.js";

const BAD = join(ROOT, "test", "fixtures", "bad-pack");
const WARN_ONLY = join(BAD, "skills", "ok-skill");

interface LintJson {
  ok: boolean;
  data: {
    summary: { errors: number; warnings: number };
    diagnostics: Array<{ rule: string; severity: string; file: string; line?: number; hosts?: string[] }>;
  };
}

describe("cadre lint", () => {
  it("the built-in library is clean", async () => {
    const r = await cadre(["lint", "library", "--strict"]);
    expect(r.stdout).toMatch(/✔ 0 errors, 0 warnings/);
    expect(r.code).toBe(0);
  });

  it("exits 1 on errors and prints findings grouped by file with line:column, rule and hint", async () => {
    const r = await cadre(["lint", BAD]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/skills\/Bad_Skill\/SKILL\.md\n/);
    expect(r.stdout).toMatch(/\n {2}2\s+error\s+skill name "Bad_Skill" may only contain lowercase/);
    expect(r.stdout).toMatch(/5:\d+\s+warning\s+download piped into an interpreter.*security\/pipe-to-shell/);
    expect(r.stdout).toMatch(/warning\s+@nobody-here does not name any item\s+refs\/unresolved-mention/);
    expect(r.stdout).toMatch(/hint: /);
    expect(r.stdout).toMatch(/✖ 1 error, 3 warnings in 2 items/);
  });

  it("--json and --format sarif describe the same findings", async () => {
    const j = json<LintJson>(await cadre(["lint", BAD, "--json"]));
    expect(j.ok).toBe(false);
    const rules = j.data.diagnostics.map((d) => d.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        "skill/name-format",

        "security/pipe-to-shell",
        "refs/unresolved-mention",
        "skill/unknown-key",
      ]),
    );
    const s = json<{
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; locations: unknown[] }> }>;
    }>(await cadre(["lint", BAD, "--format", "sarif"]));
    expect(s.version).toBe("2.1.0");
    expect(s.runs[0]?.results.map((x) => x.ruleId).sort()).toEqual([...rules].sort());
  });

  it("warnings pass by default and fail with --max-warnings 0; --strict turns host keys into errors", async () => {
    expect((await cadre(["lint", WARN_ONLY])).code).toBe(0);
    expect((await cadre(["lint", WARN_ONLY, "--max-warnings", "0"])).code).toBe(1);
    const strict = json<LintJson>(await cadre(["lint", WARN_ONLY, "--strict", "--json"]));
    expect(strict.data.summary.errors).toBe(2);
  });

  it("--rules lists every rule; --rule runs only one", async () => {
    const list = await cadre(["lint", "--rules"]);
    expect(list.stdout).toMatch(/security\/hidden-unicode\s+error/);
    const one = json<LintJson>(await cadre(["lint", BAD, "--rule", "security/pipe-to-shell", "--json"]));
    expect(new Set(one.data.diagnostics.map((d) => d.rule))).toEqual(new Set(["security/pipe-to-shell"]));
  });

  it("a bad --format or --max-warnings is a usage error", async () => {
    expect((await cadre(["lint", BAD, "--format", "xml"])).code).toBe(2);
    expect((await cadre(["lint", BAD, "--max-warnings", "-1"])).code).toBe(2);
  });
});

describe("security/secret on real files", () => {
  it("finds secrets in any file of a pack (.env, .pem, README, references), masked; add refuses such items", async () => {
    const base = mkdtempSync(join(tmpdir(), "cadre-secrets-"));
    try {
      const pack = join(base, "leaky");
      mkdirSync(join(pack, "skills", "deploy", "references"), { recursive: true });
      mkdirSync(join(pack, "certs"));
      writeFileSync(
        join(pack, "skills", "deploy", "SKILL.md"),
        "---\nname: deploy\ndescription: Deploys the app to staging. Use when shipping a release.\n---\nRun the deploy.\n",
      );
      writeFileSync(
        join(pack, "skills", "deploy", "references", "ci.md"),
        `Use GH=${SECRETS.github} in CI.\n`,
      );
      writeFileSync(join(pack, "skills", "deploy", ".env"), `AWS_ACCESS_KEY_ID=${SECRETS.aws}\n`);
      writeFileSync(join(pack, "certs", "deploy.pem"), privateKey());
      writeFileSync(join(pack, "README.md"), `# Leaky\n\nslack: ${SECRETS.slackBot}\n`);
      const r = await cadre(["lint", pack, "--strict", "--json"], { cwd: base });
      expect(r.code).toBe(1);
      const found = json<LintJson>(r)
        .data.diagnostics.filter((d) => d.rule === "security/secret")
        .map((d) => `${d.file}:${d.line}`)
        .sort();
      expect(found).toEqual([
        "leaky/README.md:3",
        "leaky/certs/deploy.pem:1",
        "leaky/skills/deploy/.env:1",
        "leaky/skills/deploy/references/ci.md:1",
      ]);
      for (const s of Object.values(SECRETS)) expect(r.stdout).not.toContain(s);

      writeFileSync(
        join(base, "cadre.yaml"),
        "version: 1\nhosts: [claude-code]\nsources: [builtin, leaky]\nprofiles: []\ninclude: []\n",
      );
      const add = await cadre(["add", "leaky/skill:deploy"], {
        cwd: base,
        env: { HOME: join(base, "home") },
      });
      expect(add.code).toBe(1);
      expect(add.stderr).toMatch(/refusing to add items that contain secrets/);
      expect(add.stderr).toMatch(/leaky\/skills\/deploy\/\.env:1:\d+: AWS access key ID "AKIA…"/);
      expect(add.stderr).not.toContain(SECRETS.aws);
      expect(readFileSync(join(base, "cadre.yaml"), "utf8")).toMatch(/include: \[\]/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe("lint tells the truth (issue 10 #7)", () => {
  const SHAPES = join(ROOT, "test", "fixtures", "lint-real-shapes");

  it("a plugin in the shapes real packs publish lints with no error: only the portability and bare-Bash warnings", async () => {
    const r = await cadre(["lint", join(SHAPES, "plugin"), "--json"]);
    expect(r.code).toBe(0);
    const j = json<LintJson>(r);
    expect(j.data.summary.errors).toBe(0);
    expect(j.data.diagnostics.map((d) => `${d.severity} ${d.rule}`)).toEqual([
      "warning skill/allowed-tools-string",
      // The fixture's skill pre-approves the whole shell, as real packs do (skill/bare-bash, issue 17 #2).
      "warning skill/bare-bash",
    ]);
  });

  it("--host lints for one host: a description over 1,024 characters fails for Copilot, not for Claude Code", async () => {
    const pack = join(SHAPES, "host-limits");
    const all = json<LintJson>(await cadre(["lint", pack, "--json"]));
    expect(all.data.diagnostics.map((d) => [d.rule, d.severity, d.hosts])).toEqual([
      ["skill/description-length", "error", ["codex", "copilot"]],
    ]);
    const claude = await cadre(["lint", pack, "--host", "claude-code"]);
    expect(claude.code).toBe(0);
    expect(claude.stdout).toMatch(
      /warning\s+description is \d+ characters; .*GitHub Copilot refuses more than 1024/,
    );
    expect(claude.stdout).toMatch(/! 0 errors, 1 warning in 2 items \(.*host-limits\) for claude-code/);
    expect((await cadre(["lint", pack, "--host", "copilot"])).code).toBe(1);
    const bad = await cadre(["lint", pack, "--host", "nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown host "nope"/);
  });

  it("sync leaves an item out only for the hosts that refuse it, and says why with the lint message", async () => {
    const base = mkdtempSync(join(tmpdir(), "cadre-refuse-"));
    try {
      cpSync(join(SHAPES, "host-limits"), join(base, "host-limits"), { recursive: true });
      writeFileSync(
        join(base, "cadre.yaml"),
        "version: 1\nhosts: [claude-code, codex]\nsources: [builtin, host-limits]\nprofiles: []\n" +
          "include: [host-limits/skill:design-brief, host-limits/skill:changelog-draft]\n",
      );
      const home = join(base, "home");
      const env = { HOME: home, XDG_STATE_HOME: join(home, "state"), XDG_CACHE_HOME: join(home, "cache") };
      const r = await cadre(["sync"], { cwd: base, env });
      expect(r.code).toBe(0);
      for (const name of ["design-brief", "changelog-draft"])
        expect(existsSync(join(base, ".claude", "skills", name, "SKILL.md"))).toBe(true);
      expect(existsSync(join(base, ".agents", "skills", "changelog-draft", "SKILL.md"))).toBe(true);
      expect(existsSync(join(base, ".agents", "skills", "design-brief"))).toBe(false);
      expect(r.stderr).toMatch(
        /codex: host-limits\/skill:design-brief: not installed: host-limits\/skills\/design-brief\/SKILL\.md:3: description is \d+ characters; OpenAI Codex refuses more than 1024.*\(skill\/description-length\)/,
      );
      expect(r.stderr).not.toMatch(/claude-code: host-limits\/skill:design-brief/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitRepo } from "../helpers/sources.js";
import { cadre, homeEnv, json } from "./helpers.js";

const body = (extra: string) =>
  `---\nname: tidy\ndescription: Use when the code needs tidying before review.\n---\n\n# Tidy\n\nFirst line.\n\nMiddle line.\n\n${extra}\n`;

describe("sources: init → sync → outdated → update → sync --frozen", () => {
  const dir = mkdtempSync(join(tmpdir(), "cadre-src-e2e-"));
  const env = homeEnv(join(dir, "home"));
  const repo = gitRepo(join(dir, "work"), join(dir, "packs.git"));
  const project = join(dir, "project");
  mkdirSync(project);
  const installed = join(project, ".claude/skills/tidy/SKILL.md");

  it("installs a git source, pins it, merges a user edit through an update, and guards CI", async () => {
    const v1 = repo.commit({ "skills/tidy/SKILL.md": body("Last line v1.") });
    const init = await cadre(
      ["init", "--yes", "--hosts", "claude-code", "--profile", "core", "--source", repo.url],
      {
        cwd: project,
        env,
      },
    );
    expect(init.stderr).toMatch(/fetching file:\/\/.*packs\.git/);
    expect(init.code).toBe(0);
    expect(readFileSync(installed, "utf8")).toContain("Last line v1.");
    const lock = JSON.parse(readFileSync(join(project, "cadre.lock"), "utf8"));
    expect(lock.sources[repo.url]).toMatchObject({ type: "git", commit: v1 });

    const listed = json<{ data: { items: Array<{ id: string }> } }>(
      await cadre(["add", repo.url, "--list", "--json"], { cwd: project, env }),
    );
    expect(listed.data.items.map((i) => i.id)).toEqual(["skill:tidy"]);

    const v2 = repo.commit({ "skills/tidy/SKILL.md": body("Last line v2.") });
    const out = await cadre(["outdated", "--json"], { cwd: project, env });
    expect(out.code).toBe(1);
    const row = json<{ data: { sources: Array<Record<string, unknown>> } }>(out).data.sources[0];
    expect(row).toMatchObject({
      source: repo.url,
      current: v1.slice(0, 12),
      wanted: v2.slice(0, 12),
      outdated: true,
    });

    // A plain sync keeps the pin: nothing new is fetched.
    const again = await cadre(["sync"], { cwd: project, env });
    expect(again.code).toBe(0);
    expect(readFileSync(installed, "utf8")).toContain("Last line v1.");

    writeFileSync(
      installed,
      readFileSync(installed, "utf8").replace("First line.", "First line, edited by me."),
    );
    const up = await cadre(["update", repo.url], { cwd: project, env });
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`${repo.url}: ${v1.slice(0, 12)} → ${v2.slice(0, 12)}`);
    expect(up.stdout).toMatch(/items changed in their sources: .*skill:tidy/);
    const merged = readFileSync(installed, "utf8");
    expect(merged).toContain("First line, edited by me.");
    expect(merged).toContain("Last line v2.");

    const frozen = await cadre(["sync", "--frozen"], { cwd: project, env });
    expect(frozen.code).toBe(0);

    // A fresh clone gets exactly the pinned commit, from the cache, offline, though main has moved on.
    repo.commit({ "skills/tidy/SKILL.md": body("Last line v3.") });
    const clone = join(dir, "clone");
    mkdirSync(clone);
    for (const f of ["cadre.yaml", "cadre.lock"]) cpSync(join(project, f), join(clone, f));
    const fresh = await cadre(["sync", "--offline", "--frozen"], { cwd: clone, env });
    expect(fresh.code).toBe(0);
    expect(readFileSync(join(clone, ".claude/skills/tidy/SKILL.md"), "utf8")).toContain("Last line v2.");

    // cadre.yaml names a source cadre.lock does not pin: --frozen fails and resolves nothing.
    const yaml = readFileSync(join(clone, "cadre.yaml"), "utf8").replace(
      /sources: \[(.*)\]/,
      `sources: [$1, "${repo.url}#main"]`,
    );
    writeFileSync(join(clone, "cadre.yaml"), yaml);
    const bad = await cadre(["sync", "--frozen"], { cwd: clone, env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--frozen: cadre\.yaml:\d+:\d+: source .*#main is not pinned in cadre\.lock/);
    expect(bad.stderr).not.toMatch(/fetching/);
  });

  it("an unreadable source spec is a usage error that lists the forms", async () => {
    const r = await cadre(["init", "--yes", "--hosts", "claude-code", "--source", "bitbucket:team/x"], {
      cwd: mkdtempSync(join(tmpdir(), "cadre-src-bad-")),
      env,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read source "bitbucket:team\/x": unknown prefix/);
    expect(r.stderr).toMatch(/npm:<package>\[@range\]/);
  });
});

describe("sources: the real npm registry", () => {
  it("installs npm:blue-gardener@0.2.0 and finds its 47 agents", async (ctx) => {
    const reachable = await fetch("https://registry.npmjs.org/blue-gardener", {
      signal: AbortSignal.timeout(8000),
    })
      .then((r) => r.ok)
      .catch((e: Error) => e.message);
    if (reachable !== true) {
      console.warn(`skipped: registry.npmjs.org is unreachable from here (${reachable})`);
      ctx.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), "cadre-bg-"));
    const env = homeEnv(join(dir, "home"));
    const r = await cadre(["add", "npm:blue-gardener@0.2.0", "--list", "--json"], { cwd: dir, env });
    expect(r.code).toBe(0);
    const items = json<{ data: { items: Array<{ kind: string }> } }>(r).data.items;
    expect(items.filter((i) => i.kind === "agent").length).toBe(47);
  }, 120_000);
});

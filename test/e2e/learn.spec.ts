import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cadre, homeEnv, json } from "./helpers.js";

const base = mkdtempSync(join(tmpdir(), "cadre-e2e-learn-"));
const dir = join(base, "app");
const env = homeEnv(join(base, "home"));
const learn = (...args: string[]) => cadre(["learn", ...args], { cwd: dir, env });
const ID = "run-the-migration-check-before-planning-data-changes";

/** Files of cadre.lock that hold an item, by qualified id. */
function lockedFiles(item: string): string[] {
  const lock = JSON.parse(readFileSync(join(dir, "cadre.lock"), "utf8")) as {
    files: Record<string, { items?: string[] }>;
  };
  return Object.entries(lock.files)
    .filter(([, f]) => f.items?.includes(item))
    .map(([p]) => p);
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  const r = await cadre(["init", "--yes", "--hosts", "claude-code"], { cwd: dir, env });
  expect(r.code, r.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("cadre learn", () => {
  it("proposes a learning from the shell; nothing is installed until it is accepted", async () => {
    const p = await learn(
      "propose",
      "--statement",
      "Run the migration check before planning data changes.",
      "--scope",
      "project",
      "--confidence",
      "0.6",
      "--evidence",
      "review-report F-2",
      "--evidence",
      "commit abc123",
      "--kind",
      "pitfall",
    );
    expect(p.code, p.stderr).toBe(0);
    expect(existsSync(join(dir, ".cadre/memory/learnings/proposed", `${ID}.md`))).toBe(true);
    const again = await learn(
      "propose",
      "--statement",
      "Run the migration check before planning data changes.",
      "--scope",
      "project",
      "--confidence",
      "0.5",
      "--evidence",
      "x",
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`.cadre/memory/learnings/proposed/${ID}.md`);
    const list = json<{ data: { learnings: { state: string; learning: { id: string } }[] } }>(
      await learn("list", "--json"),
    );
    expect(list.data.learnings.map((l) => [l.state, l.learning.id])).toEqual([["proposed", ID]]);
    expect(existsSync(join(dir, "cadre-learnings"))).toBe(false);
    const sync = await cadre(["sync"], { cwd: dir, env });
    expect(sync.code, sync.stderr).toBe(0);
    expect(lockedFiles(`learnings/rule:learning-${ID}`)).toEqual([]);
  }, 60_000);

  it("refuses bad input with a clear error", async () => {
    const noScope = await learn("propose", "--statement", "x y", "--confidence", "0.5", "--evidence", "e");
    expect(noScope.code).toBe(2);
    expect(noScope.stderr).toMatch(/--scope must be one of/);
    const badId = await learn("accept", "../../etc/passwd");
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/not an id/);
    writeFileSync(
      join(dir, ".cadre/memory/learnings/proposed/broken.md"),
      "---\nid: broken\nscope: nowhere\n---\nx\n",
    );
    const broken = await learn("list");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/\.cadre\/memory\/learnings\/proposed\/broken\.md:3: scope is not one of/);
    rmSync(join(dir, ".cadre/memory/learnings/proposed/broken.md"));
  });

  it("accept writes the rule into the learnings pack and cadre.yaml; the next sync installs it", async () => {
    const dry = await learn("accept", ID, "--dry-run");
    expect(dry.code, dry.stderr).toBe(0);
    expect(existsSync(join(dir, "cadre-learnings"))).toBe(false);
    const a = json<{ data: { rule: string; config: string[] } }>(await learn("accept", ID, "--json"));
    expect(a.data.rule).toBe(`cadre-learnings/rules/learning-${ID}.md`);
    expect(a.data.config).toEqual(["sources += ./cadre-learnings", "include += learnings/*"]);
    expect(readFileSync(join(dir, "cadre.yaml"), "utf8")).toMatch(
      /sources: \[builtin, \.\/cadre-learnings\]/,
    );
    expect(readFileSync(join(dir, a.data.rule), "utf8")).toContain("- review-report F-2");
    const sync = await cadre(["sync"], { cwd: dir, env });
    expect(sync.code, sync.stderr).toBe(0);
    const files = lockedFiles(`learnings/rule:learning-${ID}`);
    expect(files.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, files[0] as string), "utf8")).toContain("Run the migration check");
    const twice = await learn("accept", ID);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/is accepted .*only a proposed learning can be accepted/);
  }, 60_000);

  it("archive takes the rule out of the pack and the next sync removes it; reject keeps the reason", async () => {
    const ar = await learn("archive", ID, "--reason", "the check is in CI now", "--json");
    expect(ar.code, ar.stderr).toBe(0);
    expect(json<{ data: { config: string[] } }>(ar).data.config).toEqual([
      "include -= learnings/*",
      "sources -= ./cadre-learnings",
    ]);
    expect(existsSync(join(dir, `cadre-learnings/rules/learning-${ID}.md`))).toBe(false);
    const sync = await cadre(["sync"], { cwd: dir, env });
    expect(sync.code, sync.stderr).toBe(0);
    expect(lockedFiles(`learnings/rule:learning-${ID}`)).toEqual([]);
    await learn(
      "propose",
      "--id",
      "one-off",
      "--statement",
      "A one-off.",
      "--scope",
      "this-task",
      "--confidence",
      "0.2",
      "--evidence",
      "e",
    );
    const rj = await learn("reject", "one-off", "--reason", "not general");
    expect(rj.code, rj.stderr).toBe(0);
    expect(readFileSync(join(dir, ".cadre/memory/learnings/rejected/one-off.md"), "utf8")).toContain(
      "reason: not general",
    );
    const list = json<{ data: { learnings: { state: string }[] } }>(await learn("list", "--json"));
    expect(list.data.learnings.map((l) => l.state)).toEqual(["rejected", "archived"]);
  }, 60_000);

  it("--from files each lesson still proposed in a learn artifact, skips ids that exist, names a bad lesson's line", async () => {
    const lesson = (statement: string, status: string) => ({
      id: "L1",
      kind: "tooling",
      statement,
      evidence: ["execution-log D-1"],
      scope: "project",
      confidence: 0.5,
      status,
    });
    const artifact = {
      schema_version: 1,
      run_id: "20260101-000000-x",
      phase: "learn",
      created_at: "2026-01-01T00:00:00Z",
      author_role: "learner",
      run_summary: "s",
      learnings: [lesson("Pin the formatter version.", "proposed"), lesson("Already decided.", "accepted")],
    };
    writeFileSync(join(dir, "learning.json"), JSON.stringify(artifact, null, 2));
    const r = json<{ data: { proposed: { learning: { id: string; run: string } }[] } }>(
      await learn("propose", "--from", "learning.json", "--json"),
    );
    expect(r.data.proposed.map((p) => [p.learning.id, p.learning.run])).toEqual([
      ["pin-the-formatter-version", "20260101-000000-x"],
    ]);
    const again = json<{ data: { proposed: unknown[]; skipped: { id: string }[] } }>(
      await learn("propose", "--from", "learning.json", "--json"),
    );
    expect(again.data.proposed).toEqual([]);
    expect(again.data.skipped.map((x) => x.id)).toEqual(["pin-the-formatter-version"]);
    const bad = { ...artifact, learnings: [{ ...lesson("No evidence here.", "proposed"), evidence: [] }] };
    writeFileSync(join(dir, "bad.json"), JSON.stringify(bad, null, 2));
    const b = await learn("propose", "--from", "bad.json");
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/bad\.json:\d+: learnings\[0\]: evidence is not a non-empty list/);
  });
});

import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toRenderItems } from "../../src/app/render-items.js";
import { type HostDef, SCOPES, type Scope } from "../../src/hosts/define.js";
import type { Desired } from "../../src/hosts/output.js";
import type { HostEnv } from "../../src/hosts/paths.js";
import { HOSTS } from "../../src/hosts/registry.js";
import { renderAll } from "../../src/render/compose.js";
import type { RenderItem } from "../../src/render/formats.js";
import { loadPack } from "../../src/sources/load.js";
import { staleGoldens } from "./stale.js";

// Two hosts that share files (HostDef.reads): who reads what cadre writes, once per host, and what cadre says
// where a host still reads an item twice. Golden files in __golden__/pairs/<a>+<b>/<scope>/: READS.txt (every
// output: the hosts it is written for, and the hosts that read it too) and NOTES.txt (the notes about reads).
const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "..", "fixtures", "library");
const home = "/home/user";

const PAIRS = [
  ["claude-code", "copilot"],
  ["claude-code", "agents-standard"],
  ["cursor", "claude-code"],
  ["opencode", "agents-standard"],
  ["cline", "claude-code"],
  ["amp", "claude-code"],
  ["codex", "claude-code"],
  ["zed", "cline"],
  ["continue", "claude-code"],
  ["crush", "cursor"],
  ["qwen-code", "codex"],
  ["factory", "codex"],
  ["goose", "claude-code"],
] as const;

let items: RenderItem[] = [];
beforeAll(async () => {
  const pack = await loadPack(fixture, { cwd: here });
  items = await toRenderItems(pack.items, [pack], here);
});

const render = (ids: readonly string[], scope: Scope, extra: Partial<HostEnv> = {}) =>
  renderAll(
    items,
    ids.map((id) => HOSTS[id as keyof typeof HOSTS] as HostDef),
    { home, scope, ...extra },
  );
const find = (desired: Desired[], path: string): Desired => {
  const d = desired.find((x) => x.path === path);
  if (!d) throw new Error(`not rendered: ${path}`);
  return d;
};
const READ_NOTE = / also reads /;

describe.each(PAIRS.map((p) => [p.join("+"), p] as const))("%s", (name, pair) => {
  it.each(SCOPES.map((s) => [s]))("matches its golden READS.txt and NOTES.txt at %s scope", async (scope) => {
    const { desired, notes } = render(pair, scope);
    const reads = desired.map(
      (d) => `${d.path}  for ${d.hosts.join(", ")}${d.readers?.length ? `; also read by ${d.readers.join(", ")}` : ""}`,
    );
    await expect(`${reads.join("\n")}\n`).toMatchFileSnapshot(join("__golden__", "pairs", name, scope, "READS.txt"));
    const lines = notes.filter((n) => READ_NOTE.test(n.message)).map((n) => `${n.level}: ${n.host}: ${n.message}`);
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot(join("__golden__", "pairs", name, scope, "NOTES.txt"));
  });

  it.each(SCOPES.map((s) => [s]))("writes each skill once where the two hosts share a skills folder (%s)", (scope) => {
    const { desired } = render(pair, scope);
    const skills = desired.filter((d) => d.path.endsWith("/SKILL.md"));
    const byItem = new Map<string, string[]>();
    for (const d of skills) for (const q of d.items) byItem.set(q, [...(byItem.get(q) ?? []), d.path]);
    // A host that reads the other host's skills folder shares it: one copy, written for both.
    for (const [a, b] of [pair, [...pair].reverse()] as Array<readonly string[]>) {
      const reader = HOSTS[a as keyof typeof HOSTS] as HostDef;
      const other = HOSTS[b as keyof typeof HOSTS] as HostDef;
      const dirs = (reader.reads?.skills ?? []).filter((r) => !r.when && !r.unless).map((r) => r[scope]);
      const otherDir = (other.reads?.skills ?? [])[0]?.[scope];
      if (!otherDir || !dirs.includes(otherDir)) continue;
      for (const [q, paths] of byItem) expect(paths, `${q} for ${name}`).toHaveLength(1);
    }
  });
});

it("every pairs golden file is produced by some pair and scope", () => {
  const dir = join(here, "__golden__", "pairs");
  const produced = PAIRS.flatMap((p) =>
    SCOPES.flatMap((s) => ["READS.txt", "NOTES.txt"].map((f) => join(dir, p.join("+"), s, f))),
  );
  expect(staleGoldens(dir, produced)).toEqual([]);
});

describe("item 3: a host that reads another host's file is its reader, and a double read is said", () => {
  it("Copilot reads Claude Code's rules and hooks in VS Code: a reader of both, with the setting that stops it", () => {
    const { desired, notes } = render(["claude-code", "copilot"], "project");
    expect(find(desired, ".claude/rules/always-typescript.md").readers).toEqual(["copilot"]);
    expect(find(desired, ".claude/settings.json").readers).toEqual(["copilot"]);
    const mine = notes.filter((n) => n.host === "copilot" && READ_NOTE.test(n.message)).map((n) => n.message);
    expect(mine.find((m) => m.includes(".claude/rules"))).toMatch(/chat\.instructionsFilesLocations/);
    expect(mine.find((m) => m.includes(".claude/settings.json"))).toMatch(/chat\.hookFilesLocations/);
    // Copilot keeps its own copies: its CLI and cloud agent do not read .claude/rules.
    expect(desired.some((d) => d.path === ".github/instructions/always-typescript.instructions.md")).toBe(true);
  });

  it("Claude Code reads AGENTS.md only while the project has no CLAUDE.md", () => {
    const without = render(["claude-code", "agents-standard"], "project");
    expect(find(without.desired, "AGENTS.md").readers).toEqual(["claude-code"]);
    const note = without.notes.find((n) => n.host === "claude-code" && READ_NOTE.test(n.message));
    expect(note?.message).toMatch(/AGENTS\.md.*a CLAUDE\.md in the project/);
    const withClaudeMd = render(["claude-code", "agents-standard"], "project", { present: new Set(["CLAUDE.md"]) });
    expect(find(withClaudeMd.desired, "AGENTS.md").readers).toBeUndefined();
    expect(withClaudeMd.notes.filter((n) => n.host === "claude-code" && READ_NOTE.test(n.message))).toEqual([]);
  });

  it("Cursor runs Claude Code's hooks too when its third-party setting is on: each hook would run twice", () => {
    const { desired, notes } = render(["cursor", "claude-code"], "project");
    const settings = find(desired, ".claude/settings.json");
    expect(settings.readers).toEqual(["cursor"]);
    const note = notes.find((n) => n.host === "cursor" && n.message.includes(".claude/settings.json"));
    expect(note?.level).toBe("warning");
    expect(note?.message).toMatch(/third-party.*reach it twice.*hook:guard-secrets/);
  });

  it("Continue's cn takes Claude Code's hooks from .claude/settings.json: each hook is installed (and runs) once", () => {
    const { desired, notes } = render(["continue", "claude-code"], "project");
    const claude = find(desired, ".claude/settings.json");
    expect(claude.hosts).toEqual(["claude-code"]);
    expect(claude.readers).toEqual(["continue"]);
    const hooks = claude.items.filter((q) => q.includes("/hook:"));
    expect(hooks.length).toBeGreaterThan(0);
    // No hook of Claude Code's file is in Continue's own settings as well.
    const own = desired.find((d) => d.path === ".continue/settings.json");
    expect((own?.items ?? []).filter((q) => hooks.includes(q))).toEqual([]);
    expect(notes.filter((n) => n.host === "continue" && READ_NOTE.test(n.message) && /settings/.test(n.message))).toEqual([]);
    const said = notes.filter((n) => n.host === "continue" && /reads it from \.claude\/settings\.json/.test(n.message));
    expect(said.map((n) => n.item).sort()).toEqual([...hooks].sort());
    // Alone, Continue writes its own.
    const alone = render(["continue"], "project").desired;
    expect(find(alone, ".continue/settings.json").items.filter((q) => q.includes("/hook:")).sort()).toEqual([...hooks].sort());
  });

  it("a hook on a tool class whose names differ (Continue's List and Search reads) keeps Continue's own copy", () => {
    const base = items.find((ri) => ri.item.kind === "hook" && ri.item.name === "guard-secrets");
    if (!base) throw new Error("fixture hook guard-secrets missing");
    const reads = { ...base, item: { ...base.item, meta: { ...base.item.meta, matcher: ["read"] } } };
    const hosts = ["continue", "claude-code"].map((id) => HOSTS[id as keyof typeof HOSTS] as HostDef);
    const { desired, notes } = renderAll([reads], hosts, { home, scope: "project" });
    expect(find(desired, ".continue/settings.json").hosts).toEqual(["continue"]);
    const note = notes.find((n) => n.host === "continue" && n.message.includes(".claude/settings.json"));
    expect(note?.message).toMatch(/reach it twice/);
  });

  it("a host whose tool names differ keeps its own hook copy: Cursor's matchers are not Claude Code's", () => {
    const { desired } = render(["cursor", "claude-code"], "project");
    expect(find(desired, ".cursor/hooks.json").hosts).toEqual(["cursor"]);
  });

  it("Crush reads GEMINI.md and .cursor/rules whatever its config says: the double read is said, with no setting", () => {
    const cursor = render(["crush", "cursor"], "project");
    const onCursor = cursor.notes.find((n) => n.host === "crush" && n.message.includes(".cursor/rules"));
    expect(onCursor?.message).toMatch(/reach it twice.*Crush has no setting to stop it/);
    expect(find(cursor.desired, ".cursor/rules/always-typescript.mdc").readers).toEqual(["crush"]);
    const gemini = render(["crush", "gemini-cli"], "project");
    expect(find(gemini.desired, "GEMINI.md").readers).toEqual(["crush"]);
  });

  it("Qwen Code reads AGENTS.md as well as QWEN.md: said, with the setting that stops it", () => {
    const { desired, notes } = render(["qwen-code", "codex"], "project");
    expect(find(desired, "AGENTS.md").readers).toEqual(["qwen-code"]);
    const note = notes.find((n) => n.host === "qwen-code" && n.message.includes("AGENTS.md"));
    expect(note?.message).toMatch(/context\.fileName/);
  });

  it("the lock records the readers, and forgets them when the host goes", async () => {
    const { planSync } = await import("../../src/plan/plan.js");
    const { emptyLock } = await import("../../src/plan/types.js");
    const plan = (ids: string[], lock = emptyLock("project", 1)) =>
      planSync({
        desired: render(ids, "project").desired,
        lock,
        observed: new Map(),
        bases: new Map(),
        items: {},
        scope: "project",
        rendererVersion: 1,
      });
    const both = plan(["cursor", "claude-code"]);
    expect(both.lock.files[".claude/settings.json"]?.readers).toEqual(["cursor"]);
    expect(both.actions.find((a) => a.path === ".claude/settings.json")?.readers).toEqual(["cursor"]);
    const alone = plan(["claude-code"], both.lock);
    expect(alone.lock.files[".claude/settings.json"]?.readers).toBeUndefined();
  });
});

describe("item 7: skill folders a host shares are written once", () => {
  it.each([
    ["cursor", "claude-code", "user", ".cursor/skills/"],
    ["copilot", "claude-code", "user", ".copilot/skills/"],
    ["opencode", "agents-standard", "project", ".opencode/skills/"],
    ["cline", "claude-code", "project", ".cline/skills/"],
    ["amp", "claude-code", "project", ".agents/skills/"],
    ["factory", "codex", "project", ".factory/skills/"],
    ["continue", "claude-code", "project", ".continue/skills/"],
    ["goose", "claude-code", "user", ".agents/skills/"],
  ] as const)("%s with %s (%s): no skill copied under %s", (a, b, scope, dir) => {
    const { desired } = render([a, b], scope);
    // Skills and reference skills share the folder; an agent or command degraded to a skill stays in the
    // host's own folder when the other host, reading the shared one, has it in its own form.
    const skills = desired.filter((d) => d.path.startsWith(dir) && d.items.some((q) => /\/(skill|expertise):/.test(q)));
    expect(skills.map((d) => d.path)).toEqual([]);
    const shared = desired.filter((d) => d.path.endsWith("/pdf-tools/SKILL.md"));
    expect(shared.map((d) => d.hosts)).toEqual([[a, b].sort()]);
  });
});

// The manual rule is named like Claude Code's built-in /release-notes: installed as a skill or command, it would
// shadow it, so it goes in under the pack's prefix on every host (hosts/builtins.ts).
describe("item 4: Claude Code, Cline, Roo (Zoo) and Qwen Code model and manual rules do not become always-on", () => {
  const front = (d: Desired) => {
    const text = d.type === "file" && typeof d.content === "string" ? d.content : "";
    return parse(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? "") as Record<string, unknown>;
  };
  it.each([
    ["claude-code", ".claude/skills/database-migrations/SKILL.md", ".claude/skills/fixture-release-notes/SKILL.md"],
    ["cline", ".cline/skills/database-migrations/SKILL.md", ".clinerules/workflows/fixture-release-notes.md"],
    ["roo", ".roo/skills/database-migrations/SKILL.md", ".roo/commands/fixture-release-notes.md"],
    ["zoo-code", ".zoo/skills/database-migrations/SKILL.md", ".zoo/commands/fixture-release-notes.md"],
    // Qwen Code loads a rule without `paths` at launch too (rules.md).
    ["qwen-code", ".qwen/skills/database-migrations/SKILL.md", ".qwen/commands/fixture-release-notes.md"],
  ] as const)("%s: the model rule is a skill, the manual rule only the user invokes", (host, model, manual) => {
    const { desired, notes } = render([host], "project");
    const rules = desired.filter((d) => /database-migrations|release-notes/.test(d.path)).map((d) => d.path);
    expect(rules.sort()).toEqual([model, manual].sort());
    expect(front(find(desired, model))).toMatchObject({
      name: "database-migrations",
      description: expect.stringContaining("database migrations"),
    });
    expect(front(find(desired, model))["disable-model-invocation"]).toBeUndefined();
    if (host === "claude-code") expect(front(find(desired, manual))["disable-model-invocation"]).toBe(true);
    const said = notes.filter((n) => n.item?.endsWith("rule:release-notes")).map((n) => n.message);
    expect(said.join("\n")).toMatch(/manual rule installed as a (skill|command)/);
  });
});

describe("item 8: index links resolve from the file that holds them", () => {
  const indexHosts = (Object.values(HOSTS) as HostDef[]).filter((h) => h.instructions);
  it.each(indexHosts.flatMap((h) => SCOPES.map((s) => [h.id, s] as const)))("%s at %s scope", (id, scope) => {
    const { desired } = render([id], scope);
    const paths = new Set(desired.map((d) => d.path));
    for (const block of desired.filter((d) => d.type === "block" && d.comment === "html")) {
      const links = [...(block.type === "block" ? block.content : "").matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] ?? "");
      expect(links.length).toBeGreaterThan(0);
      for (const l of links) expect(paths, `${block.path} → ${l}`).toContain(posix.join(posix.dirname(block.path), l));
    }
  });
});

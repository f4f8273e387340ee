import { describe, expect, it } from "vitest";
import { sha256 } from "../core/hash.js";
import { type Desired, type DesiredKeys, selectorAll } from "../hosts/output.js";
import { planSync } from "./plan.js";
import { emptyLock, type Lock } from "./types.js";

const file = (path: string, content: string): Desired => ({
  type: "file",
  path,
  content,
  hosts: ["h"],
  items: ["p/skill:x"],
});

function run(
  desired: Desired[],
  disk: Record<string, string>,
  lock: Lock = emptyLock("project", 1),
  bases: string[] = [],
) {
  return planSync(
    {
      desired,
      lock,
      observed: new Map(Object.entries(disk)),
      bases: new Map(bases.map((b) => [sha256(b), b])),
      items: {},
      scope: "project",
      rendererVersion: 1,
    },
    {},
  );
}

describe("planSync", () => {
  const v1 = "title\n\nline a\nline b\nline c\n";
  const v2 = "title\n\nline a\nline b\nline C (new)\n";
  const lockV1 = run([file("x.md", v1)], {}).lock;

  it("creates, then skips when up to date", () => {
    expect(run([file("x.md", v1)], {}).actions[0]).toMatchObject({ type: "create", write: v1 });
    expect(run([file("x.md", v1)], { "x.md": v1 }, lockV1).actions[0]).toMatchObject({
      type: "skip",
      reason: "up to date",
    });
  });

  it("never overwrites a file it did not write: conflict with a proposal", () => {
    const p = run([file("x.md", v1)], { "x.md": "mine\n" });
    expect(p.actions[0]).toMatchObject({ type: "conflict", proposal: v1 });
    expect(p.actions[0]?.write).toBeUndefined();
    expect(p.lock.files["x.md"]).toBeUndefined();
  });

  it("merges a user edit with a library change (three-way, base from the cache)", () => {
    const edited = v1.replace("line a", "line a (mine)");
    const p = run([file("x.md", v2)], { "x.md": edited }, lockV1, [v1]);
    expect(p.actions[0]).toMatchObject({
      type: "merge",
      write: "title\n\nline a (mine)\nline b\nline C (new)\n",
    });
  });

  it("keeps the user's file and proposes when the merge conflicts", () => {
    const edited = v1.replace("line c", "line c (mine)");
    const p = run([file("x.md", v2)], { "x.md": edited }, lockV1, [v1]);
    expect(p.actions[0]).toMatchObject({ type: "conflict", proposal: v2 });
    expect(p.actions[0]?.write).toBeUndefined();
  });

  it("deletes an unselected file only when unedited", () => {
    expect(run([], { "x.md": v1 }, lockV1).actions[0]).toMatchObject({ type: "delete", write: null });
    expect(run([], { "x.md": "edited\n" }, lockV1).actions[0]).toMatchObject({ type: "untrack" });
  });

  it("drops unsafe paths from a hand-edited lock", () => {
    const bad: Lock = {
      ...lockV1,
      files: { "../evil": { mode: "file", sha256: sha256("x"), hosts: [], items: [] } },
    };
    expect(run([], { "../evil": "x" }, bad).actions[0]).toMatchObject({ type: "untrack" });
  });
});

describe("owned array entries in a shared JSON config", () => {
  const cmd = "cadre hook protected-paths --host claude-code";
  const key = ["hooks", "PreToolUse", `[hooks.0.command=${cmd}]`];
  const entry = { matcher: "Edit|Write", hooks: [{ type: "command", command: cmd }] };
  const keys = (value: unknown): Desired => ({
    type: "keys",
    path: ".claude/settings.json",
    entries: [{ key, value }],
    hosts: ["claude-code"],
    items: ["builtin/hook:protected-paths"],
  });
  const user = `{
  "model": "opus",
  "hooks": {
    "PreToolUse": [
      {
        "matcher": "Bash",
        "hooks": [{ "type": "command", "command": "./mine.sh" }]
      }
    ]
  }
}
`;

  it("appends cadre's entry beside the user's, then is a no-op, then removes only its own", () => {
    const first = run([keys(entry)], { ".claude/settings.json": user });
    const written = first.actions[0]?.write as string;
    expect(first.actions[0]).toMatchObject({ type: "merge" });
    const parsed = JSON.parse(written);
    expect(parsed.hooks.PreToolUse).toHaveLength(2);
    expect(parsed.hooks.PreToolUse[0].hooks[0].command).toBe("./mine.sh");
    expect(parsed.hooks.PreToolUse[1]).toEqual(entry);
    expect(written.startsWith(user.slice(0, user.indexOf("\n    ]")))).toBe(true);

    const again = run([keys(entry)], { ".claude/settings.json": written }, first.lock);
    expect(again.actions[0]).toMatchObject({ type: "skip" });

    const updated = { ...entry, matcher: "Edit|Write|MultiEdit" };
    const upd = run([keys(updated)], { ".claude/settings.json": written }, first.lock);
    expect(JSON.parse(upd.actions[0]?.write as string).hooks.PreToolUse).toEqual([
      parsed.hooks.PreToolUse[0],
      updated,
    ]);

    const gone = run([], { ".claude/settings.json": written }, first.lock);
    expect(gone.actions[0]).toMatchObject({ type: "delete", write: user });
  });

  it("moves an entry to a new selector for the same element without losing it (cadre upgrade)", () => {
    const first = run([keys(entry)], { ".claude/settings.json": user });
    const written = first.actions[0]?.write as string;
    const now: Desired = {
      ...(keys(entry) as DesiredKeys),
      entries: [
        {
          key: ["hooks", "PreToolUse", selectorAll({ "hooks.0.command": cmd, matcher: "Edit|Write" })],
          value: entry,
        },
      ],
    };
    const up = run([now], { ".claude/settings.json": written }, first.lock);
    const after = up.actions[0]?.write === undefined ? written : (up.actions[0]?.write as string);
    expect(JSON.parse(after).hooks.PreToolUse).toEqual([JSON.parse(user).hooks.PreToolUse[0], entry]);
    const again = run([now], { ".claude/settings.json": after }, up.lock);
    expect(again.actions[0]).toMatchObject({ type: "skip" });
  });

  it("creates the array and its parents, and removing them restores the original bytes", () => {
    const bare = '{\n  "model": "opus"\n}\n';
    const first = run([keys(entry)], { ".claude/settings.json": bare });
    const written = first.actions[0]?.write as string;
    expect(JSON.parse(written).hooks.PreToolUse).toEqual([entry]);
    const gone = run([], { ".claude/settings.json": written }, first.lock);
    expect(gone.actions[0]?.write).toBe(bare);
  });

  it("keeps an entry the user edited, and reports it", () => {
    const first = run([keys(entry)], { ".claude/settings.json": user });
    const edited = String(first.actions[0]?.write).replace('"Edit|Write"', '"Edit"');
    const next = run([keys({ ...entry, matcher: "Write" })], { ".claude/settings.json": edited }, first.lock);
    expect(next.actions[0]).toMatchObject({ type: "conflict" });
    expect(next.actions[0]?.write).toBeUndefined();
  });
});

describe("a YAML config (.roomodes)", () => {
  const mode = { slug: "reviewer", name: "Reviewer", roleDefinition: "You review.", groups: ["read"] };
  const keys = (value: unknown): Desired => ({
    type: "keys",
    path: ".roomodes",
    syntax: "yaml",
    entries: [{ key: ["customModes", "[slug=reviewer]"], value }],
    hosts: ["roo"],
    items: ["builtin/agent:reviewer"],
  });
  const user = `# our modes
customModes:
  - slug: docs # the docs mode
    name: Docs
    roleDefinition: You write docs.
    groups: [read, edit]
`;

  it("adds cadre's mode to the user's YAML, keeps their comments, and removes only its own", () => {
    const first = run([keys(mode)], { ".roomodes": user });
    const written = String(first.actions[0]?.write);
    expect(first.actions[0]).toMatchObject({ type: "merge" });
    expect(written).toContain("# our modes");
    expect(written).toContain("# the docs mode");
    expect(written).toContain("slug: reviewer");
    expect(first.lock.files[".roomodes"]).toMatchObject({ mode: "keys", syntax: "yaml" });
    expect(run([keys(mode)], { ".roomodes": written }, first.lock).actions[0]).toMatchObject({
      type: "skip",
    });
    const gone = run([], { ".roomodes": written }, first.lock);
    expect(gone.actions[0]).toMatchObject({ type: "delete" });
    expect(String(gone.actions[0]?.write)).toContain("slug: docs # the docs mode");
    expect(String(gone.actions[0]?.write)).not.toContain("reviewer");
  });

  it("keeps a JSON .roomodes in JSON, and creates a new one in YAML that it deletes again", () => {
    const json = '{\n  "customModes": []\n}\n';
    const j = run([keys(mode)], { ".roomodes": json });
    expect(JSON.parse(String(j.actions[0]?.write)).customModes).toEqual([mode]);
    const fresh = run([keys(mode)], {});
    expect(String(fresh.actions[0]?.write)).toMatch(/^customModes:\n {2}- slug: reviewer\n/);
    const gone = run([], { ".roomodes": String(fresh.actions[0]?.write) }, fresh.lock);
    expect(gone.actions[0]).toMatchObject({ type: "delete", write: null });
  });

  it("reports a broken YAML file as a conflict and leaves it alone", () => {
    const p = run([keys(mode)], { ".roomodes": "customModes: [\n" });
    expect(p.actions[0]).toMatchObject({ type: "conflict", reason: expect.stringContaining("YAML") });
    expect(p.actions[0]?.write).toBeUndefined();
  });
});

describe("a scalar the user already had", () => {
  it("is left to the user: not adopted, so uninstall keeps it", () => {
    const keys: Desired = {
      type: "keys",
      path: ".cursor/hooks.json",
      entries: [
        { key: ["version"], value: 1 },
        { key: ["hooks", "stop", "[command=cadre hook x]"], value: { command: "cadre hook x" } },
      ],
      hosts: ["cursor"],
      items: ["p/hook:x"],
    };
    const mine = '{\n  "version": 1,\n  "hooks": {}\n}\n';
    const first = run([keys], { ".cursor/hooks.json": mine });
    expect(Object.keys(first.lock.files[".cursor/hooks.json"]?.keys ?? {})).toEqual([
      "/hooks/stop/[command=cadre hook x]",
    ]);
    const written = String(first.actions[0]?.write);
    expect(run([keys], { ".cursor/hooks.json": written }, first.lock).actions[0]).toMatchObject({
      type: "skip",
    });
    expect(run([], { ".cursor/hooks.json": written }, first.lock).actions[0]?.write).toBe(mine);
    const fresh = run([keys], {});
    expect(Object.keys(fresh.lock.files[".cursor/hooks.json"]?.keys ?? {})).toContain("/version");
    expect(
      run([], { ".cursor/hooks.json": String(fresh.actions[0]?.write) }, fresh.lock).actions[0],
    ).toMatchObject({ type: "delete", write: null });
  });
});

import { spawnSync } from "node:child_process";
import {
  chmodSync,
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
import { dirname, join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Desired } from "../hosts/output.js";
import { planSync } from "../plan/plan.js";
import { emptyLock, type Lock } from "../plan/types.js";
import { applyPlan, recoverJournal } from "./apply.js";
import { containedPath, readMaybe } from "./fs.js";
import { readLockFile } from "./lock.js";
import { acquireProcessLock, collectBlobs, ensureStateDir, getBases } from "./state.js";

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "cadre-apply-"));
  roots.push(root);
  for (const [p, t] of Object.entries(files)) {
    const abs = join(root, p);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, t);
  }
  return root;
}

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (n === ".cadre") continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p)] = readFileSync(p, "utf8");
    }
  };
  walk(root);
  return out;
}

async function planFor(root: string, desired: Desired[], lock: Lock) {
  const paths = new Set([...desired.map((d) => d.path), ...Object.keys(lock.files)]);
  const observed = new Map<string, Uint8Array | null>();
  for (const p of paths) observed.set(p, await readMaybe(join(root, p)));
  const notExecutable = new Set(
    [...paths].filter((p) => observed.get(p) && (statSync(join(root, p)).mode & 0o100) === 0),
  );
  return planSync({
    desired,
    lock,
    observed,
    bases: new Map(),
    items: {},
    scope: "project",
    rendererVersion: 1,
    notExecutable,
  });
}

const v1: Desired[] = [
  { type: "file", path: "a/one.md", content: "one v1\n", hosts: ["h"], items: ["p/skill:one"] },
  { type: "file", path: "a/b/two.md", content: "two v1\n", hosts: ["h"], items: ["p/skill:two"] },
  {
    type: "block",
    path: "AGENTS.md",
    content: "index v1\n",
    comment: "html",
    hosts: ["h"],
    items: ["p/rule:r"],
  },
  {
    type: "keys",
    path: "cfg.json",
    entries: [{ key: ["mcpServers", "x"], value: { command: "x" } }],
    hosts: ["h"],
    items: ["p/mcp:x"],
  },
];
const v2: Desired[] = [
  { type: "file", path: "a/one.md", content: "one v2\n", hosts: ["h"], items: ["p/skill:one"] },
  { type: "file", path: "c/three.md", content: "three\n", hosts: ["h"], items: ["p/skill:three"] },
  {
    type: "block",
    path: "AGENTS.md",
    content: "index v2\n",
    comment: "html",
    hosts: ["h"],
    items: ["p/rule:r"],
  },
];

describe("applyPlan with a journal", () => {
  it("rolls back to the exact old state after a crash at any write", async () => {
    const user = { "AGENTS.md": "# Ours\n", "cfg.json": '{\n  "theme": "dark"\n}\n' };
    for (let crashAt = 1; crashAt <= 12; crashAt++) {
      const root = project(user);
      const t = { root, state: { dir: join(root, ".cadre") }, lockPath: join(root, "cadre.lock") };
      await ensureStateDir(t.state);
      await applyPlan(await planFor(root, v1, emptyLock("project", 1)), t);
      const before = snapshot(root);
      const lock = (await readLockFile(t.lockPath, "cadre.lock")) as Lock;
      const p2 = await planFor(root, v2, lock);
      await expect(
        applyPlan(p2, t, (n) => {
          if (n === crashAt) throw new Error("killed");
        }),
      ).rejects.toThrow("killed");
      // Steps 1-2 create and fill the journal's temporary file: nothing to roll back yet.
      expect(await recoverJournal(t)).toBe(crashAt > 2);
      expect(snapshot(root), `crash after write ${crashAt}`).toEqual(before);
      await applyPlan(await planFor(root, v2, (await readLockFile(t.lockPath, "cadre.lock")) as Lock), t);
      expect(snapshot(root)["a/one.md"]).toBe("one v2\n");
      expect(snapshot(root)["cfg.json"]).toBe(user["cfg.json"]);
    }
  });

  it("refuses to write through a symlink that leaves the project", async () => {
    const outside = project({ "x.md": "outside\n" });
    const root = project({});
    symlinkSync(outside, join(root, "link"));
    await expect(containedPath(root, "link/x.md")).rejects.toThrow(
      /link is a symlink; cadre writes only into real folders/,
    );
    await expect(containedPath(root, "link/x.md", false)).rejects.toThrow(/symlink out of the folder/);
    await expect(containedPath(root, "../x.md")).rejects.toThrow(/outside the project/);
  });
});

describe("executable files (hook scripts)", () => {
  const script = (content: string): Desired => ({
    type: "file",
    path: ".clinerules/hooks/PreToolUse",
    content,
    executable: true,
    hosts: ["cline"],
    items: ["p/hook:guard"],
  });
  const mode = (root: string) => statSync(join(root, ".clinerules/hooks/PreToolUse")).mode & 0o777;

  it("are written 0755, recorded in the lock, and a lost exec bit is restored", async () => {
    const root = project({});
    const t = { root, state: { dir: join(root, ".cadre") }, lockPath: join(root, "cadre.lock") };
    await ensureStateDir(t.state);
    await applyPlan(await planFor(root, [script("#!/bin/sh\necho 1\n")], emptyLock("project", 1)), t);
    expect(mode(root) & 0o100).toBe(0o100);
    let lock = (await readLockFile(t.lockPath, "cadre.lock")) as Lock;
    expect(lock.files[".clinerules/hooks/PreToolUse"]).toMatchObject({ mode: "file", executable: true });
    expect((await planFor(root, [script("#!/bin/sh\necho 1\n")], lock)).actions[0]?.type).toBe("skip");

    chmodSync(join(root, ".clinerules/hooks/PreToolUse"), 0o644);
    const p = await planFor(root, [script("#!/bin/sh\necho 1\n")], lock);
    expect(p.actions[0]).toMatchObject({
      type: "update",
      reason: "lost its exec bit; made executable again",
    });
    await applyPlan(p, t);
    expect(mode(root) & 0o100).toBe(0o100);

    // An update replaces the file by rename: the new one is executable before it gets the name.
    lock = (await readLockFile(t.lockPath, "cadre.lock")) as Lock;
    await applyPlan(await planFor(root, [script("#!/bin/sh\necho 2\n")], lock), t);
    expect(readFileSync(join(root, ".clinerules/hooks/PreToolUse"), "utf8")).toBe("#!/bin/sh\necho 2\n");
    expect(mode(root) & 0o100).toBe(0o100);
  });

  it("a rollback keeps a script's exec bit", async () => {
    const root = project({});
    const t = { root, state: { dir: join(root, ".cadre") }, lockPath: join(root, "cadre.lock") };
    await ensureStateDir(t.state);
    await applyPlan(await planFor(root, [script("v1\n")], emptyLock("project", 1)), t);
    const lock = (await readLockFile(t.lockPath, "cadre.lock")) as Lock;
    await expect(
      applyPlan(await planFor(root, [script("v2\n")], lock), t, (n) => {
        if (n === 6) throw new Error("killed");
      }),
    ).rejects.toThrow("killed");
    expect(await recoverJournal(t)).toBe(true);
    expect(readFileSync(join(root, ".clinerules/hooks/PreToolUse"), "utf8")).toBe("v1\n");
    expect(mode(root) & 0o100).toBe(0o100);
  });

  it("a user's own script in the way is a conflict, left as it is", async () => {
    const root = project({ ".clinerules/hooks/PreToolUse": "#!/bin/sh\necho mine\n" });
    const p = await planFor(root, [script("#!/bin/sh\necho cadre\n")], emptyLock("project", 1));
    expect(p.actions[0]).toMatchObject({
      type: "conflict",
      executable: true,
      reason: expect.stringMatching(/a script cadre did not write is in the way; left untouched/),
    });
  });
});

describe("interrupted runs (issue 9)", () => {
  const target = (root: string) => ({
    root,
    state: { dir: join(root, ".cadre") },
    lockPath: join(root, "cadre.lock"),
  });
  const user = { "AGENTS.md": "# Ours\n", "cfg.json": '{\n  "theme": "dark"\n}\n' };

  it("a new file a killed run left empty is removed by the rollback", async () => {
    const root = project(user);
    const t = target(root);
    await ensureStateDir(t.state);
    await applyPlan(await planFor(root, v1, emptyLock("project", 1)), t);
    const before = snapshot(root);
    const lock = (await readLockFile(t.lockPath, "cadre.lock")) as Lock;
    // Killed while the new file had its name but not yet its bytes (what an in-place create leaves).
    await expect(
      applyPlan(await planFor(root, v2, lock), t, () => {
        if (existsSync(join(root, "c/three.md"))) throw new Error("killed");
      }),
    ).rejects.toThrow("killed");
    writeFileSync(join(root, "c/three.md"), "");
    expect(await recoverJournal(t)).toBe(true);
    expect(existsSync(join(root, "c/three.md"))).toBe(false);
    expect(existsSync(join(root, "c"))).toBe(false);
    expect(snapshot(root)).toEqual(before);
  });

  it("a rolled-back run keeps the merge bases of the last committed one", async () => {
    const root = project(user);
    const t = target(root);
    await ensureStateDir(t.state);
    await applyPlan(await planFor(root, v1, emptyLock("project", 1)), t);
    const lock = (await readLockFile(t.lockPath, "cadre.lock")) as Lock;
    const old = Object.values(lock.files).map((e) => e.sha256);
    const had = await getBases(t.state, old);
    expect(had.get(lock.files["a/one.md"]?.sha256 as string)).toBe("one v1\n");
    await expect(
      applyPlan(await planFor(root, v2, lock), t, () => {
        if (readFileSync(join(root, "a/one.md"), "utf8") === "one v2\n") throw new Error("killed");
      }),
    ).rejects.toThrow("killed");
    expect(await recoverJournal(t)).toBe(true);
    expect(await getBases(t.state, old)).toEqual(had);
  });

  it("uninstall keeps the folders that existed before cadre wrote into them", async () => {
    const root = project({});
    mkdirSync(join(root, "a"));
    const t = target(root);
    await ensureStateDir(t.state);
    await applyPlan(await planFor(root, v1.slice(0, 2), emptyLock("project", 1)), t);
    const lock = (await readLockFile(t.lockPath, "cadre.lock")) as Lock;
    expect(lock.dirs).toEqual(["a/b"]);
    await applyPlan(await planFor(root, [], lock), t);
    expect(existsSync(join(root, "a/one.md"))).toBe(false);
    expect(existsSync(join(root, "a/b"))).toBe(false);
    expect(statSync(join(root, "a")).isDirectory()).toBe(true);
  });
});

describe("state folder and process lock (issue 9)", () => {
  it("refuses a symlinked state folder or cache, naming it, and deletes nothing", async () => {
    const root = project({ "README.md": "# hi\n", "package.json": "{}\n" });
    mkdirSync(join(root, ".cadre"));
    symlinkSync("..", join(root, ".cadre/cache"));
    const before = snapshot(root);
    await expect(ensureStateDir({ dir: join(root, ".cadre") })).rejects.toThrow(
      /\.cadre\/cache is a symlink; cadre keeps its state only in real folders/,
    );
    await collectBlobs({ dir: join(root, ".cadre") }, new Set());
    expect(snapshot(root)).toEqual(before);
    const other = project({ "x.md": "x\n" });
    const root2 = project({});
    symlinkSync(other, join(root2, ".cadre"));
    await expect(ensureStateDir({ dir: join(root2, ".cadre") })).rejects.toThrow(/\.cadre is a symlink/);
    for (const f of ["journal.json", "lock", "bases.json"]) {
      const r = project({});
      mkdirSync(join(r, ".cadre/cache"), { recursive: true });
      symlinkSync(join(other, "x.md"), join(r, ".cadre", f));
      await expect(ensureStateDir({ dir: join(r, ".cadre") }), f).rejects.toThrow(/is a symlink/);
    }
    expect(readFileSync(join(other, "x.md"), "utf8")).toBe("x\n");
  });

  it("does not take over a lock that names no process yet, and does take one whose process is gone", async () => {
    const root = project({});
    const state = { dir: join(root, ".cadre") };
    await ensureStateDir(state);
    // Another run that has just created the lock: the old code saw no pid, deleted it and ran too.
    writeFileSync(join(state.dir, "lock"), "");
    await expect(acquireProcessLock(state)).rejects.toThrow(/names no process/);
    writeFileSync(join(state.dir, "lock"), "1\n");
    await expect(acquireProcessLock(state)).rejects.toThrow(/another cadre run \(pid 1\)/);
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout;
    writeFileSync(join(state.dir, "lock"), `${dead}\n`);
    const release = await acquireProcessLock(state);
    expect(readFileSync(join(state.dir, "lock"), "utf8")).toBe(`${process.pid}\n`);
    await release();
    expect(existsSync(join(state.dir, "lock"))).toBe(false);
  });
});

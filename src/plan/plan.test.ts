import { describe, expect, it } from "vitest";
import { sha256 } from "../core/hash.js";
import type { Desired } from "../hosts/output.js";
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

import { describe, expect, it } from "vitest";
import type { Action } from "../plan/types.js";
import { removalSummary, riskyRemoval } from "./sync.js";

const act = (type: Action["type"], path: string): Action => ({
  type,
  path,
  mode: "file",
  reason: "",
  hosts: [],
  items: [],
});

describe("riskyRemoval", () => {
  it("flags a plan that deletes more owned paths than it keeps, or any while nothing is selected", () => {
    const dels = ["a", "b", "c"].map((p) => act("delete", p));
    expect(riskyRemoval(dels, 2, 4)).toEqual({ removed: ["a", "b", "c"], kept: 2, emptySelection: false });
    expect(riskyRemoval(dels, 3, 4)).toBeUndefined();
    expect(riskyRemoval([act("delete", "a")], 10, 0)).toMatchObject({ emptySelection: true });
    expect(removalSummary(riskyRemoval(dels, 0, 0) as NonNullable<ReturnType<typeof riskyRemoval>>)).toBe(
      "sync would remove 3 of the files cadre installed and keep 0: the selection in cadre.yaml resolves to no item",
    );
  });

  it("does not count skips, untracked files or creates, and ignores plans that delete nothing", () => {
    expect(riskyRemoval([act("untrack", "a"), act("skip", "b")], 0, 0)).toBeUndefined();
    expect(riskyRemoval([act("create", "a")], 1, 0)).toBeUndefined();
  });
});

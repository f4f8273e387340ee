import { describe, expect, it } from "vitest";
import { parseRefreshArgs, refreshText } from "./index-main.js";

describe("parseRefreshArgs (the fast entry for `index refresh <path…>`)", () => {
  it("takes paths with --db, -C/--cwd, --json and -q in any order", () => {
    expect(parseRefreshArgs(["refresh", "a.ts", "--json", "--cwd", "/r", "b.py", "--db=x.db", "-q"])).toEqual(
      {
        paths: ["a.ts", "b.py"],
        db: "x.db",
        cwd: "/r",
        json: true,
        quiet: true,
      },
    );
    expect(parseRefreshArgs(["refresh", "-C", "/r", "a.ts", "--db", "i.db"])).toEqual({
      paths: ["a.ts"],
      db: "i.db",
      cwd: "/r",
      json: false,
      quiet: false,
    });
  });

  it("reads names of Object's own properties as paths", () => {
    expect(parseRefreshArgs(["refresh", "constructor", "__proto__", "toString"])?.paths).toEqual([
      "constructor",
      "__proto__",
      "toString",
    ]);
  });

  it("leaves everything else to the full CLI", () => {
    for (const argv of [
      ["refresh"], // a whole-tree refresh
      ["refresh", "--json"],
      ["build", "a.ts"],
      ["refresh", "a.ts", "--help"],
      ["refresh", "a.ts", "--no-color"],
      ["refresh", "a.ts", "--db"], // a missing value is the full CLI's usage error
      ["refresh", "a.ts", "--db", "--json"],
      ["refresh", "a.ts", "--cwd="],
      ["refresh", "--", "a.ts"],
    ])
      expect(parseRefreshArgs(argv), argv.join(" ")).toBeUndefined();
  });

  it("prints what the full CLI prints", () => {
    const files = { scope: "files", dbPath: "/r/i.db", added: 0, updated: 1, removed: 0, ms: 7 } as const;
    expect(refreshText({ ...files, paths: ["a.ts"] })).toBe("refreshed a.ts in 7 ms\n");
    expect(refreshText({ ...files, paths: [] })).toBe("refreshed nothing (unchanged) in 7 ms\n");
    const walk = {
      scope: "walk",
      dbPath: "/r/i.db",
      files: 3,
      added: 1,
      updated: 0,
      removed: 0,
      unchanged: 2,
      skipped: { binary: 0 },
      generated: 0,
      parseErrors: 0,
      symbols: 9,
      ms: 7,
    } as const;
    expect(refreshText(walk)).toBe(
      "refreshed 3 files (a path was not in the index, so the whole tree was walked) in 7 ms\n",
    );
  });
});

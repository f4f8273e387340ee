import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "./db.js";
import { indexRepo } from "./indexer.js";
import { findSymbols, listSymbols, searchFiles, searchSymbols } from "./store.js";

const dir = mkdtempSync(join(tmpdir(), "cadre-idx-"));
const root = join(dir, "repo");
cpSync("test/fixtures/repo", root, { recursive: true });
const dbPath = join(root, ".cadre", "index.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("indexRepo", () => {
  it("builds, then refreshes only what changed", async () => {
    writeFileSync(join(root, "data.bin"), "bin\u0000ary");
    const first = await indexRepo({ root, dbPath, full: true });
    expect(first.added).toBeGreaterThan(15);
    expect(first.parseErrors).toBe(0);
    const again = await indexRepo({ root, dbPath });
    expect(again.added + again.updated + again.removed).toBe(0);
    writeFileSync(join(root, "src", "math.ts"), "export function cube(x: number) { return x * x * x; }\n");
    const third = await indexRepo({ root, dbPath });
    expect(third.updated).toBe(1);
    const { db } = openDb(dbPath);
    try {
      expect(findSymbols(db, "cube")[0]?.id).toBe("src/math.ts#cube:function");
      expect(findSymbols(db, "sqrt")).toHaveLength(0);
      expect(findSymbols(db, "Circle.area")[0]?.qualname).toBe("Circle.area");
      expect(searchSymbols(db, "user service", { limit: 5, offset: 0 })[0]?.name).toBe("UserService");
      expect(searchFiles(db, "caching", { limit: 5, offset: 0 }).map((f) => f.path)).toContain("notes.txt");
      const paths = new Set(listSymbols(db, { limit: 1000, offset: 0 }).rows.map((r) => r.path));
      expect(paths.has("src/skipme.ts")).toBe(false);
      expect(paths.has("vendor/lib/v.js")).toBe(false);
      expect(searchSymbols(db, 'a" OR x*', { limit: 5, offset: 0 })).toEqual([]);
    } finally {
      db.close();
    }
  });
});

import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, setMeta } from "./db.js";
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

  it("indexes SQL definitions, and rebuilds an index made by other extractors at its next refresh", async () => {
    writeFileSync(
      join(root, "schema.sql"),
      "-- Orders placed.\nCREATE TABLE IF NOT EXISTS shop.orders (\n  id int,\n  total numeric\n);\nCREATE VIEW shop.big AS SELECT * FROM shop.orders WHERE total > 100;\n",
    );
    const built = await indexRepo({ root, dbPath, full: true });
    const { db } = openDb(dbPath);
    try {
      expect(findSymbols(db, "shop.orders").map((s) => [s.kind, s.line, s.end_line, s.doc])).toEqual([
        ["table", 2, 5, "Orders placed."],
      ]);
      expect(findSymbols(db, "orders.total")[0]?.kind).toBe("field");
      expect(findSymbols(db, "big")[0]?.kind).toBe("view");
      setMeta(db, "extract_version", "1");
    } finally {
      db.close();
    }
    const again = await indexRepo({ root, dbPath });
    expect(again.added).toBe(built.files);
    expect((await indexRepo({ root, dbPath })).added).toBe(0);
  });
});

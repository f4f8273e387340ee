import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "./db.js";
import { indexRepo } from "./indexer.js";
import { fileItem, symbolItem, WorkingTree } from "./recall.js";
import { buildRepoMap } from "./repo-map.js";
import { findSymbols, getFile, searchSymbols } from "./store.js";

const dir = mkdtempSync(join(tmpdir(), "cadre-locals-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("function locals", () => {
  it("are indexed, ranked after module-level symbols and kept out of outlines and the map", async () => {
    mkdirSync(join(dir, "src"));
    writeFileSync(
      join(dir, "src", "a.ts"),
      [
        "export function load(path: string) {",
        "  const config = read(path);",
        "  return config;",
        "}",
        "export const config = { debug: false };",
        "",
      ].join("\n"),
    );
    const dbPath = join(dir, ".cadre", "index.db");
    await indexRepo({ root: dir, dbPath, full: true });
    const { db } = openDb(dbPath);
    try {
      const found = findSymbols(db, "config");
      expect(found.map((s) => `${s.kind} ${s.qualname} ${s.line}`)).toEqual([
        "constant config 5",
        "local load.config 2",
      ]);
      expect(found[1]?.id).toBe("src/a.ts#load.config:local");
      expect(findSymbols(db, "load.config")[0]?.kind).toBe("local");
      const hits = searchSymbols(db, "config", { limit: 10, offset: 0 });
      expect(hits.map((h) => h.kind).indexOf("local")).toBe(hits.length - 1);
      const file = getFile(db, "src/a.ts");
      if (!file) throw new Error("src/a.ts not indexed");
      const outline = fileItem(db, new WorkingTree(dir), file)
        .candidates.filter((c) => c.tier === "L1")
        .map((c) => c.text)
        .join("\n");
      expect(outline).toContain("load");
      expect(outline).not.toMatch(/local|const config = read/);
      const fn = findSymbols(db, "load")[0];
      if (!fn) throw new Error("load not indexed");
      const l1 = symbolItem(db, new WorkingTree(dir), fn).candidates.find((c) => c.tier === "L1")?.text ?? "";
      expect(l1).not.toContain("local");
      const map = await buildRepoMap(db, { budget: 500 });
      expect(map.text).not.toContain("read(path)");
    } finally {
      db.close();
    }
  });
});

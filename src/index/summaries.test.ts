import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "./db.js";
import { indexRepo } from "./indexer.js";
import { symbolItem, WorkingTree } from "./recall.js";
import { type FileRow, fileSymbols, getFile } from "./store.js";
import { fileSummaryRows } from "./summaries.js";

const dir = mkdtempSync(join(tmpdir(), "cadre-summaries-"));
let db: Db;

/** A generated module: `flat` top-level functions and one class with `methods` methods. */
function module(flat: number, methods: number): string {
  const out: string[] = [];
  for (let i = 0; i < flat; i++)
    out.push(`/** Doubles ${i}. */\nexport function fn${i}(x: number): number {\n  return x * ${i};\n}\n`);
  out.push("export class Box {");
  for (let i = 0; i < methods; i++) out.push(`  m${i}(): number {\n    return ${i};\n  }`);
  out.push("}\n");
  return out.join("\n");
}

beforeAll(async () => {
  writeFileSync(join(dir, "small.ts"), module(100, 50));
  writeFileSync(join(dir, "large.ts"), module(2000, 1000));
  const dbPath = join(dir, ".cadre", "index.db");
  await indexRepo({ root: dir, dbPath, full: true });
  db = openDb(dbPath).db;
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rowsOf = (path: string) => {
  const f = getFile(db, path) as FileRow;
  const syms = fileSymbols(db, f.id);
  return { f, syms, ...fileSummaryRows(f, syms, new Set()) };
};

describe("fileSummaryRows", () => {
  it("is linear in the symbols of a file: looking at each about once, not once per other symbol", () => {
    const small = rowsOf("small.ts");
    const large = rowsOf("large.ts");
    expect(small.syms.length).toBe(151);
    expect(large.syms.length).toBe(3001);
    for (const r of [small, large]) {
      // One file row pair and one pair per symbol.
      expect(r.rows).toHaveLength(2 * (r.syms.length + 1));
      // Each symbol is looked at by its own scan (one step past its end) and by its enclosing class.
      expect(r.visits).toBeLessThanOrEqual(3 * r.syms.length);
    }
    // 20× the symbols costs about 20× the visits (a quadratic pass would cost 400×).
    expect(large.visits / small.visits).toBeLessThan(25);
  });

  it("writes what recall shows as L0 and L1, keeps what is already summarised", () => {
    const r = rowsOf("small.ts");
    const tree = new WorkingTree(dir);
    for (const s of r.syms.filter((x) => x.name === "Box" || x.name === "m3" || x.name === "fn7")) {
      const c = symbolItem(db, tree, s).candidates;
      expect(r.rows.find((x) => x[0] === s.id && x[1] === "L0")?.[3]).toBe(c[0]?.text);
      expect(r.rows.find((x) => x[0] === s.id && x[1] === "L1")?.[3]).toBe(c[1]?.text);
    }
    const box = r.rows.find((x) => x[0] === "small.ts#Box:class" && x[1] === "L1")?.[3] ?? "";
    expect(box.split("\n").filter((l) => /m\d+\(\)/.test(l))).toHaveLength(50);
    const have = new Set(r.rows.filter((x) => x[1] === "L1").map((x) => `${x[0]} ${x[2]}`));
    const again = fileSummaryRows(r.f, r.syms, have);
    expect(again.rows).toHaveLength(0);
    expect(again.kept).toBe(r.syms.length + 1);
  });
});

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, cadre, json } from "./helpers.js";

/** `cadre index summarize` stops between files on SIGINT/SIGTERM, keeping what it wrote (exit 130). */

const dir = mkdtempSync(join(tmpdir(), "cadre-e2e-summarize-"));
const FILES = 120;
const PER_FILE = 40;
/** Two rows (L0, L1) per file and per symbol. */
const FULL = 2 * FILES * (PER_FILE + 1);
let db: Database.Database;

beforeAll(async () => {
  mkdirSync(join(dir, "src"));
  for (let f = 0; f < FILES; f++) {
    const fns: string[] = [];
    for (let i = 0; i < PER_FILE; i++)
      fns.push(
        `/** Step ${i} of stage ${f}. */\nexport function stage${f}Step${i}(n: number): number {\n  return n + ${i};\n}\n`,
      );
    writeFileSync(join(dir, "src", `stage${String(f).padStart(3, "0")}.ts`), fns.join("\n"));
  }
  const r = await cadre(["index", "build", "--json", "--cwd", dir]);
  expect(r.code, r.stderr).toBe(0);
  expect(json<{ data: { symbols: number } }>(r).data.symbols).toBe(FILES * PER_FILE);
  db = new Database(join(dir, ".cadre", "index.db"), { timeout: 30_000 });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = () => (db.prepare("SELECT count(*) AS n FROM summaries").get() as { n: number }).n;

describe("cadre index summarize", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "stops cleanly on %s and keeps what was summarised",
    async (signal) => {
      db.exec("DELETE FROM summaries");
      const child = spawn(process.execPath, [BIN, "index", "summarize", "--cwd", dir], {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, NO_COLOR: "1" },
      });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
      const deadline = Date.now() + 30_000;
      while (count() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(count()).toBeGreaterThan(0);
      // Hold the write lock so the run is still busy (waiting to write a file) when the signal arrives.
      db.exec("BEGIN IMMEDIATE");
      child.kill(signal);
      await new Promise((r) => setTimeout(r, 300));
      db.exec("COMMIT");
      expect(await exit, stderr).toBe(130);
      expect(stderr).toMatch(/interrupted/);
      expect(stderr).not.toMatch(/\n\s+at /);
      const kept = count();
      expect(kept).toBeLessThan(FULL);
      // Whole files only: every summarised target has both tiers, and the database is sound.
      const half = db
        .prepare(
          "SELECT count(*) AS n FROM (SELECT target FROM summaries GROUP BY target HAVING count(*) <> 2)",
        )
        .get() as { n: number };
      expect(half.n).toBe(0);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      // A second run keeps those and writes only the rest.
      const again = await cadre(["index", "summarize", "--json", "--cwd", dir]);
      expect(again.code, again.stderr).toBe(0);
      const d = json<{ data: { written: number; kept: number; interrupted: boolean } }>(again).data;
      expect(d.kept).toBe(kept / 2);
      expect(d.written + kept).toBe(FULL);
      expect(d.interrupted).toBe(false);
    },
  );
});

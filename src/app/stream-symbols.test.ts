import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexRepo } from "../index/indexer.js";
import { listAllSymbols, streamSymbols } from "./index-query.js";

const dir = mkdtempSync(join(tmpdir(), "cadre-stream-"));
const root = join(dir, "repo");
cpSync("test/fixtures/repo", root, { recursive: true });
const t = { root, dbPath: join(root, ".cadre", "index.db") };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("streamSymbols", () => {
  it("writes every symbol as a JSON line and waits for the reader whenever it is behind", async () => {
    await indexRepo({ ...t, full: true });
    const lines: string[] = [];
    let waiting = false;
    let drains = 0;
    const n = await streamSymbols(
      t,
      {},
      {
        write: (l) => {
          // Nothing may be written while the reader is behind.
          expect(waiting).toBe(false);
          lines.push(l);
          waiting = lines.length % 3 === 0;
          return !waiting;
        },
        drained: () =>
          new Promise((done) =>
            setImmediate(() => {
              drains++;
              waiting = false;
              done();
            }),
          ),
        closed: () => false,
      },
    );
    const all = await listAllSymbols(t, { limit: 10_000, offset: 0 });
    expect(n).toBe(all.total);
    expect(drains).toBe(Math.floor(n / 3));
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(all.symbols.map((s) => s.id));
    expect(lines.every((l) => l.endsWith("}\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
  });

  it("stops when the reader goes away", async () => {
    let seen = 0;
    const n = await streamSymbols(
      t,
      {},
      {
        write: () => {
          seen++;
          return true;
        },
        drained: async () => {},
        closed: () => seen >= 5,
      },
    );
    expect(n).toBe(5);
  });
});

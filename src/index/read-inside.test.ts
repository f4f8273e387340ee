import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkInside, readInside } from "./read-inside.js";

const base = realpathSync(mkdtempSync(join(tmpdir(), "cadre-read-inside-")));
const root = join(base, "repo");
const away = join(base, "away");
mkdirSync(join(root, "src"), { recursive: true });
mkdirSync(away);
writeFileSync(join(root, "src", "a.ts"), "export const a = 1;\n");
writeFileSync(join(away, "secret.txt"), "SECRET-VALUE-1234\n");
symlinkSync(join(root, "src", "a.ts"), join(root, "src", "alias.ts"));
symlinkSync(join(away, "secret.txt"), join(root, "src", "leak.ts"));
symlinkSync(away, join(root, "linked-dir"));
symlinkSync(join(root, "nowhere"), join(root, "src", "dangling.ts"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("readInside", () => {
  it("reads regular files and links that stay inside the root", () => {
    expect(readInside(root, "src/a.ts")).toEqual({ text: "export const a = 1;\n" });
    expect(readInside(root, "src/alias.ts")).toEqual({ text: "export const a = 1;\n" });
    expect(checkInside(root, "src/a.ts")).toBeUndefined();
  });

  it("refuses links and folders that lead outside, and paths that climb out, saying why", () => {
    for (const p of [
      "src/leak.ts",
      "linked-dir/secret.txt",
      "../away/secret.txt",
      join(away, "secret.txt"),
    ]) {
      const r = readInside(root, p);
      expect(r, p).toMatchObject({ refused: "outside" });
      expect(JSON.stringify(r)).not.toContain("SECRET-VALUE");
      expect("reason" in r && r.reason).toMatch(/outside the repository/);
      expect(checkInside(root, p)?.refused).toBe("outside");
    }
  });

  it("refuses what is not a regular file, and reports missing files as missing", () => {
    expect(readInside(root, "src")).toMatchObject({ refused: "not-file" });
    expect(readInside(root, "src/none.ts")).toMatchObject({ refused: "missing" });
    expect(readInside(root, "src/dangling.ts")).toMatchObject({ refused: "missing" });
    expect(readInside(root, "src/a.ts", 4)).toMatchObject({ refused: "too-large" });
  });
});

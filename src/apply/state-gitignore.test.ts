import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CADRE_GITIGNORE } from "../core/cadre-dir.js";
import { ensureStateDir } from "./state.js";

describe(".cadre/.gitignore", () => {
  it("is written when absent, upgraded from the old '*', and left alone when the user changed it", async () => {
    const a = join(mkdtempSync(join(tmpdir(), "cadre-ignore-")), ".cadre");
    await ensureStateDir({ dir: a });
    expect(readFileSync(join(a, ".gitignore"), "utf8")).toBe(CADRE_GITIGNORE);
    writeFileSync(join(a, ".gitignore"), "*\n");
    await ensureStateDir({ dir: a });
    expect(readFileSync(join(a, ".gitignore"), "utf8")).toBe(CADRE_GITIGNORE);
    const b = join(mkdtempSync(join(tmpdir(), "cadre-ignore-")), ".cadre");
    mkdirSync(b);
    writeFileSync(join(b, ".gitignore"), "*\n!keep\n");
    await ensureStateDir({ dir: b });
    expect(readFileSync(join(b, ".gitignore"), "utf8")).toBe("*\n!keep\n");
  });
});

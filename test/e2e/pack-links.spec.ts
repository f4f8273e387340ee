import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cadre } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every path under `dir` whose real path leaves both the project and the pack. */
function leaks(dir: string, allowed: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const real = realpathSync(p);
      if (!allowed.some((a) => real === a || real.startsWith(a + sep))) out.push(relative(dir, p));
      else if (lstatSync(real).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

// Links are made at run time: git does not keep symbolic links reliably across platforms.
describe("pack links that leave the pack are never installed, copied or linked", () => {
  it("sync and sync --link refuse the item naming the file; links inside the pack are copied", async () => {
    const base = mkdtempSync(join(tmpdir(), "cadre-links-"));
    dirs.push(base);
    const real = realpathSync(base);
    const home = join(base, "home");
    const env = { HOME: home, XDG_CACHE_HOME: join(home, ".cache"), XDG_STATE_HOME: join(home, ".state") };
    mkdirSync(join(base, "outside"));
    writeFileSync(join(base, "outside", "secret"), "TOPSECRET\n");
    const s = join(base, "pack", "skills", "s");
    mkdirSync(join(s, "assets"), { recursive: true });
    writeFileSync(
      join(s, "SKILL.md"),
      "---\nname: s\ndescription: A skill whose folder holds symbolic links, to test installs.\n---\nBody.\n",
    );
    writeFileSync(join(s, "assets", "data.bin"), "\x00real bytes");
    symlinkSync(join(base, "outside", "secret"), join(s, "key.bin"));
    const proj = join(base, "proj");
    mkdirSync(proj);
    writeFileSync(
      join(proj, "cadre.yaml"),
      "version: 1\nhosts: [claude-code]\nsources: [../pack]\nprofiles: []\ninclude: [pack/*]\n",
    );

    for (const args of [["sync"], ["sync", "--link"], ["sync", "--check"]]) {
      const r = await cadre(args, { cwd: proj, env });
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toMatch(
        /skill:s cannot be installed: \.\.\/pack\/skills\/s\/key\.bin .*leaves the pack/,
      );
      expect(r.stderr).not.toMatch(/internal error/);
    }
    expect(readdirSync(proj).filter((n) => n !== ".cadre")).toEqual(["cadre.yaml"]);
    const lint = await cadre(["lint", "../pack", "--strict"], { cwd: proj, env });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/key\.bin[\s\S]*load\/symlink-escape/);

    // A link that stays in the pack: copied as its target's bytes, and the skill is copied even with --link.
    unlinkSync(join(s, "key.bin"));
    symlinkSync("assets/data.bin", join(s, "key.bin"));
    for (const args of [["sync"], ["sync", "--link"]]) {
      const r = await cadre(args, { cwd: proj, env });
      expect(r.code, r.stderr).toBe(0);
      const installed = join(proj, ".claude", "skills", "s", "key.bin");
      expect(lstatSync(installed).isSymbolicLink()).toBe(false);
      expect(readFileSync(installed, "utf8")).toBe("\x00real bytes");
      expect(leaks(join(proj, ".claude"), [realpathSync(proj), join(real, "pack")])).toEqual([]);
    }
  }, 60_000);
});

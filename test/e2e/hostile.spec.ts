import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cadre, ROOT } from "./helpers.js";

/** The hostile-repository corpus (test/fixtures/hostile/corpus.json): symlinks and wrong types at every path cadre uses. */
interface Case {
  name: string;
  setup: Array<[string, string, string?]>;
  expect: "refused" | "conflict" | "through";
  message: string;
  path?: string;
  target?: string;
  keeps?: string;
  contains?: string;
  /** Also run `cadre repair`, which must report the same conflict. */
  repair?: boolean;
}

const corpus = JSON.parse(readFileSync(join(ROOT, "test/fixtures/hostile/corpus.json"), "utf8")) as {
  cases: Case[];
};

const bases: string[] = [];
afterAll(() => {
  for (const b of bases) rmSync(b, { recursive: true, force: true });
});

/** Every file, folder and link under `dir`, links never followed. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const rel = relative(dir, p);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[rel] = `link:${readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[`${rel}/`] = "dir";
        walk(p);
      } else out[rel] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

function setUp(c: Case) {
  const base = mkdtempSync(join(tmpdir(), "cadre-hostile-"));
  bases.push(base);
  const dir = join(base, "web-app");
  cpSync(join(ROOT, "examples", "web-app"), dir, { recursive: true });
  writeFileSync(
    join(dir, "cadre.yaml"),
    "version: 1\nhosts: [claude-code, codex, cursor]\nsources: [builtin, team-pack]\nprofiles: [core]\ninclude: [web-app/*]\n",
  );
  writeFileSync(join(dir, "package.json"), '{ "name": "web-app" }\n');
  // What a link out of the project would reach: files an attacker would like cadre to overwrite or delete.
  const outside = join(base, "outside");
  mkdirSync(outside);
  for (const f of ["journal.json", "lock", "bases.json", "cadre.lock", "AGENTS.md", "mcp.json", "README.md"])
    writeFileSync(join(outside, f), `outside ${f}\n`);
  for (const [op, p, arg] of c.setup) {
    const abs = join(dir, p);
    if (op === "dir") mkdirSync(abs, { recursive: true });
    else {
      mkdirSync(dirname(abs), { recursive: true });
      if (op === "file") writeFileSync(abs, arg ?? "");
      else symlinkSync(arg as string, abs);
    }
  }
  const home = join(base, "home");
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_STATE_HOME: join(home, ".state") };
  return { dir, outside, env, before: tree(dir), outsideBefore: tree(outside) };
}

describe("hostile repositories: links and wrong types at cadre's state and host paths", () => {
  it.each(corpus.cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { dir, outside, env, before, outsideBefore } = setUp(c);
    const r = await cadre(["sync"], { cwd: dir, env });
    expect(r.stderr).not.toMatch(/internal error/);
    if (c.expect === "refused") {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`error: .*${c.message}`));
      // At most cadre's own empty state folder appeared; nothing else was written, moved or deleted.
      const after = tree(dir);
      for (const p of [".cadre/", ".cadre/cache/", ".cadre/.gitignore"]) if (!(p in before)) delete after[p];
      expect(after).toEqual(before);
    } else if (c.expect === "conflict") {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`conflict: ${c.path?.replaceAll(".", "\\.")}: .*${c.message}`));
      expect(r.stderr).toMatch(/move it out of the way/);
      // Everything else is installed, and nothing of the user's changed.
      const after = tree(dir);
      for (const [p, v] of Object.entries(before)) expect(after[p], p).toBe(v);
      expect(after["cadre.lock"]).toBeDefined();
      expect(
        Object.keys(after).filter((p) => p.startsWith(".cursor/rules/") || p.startsWith(".codex/")).length,
      ).toBeGreaterThan(0);
      if (c.repair) {
        const again = await cadre(["repair"], { cwd: dir, env });
        expect(again.stderr).not.toMatch(/internal error/);
        expect(again.stderr).toMatch(
          new RegExp(`conflict: ${c.path?.replaceAll(".", "\\.")}: .*${c.message}`),
        );
        const repaired = tree(dir);
        for (const [p, v] of Object.entries(before)) expect(repaired[p], p).toBe(v);
      }
    } else {
      expect(r.code, r.stderr).toBe(0);
      const link = join(dir, c.path as string);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      const text = readFileSync(join(dir, c.target as string), "utf8");
      expect(text).toContain(c.keeps);
      expect(text).toContain(c.contains);
      expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
      const u = await cadre(["uninstall", "--yes"], { cwd: dir, env });
      expect(u.code, u.stderr).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      const left = tree(dir);
      delete left["cadre.yaml"];
      const was = { ...before };
      delete was["cadre.yaml"];
      expect(left).toEqual(was);
    }
    expect(tree(outside)).toEqual(outsideBefore);
  });
});

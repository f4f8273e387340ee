import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { homeEnv, ROOT } from "./helpers.js";

// `import("cadre")` as a user gets it: the tarball `npm pack` makes (package.json `files` and `exports`),
// unpacked into a fresh folder's node_modules. Its dependencies are linked to this checkout's installed ones
// rather than downloaded again (better-sqlite3 would compile for a minute); what is under test is cadre's
// own package: its entry points, types and bundled library.

let work: string;
let app: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "cadre-api-"));
  app = join(work, "app");
  const pkgDir = join(app, "node_modules", "cadre");
  mkdirSync(pkgDir, { recursive: true });
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [{ filename }] = JSON.parse(out) as [{ filename: string }];
  execFileSync("tar", ["-xzf", join(work, filename), "-C", pkgDir, "--strip-components=1"]);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  for (const dep of Object.keys(pkg.dependencies)) {
    const target = join(app, "node_modules", dep);
    mkdirSync(join(target, ".."), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", dep), target, "dir");
  }
  // A TypeScript consumer on Node has Node's types.
  mkdirSync(join(app, "node_modules", "@types"), { recursive: true });
  symlinkSync(
    join(ROOT, "node_modules", "@types", "node"),
    join(app, "node_modules", "@types", "node"),
    "dir",
  );
  writeFileSync(join(app, "package.json"), '{"name":"api-user","private":true,"type":"module"}\n');
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function exampleFromDocs(): string {
  const doc = readFileSync(join(ROOT, "docs", "api.md"), "utf8");
  const block = /## Example[\s\S]*?```js\n([\s\S]*?)```/.exec(doc);
  if (!block?.[1]) throw new Error("docs/api.md has no ```js example under ## Example");
  return block[1];
}

describe("the packed package", () => {
  it("ships an ESM entry with types, and no test files", () => {
    const pkgDir = join(app, "node_modules", "cadre");
    const files = readdirSync(join(pkgDir, "dist"));
    expect(files).toContain("index.js");
    expect(files).toContain("index.d.ts");
    expect(files.some((f) => f.endsWith(".test.js"))).toBe(false);
    const dts = readFileSync(join(pkgDir, "dist", "index.d.ts"), "utf8");
    for (const name of ["lint", "load", "plan", "sync", "index", "recall"])
      expect(dts).toMatch(new RegExp(`declare function ${name}\\b`));
  });

  it("runs the example in docs/api.md from a fresh folder", () => {
    writeFileSync(join(app, "example.mjs"), exampleFromDocs());
    const home = join(work, "home");
    const out = execFileSync(process.execPath, ["example.mjs"], {
      cwd: app,
      encoding: "utf8",
      env: { ...process.env, ...homeEnv(home), NO_COLOR: "1" },
    });
    expect(out).toMatch(/^lint: 0 errors, \d+ warnings$/m);
    const created = Number(/^plan: (\d+) files to create$/m.exec(out)?.[1]);
    expect(created).toBeGreaterThanOrEqual(2);
    expect(out).toMatch(new RegExp(`^sync: applied=true, ${created} files written$`, "m"));
    expect(out).toMatch(/^index: [1-9]\d* files$/m);
    expect(out).toMatch(/^recall: [1-9]\d* item\(s\), fresh=true$/m);
    // What the example installed is really there: the skill in both hosts' folders.
    const demo = join(app, "demo");
    expect(readFileSync(join(demo, ".claude/skills/drafting-release-notes/SKILL.md"), "utf8")).toContain(
      "# Release notes",
    );
    expect(readFileSync(join(demo, "cadre.lock"), "utf8")).toContain("drafting-release-notes");
  }, 120_000);

  it("type-checks a TypeScript consumer against the shipped types", () => {
    writeFileSync(
      join(app, "use.ts"),
      [
        'import { lint, recall, type LintResult, type RecallResult, UserError, ErrorCodes } from "cadre";',
        "const r: Promise<LintResult> = lint(['.']).then((x) => x);",
        "const q: Promise<RecallResult> = recall('query', 'x', { budget: 10 });",
        "const e: string = new UserError(ErrorCodes.usage, 'm').code;",
        "// @ts-expect-error: mode is a closed union",
        "recall('everything', 'x');",
        "export { r, q, e };",
        "",
      ].join("\n"),
    );
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const args = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext"];
    const r = (() => {
      try {
        return {
          code: 0,
          out: execFileSync(process.execPath, [tsc, ...args, "use.ts"], { cwd: app, encoding: "utf8" }),
        };
      } catch (e) {
        const x = e as { status: number; stdout: string };
        return { code: x.status, out: x.stdout };
      }
    })();
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  }, 120_000);
});

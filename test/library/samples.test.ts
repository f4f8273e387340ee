import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { extractCodeBlocks } from "../../src/core/markdown.js";
import { library, ROOT } from "./load.js";

const TS = new Set(["ts", "typescript", "tsx", "js", "javascript", "jsx", "mjs"]);
const SHELL = new Set(["bash", "sh", "shell", "zsh"]);
/** A stand-in declared so a sample type-checks (`declare function loadOrders…`): issue 17 item 6 removed them. */
const SHIM = /^\s*declare\s+(?:function|const|let|var|class|namespace|module|global)\b/m;
/**
 * Samples that call the reader's own code (a `query` helper, an app factory) are fenced ```` ```ts no-check ````:
 * they are parsed, not type-checked. At most this many; every other sample type-checks against the real
 * packages' types (node, react, vitest, better-sqlite3: dev dependencies).
 */
const NO_CHECK_CAP = 9;
const noCheck = (b: { flags?: string[] }) => b.flags?.includes("no-check") === true;

describe("code samples in the library", async () => {
  const cat = await library();
  const blocks = cat.items.flatMap((it) => {
    const texts = [{ path: it.path, text: it.body, offset: it.bodyLine - 1 }];
    const pack = cat.packs.find((p) => p.name === it.pack);
    for (const f of it.files) {
      const t = f !== it.path && f.endsWith(".md") ? pack?.texts.get(f) : undefined;
      if (t) texts.push({ path: f, text: t, offset: 0 });
    }
    return texts.flatMap((t) =>
      extractCodeBlocks(t.text).map((b) => ({ ...b, where: `library/${t.path}:${b.line + t.offset}` })),
    );
  });
  const dir = mkdtempSync(join(tmpdir(), "cadre-samples-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("no TypeScript sample declares a stand-in for what it calls (declare function/const shims)", () => {
    const shims = blocks.filter((b) => TS.has(b.lang.toLowerCase()) && SHIM.test(b.code)).map((b) => b.where);
    expect(shims).toEqual([]);
  });

  it(`at most ${NO_CHECK_CAP} samples skip the type check (no-check), and each of them parses`, () => {
    const skipped = blocks.filter((b) => TS.has(b.lang.toLowerCase()) && noCheck(b));
    expect(skipped.length).toBeLessThanOrEqual(NO_CHECK_CAP);
    const bad = skipped.flatMap((b) => {
      const r = ts.transpileModule(b.code, {
        reportDiagnostics: true,
        fileName: b.lang.toLowerCase().endsWith("x") ? "sample.tsx" : "sample.ts",
        compilerOptions: { jsx: ts.JsxEmit.ReactJSX, target: ts.ScriptTarget.ES2022 },
      });
      return (r.diagnostics ?? []).map(
        (d) => `${b.where}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
      );
    });
    expect(bad).toEqual([]);
  });

  it("TypeScript and JavaScript samples type-check, each as its own strict module", () => {
    const samples = blocks.filter((b) => TS.has(b.lang.toLowerCase()) && !noCheck(b));
    expect(samples.length).toBeGreaterThan(20);
    const files = new Map<string, string>();
    samples.forEach((b, i) => {
      const ext =
        { ts: "ts", typescript: "ts", tsx: "tsx", jsx: "jsx", js: "js", javascript: "js", mjs: "mjs" }[
          b.lang.toLowerCase()
        ] ?? "ts";
      const file = join(dir, `s${i}`, `sample.${ext}`);
      mkdirSync(join(dir, `s${i}`), { recursive: true });
      writeFileSync(file, `${b.code}\nexport {};\n`);
      files.set(file, b.where);
    });
    // A canary: samples may import the dev dependencies' packages, and they resolve with their real types.
    const canary = join(dir, "canary", "sample.ts");
    mkdirSync(join(dir, "canary"), { recursive: true });
    writeFileSync(
      canary,
      'import Database from "better-sqlite3";\nimport { expect } from "vitest";\n' +
        'const n: number = new Database(":memory:").prepare("select 1 as n").pluck().get() as number;\n' +
        "expect(n).toBe(1);\n// @ts-expect-error: a real signature, not a shim that takes anything\nnew Database(42);\nexport {};\n",
    );
    files.set(canary, "the canary sample");
    const program = ts.createProgram([...files.keys()], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      jsx: ts.JsxEmit.ReactJSX,
      allowJs: true,
      checkJs: true,
      skipLibCheck: true,
      lib: ["lib.es2023.d.ts"],
      types: ["node", "react"],
      typeRoots: [join(ROOT, "node_modules", "@types")],
      // The samples live in a temporary folder: packages resolve from the repository's node_modules.
      paths: { "*": [join(ROOT, "node_modules", "@types", "*"), join(ROOT, "node_modules", "*")] },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.has(d.file.fileName))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${files.get(d.file!.fileName)} (+${line + 1}): ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
      });
    expect(problems).toEqual([]);
  }, 120_000); // one compiler program over every sample: ~15 s on a quiet machine

  it("shell samples pass bash -n", () => {
    const samples = blocks.filter((b) => SHELL.has(b.lang.toLowerCase()));
    expect(samples.length).toBeGreaterThan(20);
    const bad = samples
      .map((b) => ({ b, r: spawnSync("bash", ["-n"], { input: b.code, encoding: "utf8" }) }))
      .filter(({ r }) => r.status !== 0)
      .map(({ b, r }) => `${b.where}: ${r.stderr.trim()}`);
    expect(bad).toEqual([]);
  });

  it("JSON samples parse", () => {
    const bad = blocks
      .filter((b) => b.lang.toLowerCase() === "json")
      .filter((b) => {
        try {
          JSON.parse(b.code);
          return false;
        } catch {
          return true;
        }
      })
      .map((b) => b.where);
    expect(bad).toEqual([]);
  });
});

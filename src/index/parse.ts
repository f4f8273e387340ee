import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import type { Parser, Tree, Language as TsLanguage } from "web-tree-sitter";
import { extractTree, type LangSpec } from "./extract-code.js";
import { extractJson, extractMarkdown, extractToml, extractYaml } from "./extract-data.js";
import { extractSql } from "./extract-sql.js";
import { type CodeLanguage, GRAMMAR_FILE, isCodeLanguage, type Language } from "./languages.js";
import { cpp, csharp, go, java, rust } from "./specs-compiled.js";
import { dart, elixir, haskell, hcl, kotlin, lua, perl, scala, swift, zig } from "./specs-more.js";
import { bash, javascript, php, python, ruby, typescript } from "./specs-script.js";
import type { FileExtract } from "./types.js";

/** Parse one file into definitions, references and imports. Grammars load lazily, once per process. */

const SPECS: Record<CodeLanguage, LangSpec> = {
  typescript,
  tsx: typescript,
  javascript,
  python,
  go,
  rust,
  java,
  c: cpp,
  cpp,
  csharp,
  ruby,
  php,
  bash,
  kotlin,
  swift,
  scala,
  lua,
  elixir,
  dart,
  hcl,
  zig,
  haskell,
  perl,
};

let parserMod: typeof import("web-tree-sitter") | undefined;
let parser: Parser | undefined;
const grammars = new Map<string, TsLanguage>();

/**
 * Where a `GRAMMAR_FILE` entry lives: `cursorless/x.wasm` in @cursorless/tree-sitter-wasms, `@scope/pkg/x.wasm`
 * in that package, bare names in @vscode/tree-sitter-wasm.
 */
function wasmPath(f: string): string {
  const require = createRequire(import.meta.url);
  if (f.startsWith("cursorless/"))
    return join(
      dirname(require.resolve("@cursorless/tree-sitter-wasms/package.json")),
      "out",
      f.slice("cursorless/".length),
    );
  const pkg = /^(@[^/]+\/[^/]+)\/(.+)$/.exec(f);
  if (pkg) {
    // A grammar package is an optional dependency (its install script may fail where it has no prebuilt
    // binary): without it, the bundle's older grammar of the same name stands in.
    try {
      return join(dirname(require.resolve(`${pkg[1]}/package.json`)), pkg[2] as string);
    } catch {
      return wasmPath(`cursorless/${basename(pkg[2] as string)}`);
    }
  }
  return join(dirname(require.resolve("@vscode/tree-sitter-wasm")), f);
}

let ready: Promise<void> | undefined;
const loading = new Map<string, Promise<void>>();

/** Load the grammars these languages need (once each, safe to call concurrently; nothing is downloaded). */
export async function loadGrammars(langs: Iterable<Language>): Promise<void> {
  const need = [...new Set([...langs].filter(isCodeLanguage).map((l) => GRAMMAR_FILE[l]))].filter(
    (f) => !grammars.has(f),
  );
  if (need.length === 0) return;
  ready ??= (async () => {
    parserMod = await import("web-tree-sitter");
    await parserMod.Parser.init();
    parser = new parserMod.Parser();
  })();
  await ready;
  await Promise.all(
    need.map((f) => {
      let p = loading.get(f);
      if (!p) {
        p = (parserMod as typeof import("web-tree-sitter")).Language.load(readFileSync(wasmPath(f))).then(
          (g) => {
            grammars.set(f, g);
          },
        );
        loading.set(f, p);
      }
      return p;
    }),
  );
}

/** Extract a file's symbols; never throws: a failed parse yields an entry with `error`. */
export function extractFile(lang: Language, text: string): FileExtract {
  try {
    if (lang === "markdown") return extractMarkdown(text);
    if (lang === "json") return extractJson(text);
    if (lang === "yaml") return extractYaml(text);
    if (lang === "toml") return extractToml(text);
    if (lang === "sql") return extractSql(text);
    if (lang === "text") return { language: lang, symbols: [], refs: [], imports: [] };
    const { tree, src } = parseCode(lang, text);
    try {
      return extractTree(tree, src, lang, SPECS[lang]);
    } finally {
      tree.delete();
    }
  } catch (e) {
    return { language: lang, symbols: [], refs: [], imports: [], error: (e as Error).message };
  }
}

/**
 * Parse a code file with its grammar (loaded first by `loadGrammars`), after the language's pre-parse step;
 * the caller deletes the tree. Alone, it is the index benchmark's floor: the bare parse of what a build parses.
 */
export function parseCode(lang: CodeLanguage, text: string): { tree: Tree; src: string } {
  const grammar = grammars.get(GRAMMAR_FILE[lang]);
  if (!grammar || !parser) throw new Error(`grammar for ${lang} not loaded`);
  parser.setLanguage(grammar);
  const spec = SPECS[lang];
  const src = spec.preparse ? spec.preparse(text) : text;
  const tree = parser.parse(src);
  if (!tree) throw new Error("parser returned no tree");
  return { tree, src };
}

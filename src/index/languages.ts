/** File extension → language, and which grammar parses it. Pure data. */

export type CodeLanguage =
  | "typescript"
  | "tsx"
  | "javascript"
  | "python"
  | "go"
  | "rust"
  | "java"
  | "c"
  | "cpp"
  | "csharp"
  | "ruby"
  | "php"
  | "bash"
  | "kotlin"
  | "swift"
  | "scala"
  | "lua"
  | "elixir"
  | "dart"
  | "hcl"
  | "zig"
  | "haskell"
  | "perl";
/** Languages read by cadre's own extractors (`extract-data.ts`, `extract-sql.ts`), without a grammar. */
export type DataLanguage = "markdown" | "json" | "yaml" | "toml" | "sql";
export type Language = CodeLanguage | DataLanguage | "text";

const BY_EXT: Record<string, Language> = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  py: "python",
  pyi: "python",
  go: "go",
  rs: "rust",
  java: "java",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  cxx: "cpp",
  hpp: "cpp",
  hh: "cpp",
  hxx: "cpp",
  cs: "csharp",
  rb: "ruby",
  php: "php",
  sh: "bash",
  bash: "bash",
  kt: "kotlin",
  kts: "kotlin",
  swift: "swift",
  scala: "scala",
  sc: "scala",
  lua: "lua",
  ex: "elixir",
  exs: "elixir",
  dart: "dart",
  tf: "hcl",
  tfvars: "hcl",
  hcl: "hcl",
  zig: "zig",
  hs: "haskell",
  pl: "perl",
  pm: "perl",
  md: "markdown",
  markdown: "markdown",
  json: "json",
  jsonc: "json",
  yaml: "yaml",
  yml: "yaml",
  toml: "toml",
  sql: "sql",
};

/** Text files indexed for full-text search only. */
const TEXT_EXT = new Set([
  "txt",
  "css",
  "scss",
  "less",
  "html",
  "htm",
  "xml",
  "ini",
  "cfg",
  "conf",
  "proto",
  "graphql",
  "r",
  "vue",
  "svelte",
  "gradle",
  "rst",
  "s",
  "mk",
]);
const TEXT_NAMES = new Set(["Makefile", "Dockerfile", "Rakefile", "Gemfile", "Justfile"]);

/**
 * Grammar WASM file per code language. Bare names are in @vscode/tree-sitter-wasm; `cursorless/` names are in
 * @cursorless/tree-sitter-wasms (its `out/` folder); `@scope/pkg/file.wasm` names are in that package.
 * C is parsed with the C++ grammar; Terraform with HCL's.
 */
export const GRAMMAR_FILE: Record<CodeLanguage, string> = {
  typescript: "tree-sitter-typescript.wasm",
  tsx: "tree-sitter-tsx.wasm",
  javascript: "tree-sitter-javascript.wasm",
  python: "tree-sitter-python.wasm",
  go: "tree-sitter-go.wasm",
  rust: "tree-sitter-rust.wasm",
  java: "tree-sitter-java.wasm",
  c: "tree-sitter-cpp.wasm",
  cpp: "tree-sitter-cpp.wasm",
  csharp: "tree-sitter-c-sharp.wasm",
  ruby: "tree-sitter-ruby.wasm",
  php: "tree-sitter-php.wasm",
  bash: "tree-sitter-bash.wasm",
  kotlin: "@tree-sitter-grammars/tree-sitter-kotlin/tree-sitter-kotlin.wasm",
  swift: "cursorless/tree-sitter-swift.wasm",
  scala: "cursorless/tree-sitter-scala.wasm",
  lua: "cursorless/tree-sitter-lua.wasm",
  elixir: "cursorless/tree-sitter-elixir.wasm",
  dart: "cursorless/tree-sitter-dart.wasm",
  hcl: "cursorless/tree-sitter-hcl.wasm",
  zig: "cursorless/tree-sitter-zig.wasm",
  haskell: "cursorless/tree-sitter-haskell.wasm",
  perl: "cursorless/tree-sitter-perl.wasm",
};

export function languageOf(path: string): Language | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (TEXT_NAMES.has(base)) return "text";
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const ext = base.slice(dot + 1).toLowerCase();
  return BY_EXT[ext] ?? (TEXT_EXT.has(ext) ? "text" : undefined);
}

const SHEBANG: Record<string, CodeLanguage> = {
  sh: "bash",
  bash: "bash",
  dash: "bash",
  ksh: "bash",
  zsh: "bash",
  python: "python",
  node: "javascript",
  ruby: "ruby",
  php: "php",
  lua: "lua",
  elixir: "elixir",
  perl: "perl",
};

/**
 * The language a script without an extension declares in its `#!` line (`#!/bin/sh`,
 * `#!/usr/bin/env -S python3 -u`), if cadre parses it.
 */
export function languageOfShebang(head: string): CodeLanguage | undefined {
  const m = /^#![ \t]*(\S+)(?:[ \t]+(.*))?/.exec(head);
  if (!m) return undefined;
  let prog = (m[1] as string).slice((m[1] as string).lastIndexOf("/") + 1);
  if (prog === "env") prog = ((m[2] ?? "").split(/[ \t]+/).find((a) => a && !a.startsWith("-")) ?? "").trim();
  return SHEBANG[prog.replace(/[\d.]+$/, "")];
}

export function isCodeLanguage(l: Language): l is CodeLanguage {
  return l in GRAMMAR_FILE;
}

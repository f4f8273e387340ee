#!/usr/bin/env node
/**
 * Definition recall against universal-ctags for the languages whose grammars come from
 * @cursorless/tree-sitter-wasms, on any directory:
 *   npx tsup --silent && node bench/index/langs.mjs DIR [DIR…]
 * Builds a throwaway index of DIR with dist/, streams every symbol (`cadre index symbols --all`), runs ctags
 * on the same files, and prints, per ctags language, how many of its definitions cadre also has (same file,
 * same name or the last segment of a dotted name, ctags' line inside the symbol's lines). Swift, Scala,
 * Dart, HCL/Terraform and Zig have no ctags parser: only their symbol counts are printed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "bin", "cadre.js");

/** ctags kinds that are definitions, per ctags language (packages and imports left out). */
const KINDS = {
  Kotlin: ["class", "interface", "object", "method", "typealias", "constant", "variable"],
  Lua: ["function"],
  Elixir: ["module", "function", "macro", "protocol", "implementation", "callback", "delegate", "guard"],
  Haskell: ["module", "type", "constructor", "function", "class", "newtype"],
  Perl: ["package", "subroutine"],
};
/**
 * Per ctags language: does the tagged line declare the name at all? ctags' Kotlin parser tags lambdas
 * (`<lambda>`), `for (x in …)` loop variables and lambda parameters (`{ x -> … }`) as methods: those tags are
 * counted apart as ctags misparses, not as misses.
 */
const DECLARES = {
  Kotlin: (kind, name, line) => {
    const n = name.replace(/[$.*+?^(){}|[\]\\]/g, "\\$&");
    if (kind === "method") return new RegExp(`\\bfun\\b[^=]*\\b${n}\\b`).test(line);
    if (kind === "constant" || kind === "variable")
      return new RegExp(`\\b(val|var)\\b[^=]*\\b${n}\\b`).test(line);
    return true;
  },
  // ctags' Lua parser tags any `x = …function…` line, as in `local ok = pcall(function () … end)`.
  Lua: (_kind, name, line) => {
    const n = name.replace(/[$.*+?^(){}|[\]\\]/g, "\\$&");
    return new RegExp(`\\bfunction\\s+${n}\\s*\\(|${n}\\s*=\\s*function\\b`).test(line);
  },
};
/**
 * Languages ctags cannot parse: a keyword-led declaration line (`func name`, `class Name`…) is a definition
 * cadre should have, on that line. A floor, not a full census (no fields, no multi-name lines).
 */
const DECL_LINES = {
  swift:
    /^\s*(?:(?:@\w+(?:\([^)]*\))?|public|private|fileprivate|internal|open|final|static|class|override|mutating|nonisolated|convenience|required|indirect|lazy|weak|unowned)\s+)*(?:func|class|struct|enum|protocol|actor|typealias)\s+([A-Za-z_]\w*)/,
  dart: /^\s*(?:(?:abstract|base|final|sealed|interface|mixin)\s+)*(?:class|enum|mixin|extension|typedef)\s+([A-Za-z_$][\w$]*)/,
  scala:
    /^\s*(?:(?:@\w+|private(?:\[\w+\])?|protected(?:\[\w+\])?|override|final|sealed|abstract|implicit|lazy|case|inline|transparent|open)\s+)*(?:def|class|object|trait|enum|type)\s+([A-Za-z_]\w*)/,
  zig: /^\s*(?:pub\s+)?(?:(?:export|inline|extern)\s+)?fn\s+([A-Za-z_]\w*)/,
  tf: /^(?:resource|data)\s+"[^"]+"\s+"([^"]+)"|^(?:module|variable|output|provider)\s+"([^"]+)"/,
};

function declLines(dir, syms) {
  const byName = new Map();
  for (const s of syms) {
    const k = `${s.path}\u0000${s.name}`;
    if (!byName.has(k)) byName.set(k, []);
    byName.get(k).push(s);
  }
  // The symbol may start above the keyword's line (attributes, annotations, doc comments it includes).
  const has = (path, name, line) =>
    (byName.get(`${path}\u0000${name}`) ?? []).some((s) => s.line <= line && line <= endOf(s));
  const per = {};
  for (const path of new Set(syms.map((s) => s.path))) {
    const ext = path.slice(path.lastIndexOf(".") + 1);
    const re = DECL_LINES[ext];
    if (!re) continue;
    per[ext] ??= { total: 0, found: 0, misses: [] };
    const p = per[ext];
    readFileSync(join(dir, path), "utf8")
      .split("\n")
      .forEach((line, i) => {
        const m = re.exec(line);
        const name = m?.slice(1).find(Boolean);
        if (!name || (ext === "dart" && name === "on")) return; // `extension on T`: unnamed
        p.total++;
        if (has(path, name, i + 1)) p.found++;
        else if (p.misses.length < MISSES) p.misses.push(`${path}:${i + 1} ${line.trim().slice(0, 80)}`);
      });
  }
  return per;
}

const EXT = /\.(kt|kts|lua|ex|exs|hs|pl|pm|swift|scala|sc|dart|tf|tfvars|hcl|zig)$/;

function cadreSymbols(dir) {
  const tmp = mkdtempSync(join(tmpdir(), "cadre-langs-"));
  const db = join(tmp, "index.db");
  try {
    execFileSync(process.execPath, [BIN, "index", "build", "--db", db, "--json"], {
      cwd: dir,
      stdio: "pipe",
    });
    const out = execFileSync(process.execPath, [BIN, "index", "symbols", "--all", "--db", db], {
      cwd: dir,
      maxBuffer: 1 << 30,
    });
    return out
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function ctagsTags(dir, files) {
  const r = spawnSync(
    "ctags",
    [
      "-L",
      "-",
      "-f",
      "-",
      "--output-format=json",
      "--fields=+nKlZE",
      `--languages=${Object.keys(KINDS).join(",")}`,
    ],
    { cwd: dir, input: files.join("\n"), maxBuffer: 1 << 30 },
  );
  if (r.status !== 0) throw new Error(`ctags failed: ${r.stderr}`);
  return r.stdout
    .toString()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l))
    .filter((t) => t._type === "tag");
}

const lines = new Map();
function lineOf(dir, t) {
  if (!lines.has(t.path)) lines.set(t.path, readFileSync(join(dir, t.path), "utf8").split("\n"));
  return lines.get(t.path)[t.line - 1] ?? "";
}

/** ctags' Elixir parser tags `defmodule` lines in code examples inside `@moduledoc """…"""` heredocs. */
function inHeredoc(dir, t) {
  lineOf(dir, t);
  let open = false;
  for (const l of lines.get(t.path).slice(0, t.line - 1))
    if ((l.match(/"""|''''/g) ?? []).length % 2) open = !open;
  return open;
}

function endOf(s) {
  return s.endLine ?? s.end_line ?? s.line;
}

function report(dir) {
  const syms = cadreSymbols(dir).filter((s) => EXT.test(s.path));
  const byKey = new Map();
  const langs = {};
  for (const s of syms) {
    const k = `${s.path}\u0000${s.name}`;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k).push(s);
    const ext = s.path.slice(s.path.lastIndexOf(".") + 1);
    langs[ext] = (langs[ext] ?? 0) + 1;
  }
  const files = [...new Set(syms.map((s) => s.path))];
  const per = {};
  for (const t of ctagsTags(dir, files)) {
    // Anonymous functions (`<lambda>`, `anonymousFunction…`) are not names a user can look up.
    if (!KINDS[t.language]?.includes(t.kind) || (t.extras ?? "").includes("anonymous")) continue;
    per[t.language] ??= { total: 0, found: 0, misparsed: 0, misses: [], missKinds: {} };
    const p = per[t.language];
    if (
      t.name.startsWith("<") ||
      DECLARES[t.language]?.(t.kind, t.name, lineOf(dir, t)) === false ||
      (t.language === "Elixir" && inHeredoc(dir, t))
    ) {
      p.misparsed++;
      continue;
    }
    p.total++;
    // `["number"] = function …`: cadre names the field `number`.
    const names = [t.name, t.name.split(/[.:]/).pop(), t.name.replace(/^\[\s*["']?|["']?\s*\]$/g, "")];
    const near = (s) => t.line >= s.line - 1 && t.line <= endOf(s) + 1;
    // ctags names a Haskell module `A.B.C` after its first segment `A`.
    const hit =
      names.some((n) => (byKey.get(`${t.path}\u0000${n}`) ?? []).some(near)) ||
      (t.kind === "module" &&
        syms.some((s) => s.path === t.path && s.name.startsWith(`${t.name}.`) && near(s)));
    if (hit) p.found++;
    else {
      p.missKinds[t.kind] = (p.missKinds[t.kind] ?? 0) + 1;
      if (p.misses.length < MISSES) p.misses.push(`${t.path}:${t.line} ${t.kind} ${t.name}`);
    }
  }
  console.log(`## ${dir}\n\ncadre symbols by extension: ${JSON.stringify(langs)}\n`);
  console.log(
    "| ctags language | ctags definitions | found by cadre | recall | ctags misparses left out |\n| --- | ---: | ---: | ---: | ---: |",
  );
  for (const [l, p] of Object.entries(per))
    console.log(
      `| ${l} | ${p.total} | ${p.found} | ${((100 * p.found) / p.total).toFixed(1)}% | ${p.misparsed} |`,
    );
  const decl = declLines(dir, syms);
  if (Object.keys(decl).length) {
    console.log(
      "\n| extension (no ctags parser) | declaration lines | found by cadre | recall |\n| --- | ---: | ---: | ---: |",
    );
    for (const [e, p] of Object.entries(decl))
      console.log(`| .${e} | ${p.total} | ${p.found} | ${((100 * p.found) / p.total).toFixed(1)}% |`);
    for (const [e, p] of Object.entries(decl))
      if (p.misses.length)
        console.log(
          `\n.${e} declaration lines missed (first ${p.misses.length}):\n  ${p.misses.join("\n  ")}`,
        );
  }
  for (const [l, p] of Object.entries(per))
    if (p.misses.length)
      console.log(
        `\n${l} misses by kind ${JSON.stringify(p.missKinds)}; first ${p.misses.length}:\n  ${p.misses.join("\n  ")}`,
      );
  console.log("");
}

const args = process.argv.slice(2);
const mi = args.indexOf("--misses");
/** `--misses N`: list the first N misses per language (default 15). */
const MISSES = mi >= 0 ? Number(args.splice(mi, 2)[1]) : 15;
const dirs = args;
if (dirs.length === 0) {
  console.error("usage: node bench/index/langs.mjs DIR [DIR…]");
  process.exit(2);
}
for (const d of dirs) report(resolve(d));

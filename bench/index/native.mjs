#!/usr/bin/env node
/**
 * Native tree-sitter vs the WASM runtime cadre uses, on the same files, single-threaded, parse only.
 *   node bench/index/native.mjs [--corpus DIR] [--lang python|go] [--compile]
 * Installs tree-sitter 0.25.1 and the grammar's 0.25.0 Node-API package into ~/.cache/cadre-bench/native
 * with install scripts off (what cadre could depend on without a compiler) and reports whether the
 * prebuilt binary loads here. `--compile` installs into a second folder with install scripts on (node-gyp
 * builds from source when no prebuilt fits: needs a C/C++ toolchain) so the speed can be compared anyway.
 * Default corpus: Django (Debian python3-django) for python. Never part of `npm test`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const LANG = opt("lang", "python");
const EXT = { python: ".py", go: ".go" }[LANG];
const CORPUS = resolve(
  opt("corpus", LANG === "python" ? "/usr/lib/python3/dist-packages/django" : "/usr/share/go-1.19/src"),
);
const PKGS = ["tree-sitter@0.25.1", `tree-sitter-${LANG}@0.25.0`];

function install(dir, scripts) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, "package.json"))) writeFileSync(join(dir, "package.json"), '{"private":true}\n');
  const t = performance.now();
  const r = spawnSync(
    "npm",
    ["install", "--no-audit", "--no-fund", ...(scripts ? [] : ["--ignore-scripts"]), ...PKGS],
    { cwd: dir, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`npm install failed in ${dir}: ${r.stderr}`);
  return performance.now() - t;
}

function tryNative(dir) {
  const req = createRequire(join(dir, "package.json"));
  try {
    const Parser = req("tree-sitter");
    const lang = req(`tree-sitter-${LANG}`);
    const p = new Parser();
    p.setLanguage(lang);
    return { parse: (src) => p.parse(src) };
  } catch (e) {
    return { error: String(e.message).split("\n")[0] };
  }
}

async function wasm() {
  const req = createRequire(join(ROOT, "package.json"));
  const { Parser, Language } = await import(req.resolve("web-tree-sitter"));
  await Parser.init();
  const file = join(
    req.resolve("@vscode/tree-sitter-wasm").replace(/[/\\][^/\\]+$/, ""),
    `tree-sitter-${LANG}.wasm`,
  );
  const lang = await Language.load(readFileSync(file));
  const p = new Parser();
  p.setLanguage(lang);
  return { parse: (src) => p.parse(src), file };
}

function files() {
  const out = [];
  for (const e of readdirSync(CORPUS, { recursive: true, withFileTypes: true }))
    if (e.isFile() && e.name.endsWith(EXT))
      out.push(readFileSync(join(e.parentPath ?? e.path, e.name), "utf8"));
  return out;
}

/** CPU ms to parse every file once (trees freed as they go), best of 3 passes after a warm-up pass. */
function time(parser, srcs) {
  const pass = () => {
    const t = process.cpuUsage();
    for (const s of srcs) parser.parse(s)?.delete?.();
    const u = process.cpuUsage(t);
    return (u.user + u.system) / 1000;
  };
  pass();
  return Math.min(pass(), pass(), pass());
}

const srcs = files();
const mb = srcs.reduce((a, s) => a + Buffer.byteLength(s), 0) / 1e6;
const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "cadre-bench");
const plain = join(cache, `native-${LANG}-noscripts`);
const installMs = install(plain, false);
const native = tryNative(plain);
const w = await wasm();
const rows = [`| WASM (web-tree-sitter, ${w.file.split(/[/\\]/).pop()}) | ${time(w, srcs).toFixed(0)} |`];
if (native.parse) rows.push(`| native, prebuilt binary | ${time(native, srcs).toFixed(0)} |`);
let compiled;
if (args.includes("--compile")) {
  const dir = join(cache, `native-${LANG}-compiled`);
  const ms = install(dir, true);
  compiled = tryNative(dir);
  if (compiled.parse)
    rows.push(
      `| native, built from source by npm's install script (${(ms / 1000).toFixed(0)} s install) | ${time(compiled, srcs).toFixed(0)} |`,
    );
}
console.log(
  [
    `Corpus: ${CORPUS} (${srcs.length} ${LANG} files, ${mb.toFixed(1)} MB). Node ${process.versions.node}, ${process.platform}-${process.arch}. Packages: ${PKGS.join(", ")}.`,
    `Prebuilt binary with install scripts off (${(installMs / 1000).toFixed(1)} s install): ${native.parse ? "loads" : `does not load: ${native.error}`}`,
    ...(compiled && !compiled.parse ? [`Built from source: does not load: ${compiled.error}`] : []),
    "",
    "| parser | CPU ms, parse every file once (best of 3) |",
    "|---|---:|",
    ...rows,
  ].join("\n"),
);

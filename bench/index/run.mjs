#!/usr/bin/env node
/**
 * Code-index benchmark: cadre vs universal-ctags on real corpora, side by side in one run.
 *   npm run bench:index [-- --no-install] [-- --only go,django] [-- --recall-only] [-- --dist DIR] [-- --repeat N]
 * Installs its corpora (Debian: golang-1.19-src, python3-django, rust-src, ruby, bash-completion, composer,
 * openjdk-17-source and postgresql-15 (downloaded, not installed), universal-ctags; npm: rxjs, com.neuecc.unirx; SQLite's
 * amalgamation from the better-sqlite3 dependency), copies them under bench/.corpus/ (gitignored), and prints
 * a Markdown report to stdout (also written to bench/.corpus/index-report.md). `--recall-only` builds the
 * index and runs ctags but skips the refresh and lookup timings. A whole run (neither `--only` nor
 * `--recall-only`) then runs fresh.mjs (warm and cold refresh) and native.mjs (native binding vs WASM) and
 * appends their reports. Never part of `npm test`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const WORK = join(ROOT, "bench", ".corpus");
const args = process.argv.slice(2);
/** `--dist DIR`: build cadre into DIR (inside the repo, for node_modules) and run that build, not dist/. */
const DIST = args.includes("--dist") ? resolve(args[args.indexOf("--dist") + 1]) : undefined;
const BIN = DIST ? join(DIST, "cadre-bin.mjs") : join(ROOT, "bin", "cadre.js");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : undefined;
const recallOnly = args.includes("--recall-only");
/** `--repeat N`: run the build and ctags N times each, alternating, and keep each one's fastest run. */
const REPEAT = recallOnly
  ? 1
  : args.includes("--repeat")
    ? Math.max(1, Number(args[args.indexOf("--repeat") + 1]))
    : 3;

const CORPORA = [
  { name: "go", from: "/usr/share/go-1.19/src", what: "Go 1.19 standard library (Debian golang-1.19-src)" },
  {
    name: "django",
    from: "/usr/lib/python3/dist-packages/django",
    what: "Django 3.2 (Debian python3-django)",
  },
  {
    name: "rust",
    from: "/usr/lib/rustlib/src/rust/library",
    what: "Rust standard library source (Debian rust-src)",
  },
  {
    name: "rxjs",
    from: join(WORK, "npm", "node_modules", "rxjs", "src"),
    what: "rxjs 7 TypeScript sources (npm rxjs)",
  },
  {
    name: "java",
    what: "OpenJDK 17 java.util sources (Debian openjdk-17-source: java.base/java/util from src.zip)",
    prepare: (dir) => {
      const deb = join(WORK, "deb");
      const zip = join(deb, "usr", "lib", "jvm", "openjdk-17", "lib", "src.zip");
      if (!existsSync(zip)) {
        mkdirSync(deb, { recursive: true });
        sh("apt-get", ["download", "openjdk-17-source"], { cwd: deb, stdio: "inherit" });
        sh("sh", ["-c", "dpkg-deb -x openjdk-17-source_*.deb ."], { cwd: deb, stdio: "inherit" });
      }
      mkdirSync(dir, { recursive: true });
      sh("unzip", ["-q", "-o", zip, "java.base/java/util/*", "-d", dir]);
    },
  },
  {
    name: "unirx",
    from: join(WORK, "npm", "node_modules", "com.neuecc.unirx"),
    what: "UniRx 7.1 C# sources (npm com.neuecc.unirx)",
  },
  { name: "ruby", from: rubyLib(), what: "Ruby 3.1 standard library (Debian ruby, /usr/lib/ruby/<version>)" },
  {
    name: "php",
    from: "/usr/share/php",
    what: "PHP libraries under /usr/share/php (Debian composer and its php-* dependencies: Symfony, Composer …)",
  },
  {
    name: "bash",
    what: "bash-completion scripts (Debian bash-completion; extension-less files copied as <name>.bash, links skipped)",
    prepare: (dir) => {
      const from = "/usr/share/bash-completion/completions";
      mkdirSync(dir, { recursive: true });
      for (const f of readdirSync(from, { withFileTypes: true }))
        if (f.isFile())
          copyFileSync(join(from, f.name), join(dir, `${f.name.replace(/\.(bash|sh)$/, "")}.bash`));
    },
  },
  {
    name: "postgres",
    what: "PostgreSQL 15's SQL files: catalog views, system functions, contrib extension scripts (Debian postgresql-15, downloaded, not installed)",
    prepare: (dir) => {
      const deb = join(WORK, "deb-postgres");
      const share = join(deb, "usr", "share", "postgresql", "15");
      if (!existsSync(share)) {
        mkdirSync(deb, { recursive: true });
        sh("apt-get", ["download", "postgresql-15"], { cwd: deb, stdio: "inherit" });
        sh("sh", ["-c", "dpkg-deb -x postgresql-15_*.deb ."], { cwd: deb, stdio: "inherit" });
      }
      mkdirSync(dir, { recursive: true });
      for (const e of readdirSync(share, { recursive: true, withFileTypes: true }))
        if (e.isFile() && e.name.endsWith(".sql")) {
          const from = join(e.parentPath ?? e.path, e.name);
          const to = join(dir, from.slice(share.length + 1));
          mkdirSync(join(to, ".."), { recursive: true });
          copyFileSync(from, to);
        }
    },
  },
  {
    name: "sqlite",
    what: "SQLite's C sources, split back into their files from the amalgamation in npm better-sqlite3 (deps/sqlite3/sqlite3.c)",
    prepare: (dir) =>
      splitAmalgamation(join(ROOT, "node_modules", "better-sqlite3", "deps", "sqlite3", "sqlite3.c"), dir),
  },
];

/** The versioned directory of Ruby's standard library (`/usr/lib/ruby/3.1.0`). */
function rubyLib() {
  const base = "/usr/lib/ruby";
  const v = existsSync(base)
    ? readdirSync(base)
        .filter((d) => /^\d+\.\d+/.test(d))
        .sort()
        .pop()
    : undefined;
  return join(base, v ?? "3.1.0");
}

/**
 * SQLite's amalgamation (9 MB, over cadre's 1 MiB file cap) concatenates its source files between
 * `Begin file X` / `End of X` / `Continuing where we left off in X` markers: write each file back out.
 */
function splitAmalgamation(file, dir) {
  mkdirSync(dir, { recursive: true });
  const parts = new Map();
  const stack = [];
  let current = "sqlite3-amalgamation-head.c";
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const begin = /^\/\*+ Begin file (\S+) \*+\/$/.exec(line);
    const end = /^\/\*+ End of (\S+) \*+\/$/.exec(line);
    const cont = /^\/\*+ Continuing where we left off in (\S+) \*+\/$/.exec(line);
    if (begin) {
      stack.push(current);
      current = begin[1];
      continue;
    }
    if (end) {
      current = stack.pop() ?? current;
      continue;
    }
    if (cont) {
      current = cont[1];
      continue;
    }
    if (!parts.has(current)) parts.set(current, []);
    parts.get(current).push(line);
  }
  for (const [name, lines] of parts) writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
}

/**
 * ctags kinds that are definitions cadre should also find, per ctags language. Left out: imports and
 * `use … as` aliases (PHP `alias`, Ruby `library`), packages (a file's membership, not a definition), Rust
 * `impl` blocks (cadre scopes their methods instead), shell `heredoc` markers and `script` references, and
 * C# `macro` (`#define SYMBOL`: conditional-compilation flags, not code).
 */
const KINDS = {
  Go: ["func", "const", "type", "var", "struct", "interface", "member", "methodSpec", "talias", "anonMember"],
  Python: ["class", "function", "member", "variable"],
  Rust: [
    "function",
    "method",
    "struct",
    "enum",
    "interface",
    "typedef",
    "variable",
    "macro",
    "field",
    "enumerator",
    "module",
  ],
  TypeScript: [
    "class",
    "function",
    "method",
    "interface",
    "enum",
    "enumerator",
    "namespace",
    "property",
    "constant",
    "variable",
    "generator",
    "alias",
  ],
  C: ["macro", "enumerator", "function", "enum", "member", "struct", "typedef", "union", "variable"],
  SQL: ["table", "view", "function", "procedure", "trigger", "index"],
  "C++": [
    "macro",
    "enumerator",
    "function",
    "enum",
    "member",
    "struct",
    "typedef",
    "union",
    "variable",
    "class",
    "namespace",
  ],
  Java: ["annotation", "class", "enumConstant", "field", "enum", "interface", "method"],
  "C#": [
    "event",
    "class",
    "enumerator",
    "field",
    "enum",
    "interface",
    "method",
    "namespace",
    "property",
    "struct",
    "typedef",
  ],
  Ruby: ["accessor", "constant", "singletonMethod", "alias", "class", "method", "module"],
  PHP: ["class", "define", "function", "interface", "namespace", "trait", "variable"],
  Sh: ["alias", "function"],
  JavaScript: [
    "class",
    "function",
    "method",
    "constant",
    "variable",
    "property",
    "field",
    "getter",
    "setter",
    "generator",
  ],
};

function sh(cmd, argv, opts = {}) {
  return execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 30, ...opts });
}

function install() {
  const debs = [
    "golang-1.19-src",
    "python3-django",
    "rust-src",
    "ruby",
    "bash-completion",
    "composer",
    "unzip",
    "universal-ctags",
  ];
  const missing = debs.filter((d) => spawnSync("dpkg", ["-s", d], { stdio: "ignore" }).status !== 0);
  if (missing.length) {
    console.error(`installing ${missing.join(" ")} …`);
    sh(
      "sh",
      ["-c", `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(" ")}`],
      { stdio: "inherit" },
    );
  }
  const npmPkgs = { rxjs: "rxjs@7", "com.neuecc.unirx": "com.neuecc.unirx@7.1.0" };
  const npmMissing = Object.keys(npmPkgs).filter((p) => !existsSync(join(WORK, "npm", "node_modules", p)));
  if (npmMissing.length) {
    mkdirSync(join(WORK, "npm"), { recursive: true });
    sh(
      "npm",
      [
        "install",
        "--prefix",
        join(WORK, "npm"),
        "--no-save",
        "--no-audit",
        "--no-fund",
        ...Object.values(npmPkgs),
      ],
      { stdio: "inherit" },
    );
  }
}

function timed(fn) {
  const t = process.hrtime.bigint();
  const r = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
}

/** Run a command under GNU time: wall time, peak RSS, CPU time (user + system, all threads). */
function runTimed(cmd, argv, cwd, env) {
  const rssFile = join(WORK, "rss.txt");
  const load = loadavg()[0];
  const { ms, r } = timed(() =>
    spawnSync("/usr/bin/time", ["-f", "%M %U %S", "-o", rssFile, cmd, ...argv], {
      cwd,
      maxBuffer: 1 << 30,
      env: { ...process.env, ...env },
    }),
  );
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(" ")} failed: ${r.stderr}`);
  const [rss, user, sys] = readFileSync(rssFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
  return { ms, rssMb: rss / 1024, cpuMs: (user + sys) * 1000, load, stdout: r.stdout.toString() };
}

/** The fastest of several runs, with the highest peak RSS and load seen across them. */
function best(runs) {
  const fastest = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return {
    ...fastest,
    rssMb: Math.max(...runs.map((x) => x.rssMb)),
    loads: runs.map((x) => x.load),
    runs: runs.map((x) => x.ms),
  };
}

/**
 * Read every file under a corpus once before timing: the machine pages idle file cache out, and
 * otherwise whichever tool runs first pays for the disk reads.
 */
function warm(dir) {
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile())
      try {
        readFileSync(join(e.parentPath ?? e.path, e.name));
      } catch {}
}

function bundleInproc() {
  const out = join(WORK, "inproc.mjs");
  sh(join(ROOT, "node_modules", ".bin", "esbuild"), [
    join(ROOT, "bench", "index", "inproc.ts"),
    "--bundle",
    "--platform=node",
    "--format=esm",
    "--packages=external",
    `--outfile=${out}`,
    "--log-level=warning",
  ]);
  // Resolve bare imports (better-sqlite3 …) from the project.
  const link = join(WORK, "node_modules");
  if (!existsSync(link)) sh("ln", ["-s", join(ROOT, "node_modules"), link]);
  return out;
}

function loadCtags(file) {
  const tags = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.startsWith("{")) continue;
    const t = JSON.parse(line);
    if (t._type === "tag") tags.push(t);
  }
  return tags;
}

const FUNCTION_KINDS = new Set(["function", "method", "constructor"]);
const VARIABLE_KINDS = new Set(["constant", "variable", "var", "const"]);

/**
 * Classify a miss: a variable declared inside a function body, a ctags misparse (the tagged line does not
 * declare that name, by the language's own syntax), or a real miss.
 */
function classify(t, fnRanges, dir) {
  const line = readLine(join(dir, t.path), t.line);
  const esc = t.name.replace(/[$.*+?^(){}|[\]\\]/g, "\\$&");
  const declares = DECLARES[t.language]?.(t.kind, esc, line);
  if (declares === false) return "ctags-misparse";
  const inFn = (fnRanges.get(t.path) ?? []).some(([a, b]) => t.line > a && t.line <= b);
  // Ruby forbids assigning a constant in a method body: such a tag is text in a string or heredoc.
  if (t.language === "Ruby" && t.kind === "constant" && inFn) return "ctags-misparse";
  if (!VARIABLE_KINDS.has(t.kind)) return "missed";
  if (
    declares === undefined &&
    !new RegExp(`\\b(const|let|var|static|const fn)\\b[^=;]*\\b${esc}\\b`).test(line)
  )
    return "ctags-misparse";
  if (inFn) return "function-local";
  return "missed";
}

/** Per language: does this line declare `name` as a `kind`? (undefined: no opinion, use the generic check.) */
const DECLARES = {
  Sh: (kind, name, line) =>
    name.includes("=")
      ? false
      : kind === "alias"
        ? new RegExp(`\\balias\\s+${name}=`).test(line)
        : new RegExp(`(^|[\\s;&|({])(function\\s+${name}\\b|${name}\\s*\\(\\s*\\))`).test(line),
  // `NAME = …` or `A, NAME = …`, not `NAME == …` nor `NAME =~ …`.
  Ruby: (kind, name, line) =>
    kind === "constant"
      ? new RegExp(`(^|[\\s,;(]|::)${name}\\s*(,[^=]*)?(=(?![=~>])|\\|\\|=)`).test(line)
      : undefined,
  PHP: (kind, name, line) =>
    kind === "variable"
      ? new RegExp(`\\$${name}\\s*(=(?![=>])|\\[)|\\b(static|global)\\b.*\\$${name}\\b`).test(line)
      : undefined,
  // `let cstr: &'static CStr = …` tagged as a variable `CStr`, `static TEST: &'static str` as `str`.
  Rust: (kind, name, line) =>
    kind === "variable" && new RegExp(`'static\\s+(mut\\s+)?${name}\\b`).test(line) ? false : undefined,
  // `where T : Base` constraints tagged as properties, `var x = …` locals tagged as fields.
  "C#": (kind, _name, line) =>
    /^\s*where\b/.test(line) || (kind === "field" && /^\s*var\s/.test(line)) ? false : undefined,
  // `const { keys: getKeys } = Object` binds `getKeys`; ctags tags the property key `keys`.
  TypeScript: (_kind, name, line) => destructuredKey(name, line),
  JavaScript: (_kind, name, line) => destructuredKey(name, line),
};

function destructuredKey(name, line) {
  return /\b(const|let|var)\s*[{[]/.test(line) && new RegExp(`[{,]\\s*${name}\\s*:(?!:)`).test(line)
    ? false
    : undefined;
}

const lineCache = new Map();
function readLine(file, n) {
  if (!lineCache.has(file)) lineCache.set(file, readFileSync(file, "utf8").split("\n"));
  return lineCache.get(file)[n - 1] ?? "";
}

function compare(ctags, defs, dir) {
  const fnRanges = new Map();
  for (const d of defs) {
    if (!FUNCTION_KINDS.has(d.kind)) continue;
    if (!fnRanges.has(d.path)) fnRanges.set(d.path, []);
    fnRanges.get(d.path).push([d.line, d.end_line]);
  }
  const byFile = new Map();
  for (const d of defs) {
    const keys = [`${d.path}\u0000${d.name}`];
    if (/\.rb$/.test(d.path) && /[?!=]$/.test(d.name)) keys.push(keys[0].slice(0, -1));
    for (const k of keys) {
      if (!byFile.has(k)) byFile.set(k, []);
      byFile.get(k).push(d);
    }
  }
  const per = {};
  for (const t of ctags) {
    const kinds = KINDS[t.language];
    // Anonymous functions/classes get generated names (AnonymousFunction…): not definitions a user can name.
    if (!kinds?.includes(t.kind) || (t.extras ?? "").includes("anonymous")) continue;
    per[t.language] ??= { total: 0, found: 0, misses: [], missKinds: {}, classes: {} };
    const p = per[t.language];
    p.total++;
    // ctags spells some names with their container (C# `UniRx.Diagnostics`, `IDisposable.Dispose`, PHP
    // `Composer\Advisory`); cadre's name is the last segment (the container is in its qualified name).
    // Ruby: ctags names an `attr_writer`/`attr_accessor` setter `x=` and drops `?`/`!` from aliases.
    let name = t.name;
    if (t.language === "Ruby") name = name.replace(/[?!=]$/, "");
    if (!byFile.has(`${t.path}\u0000${name}`)) name = name.split(/\.|::|\\/).pop() || name;
    const cands = byFile.get(`${t.path}\u0000${name}`) ?? [];
    if (cands.some((d) => t.line >= d.line - 1 && t.line <= d.end_line + 1)) p.found++;
    else {
      const cls = classify(t, fnRanges, dir);
      p.classes[cls] = (p.classes[cls] ?? 0) + 1;
      p.missKinds[t.kind] = (p.missKinds[t.kind] ?? 0) + 1;
      if (p.misses.length < 2000) p.misses.push(`${t.path}:${t.line} ${t.kind} ${t.name} [${cls}]`);
    }
  }
  return per;
}

/** An index database and its WAL files (as `src/index/db.ts` `removeDb`). */
function removeDb(path) {
  for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
}

function benchCorpus(c, inproc) {
  const dir = join(WORK, c.name);
  if (!existsSync(dir)) {
    if (c.prepare) c.prepare(dir);
    else cpSync(c.from, dir, { recursive: true, dereference: true });
  }
  const db = join(WORK, `${c.name}.db`);
  const buildOnce = () => {
    removeDb(db);
    return runTimed(process.execPath, [BIN, "index", "build", "--db", db, "--json"], dir);
  };
  warm(dir);
  // 1. cadre full build (symbols + full text), as a user runs it.
  const builds = [buildOnce()];
  const stats = JSON.parse(builds[0].stdout).data;
  // 2. ctags on exactly the files cadre indexed.
  const defsFile = join(WORK, `${c.name}.defs.json`);
  sh(process.execPath, [inproc, db, "defs", defsFile]);
  const defs = JSON.parse(readFileSync(defsFile, "utf8"));
  const files = [...new Set(defs.map((d) => d.path))];
  const allFiles = JSON.parse(
    sh("node", [
      "-e",
      `const D=require(${JSON.stringify(join(ROOT, "node_modules", "better-sqlite3"))});const d=new D(${JSON.stringify(db)},{readonly:true});console.log(JSON.stringify(d.prepare("select path from files").all().map(r=>r.path)))`,
    ]).toString(),
  );
  const list = join(WORK, `${c.name}.files`);
  writeFileSync(list, `${allFiles.join("\n")}\n`);
  const tagsFile = join(WORK, `${c.name}.tags.json`);
  const ctagsOnce = () => {
    rmSync(tagsFile, { force: true });
    return runTimed("ctags", ["-L", list, "-f", tagsFile, "--output-format=json", "--fields=+nKlZE"], dir);
  };
  // Alternate the two tools so that load from other jobs hits both alike; keep each one's fastest run.
  const ctagsRuns = [ctagsOnce()];
  for (let i = 1; i < REPEAT; i++) {
    builds.push(buildOnce());
    ctagsRuns.push(ctagsOnce());
  }
  const build = best(builds);
  const ctags = best(ctagsRuns);
  stats.ms = JSON.parse(build.stdout).data.ms; // the fastest build's own time (start-up excluded)
  const recall = compare(loadCtags(tagsFile), defs, dir);
  const size = { files: allFiles.length, dbMb: Number(readFileSync(db).length / 1e6) };
  if (recallOnly) return { c, stats, build, ctags, recall, ...size };
  const floor = parseFloor(dir, db, inproc);
  // 3. refresh after changing one file (REPEAT times, fastest kept), then with nothing changed.
  const victim = join(dir, files[Math.floor(files.length / 2)]);
  const before = readFileSync(victim, "utf8");
  const refreshOnce = () => runTimed(process.execPath, [BIN, "index", "refresh", "--db", db, "--json"], dir);
  const refreshes = [];
  for (let i = 0; i < REPEAT; i++) {
    appendFileSync(victim, "\n");
    refreshes.push(refreshOnce());
  }
  const refresh = best(refreshes);
  const refreshStats = JSON.parse(refresh.stdout).data;
  refreshStats.ms = Math.min(...refreshes.map((r) => JSON.parse(r.stdout).data.ms));
  writeFileSync(victim, before);
  refreshOnce();
  const noop = best(Array.from({ length: REPEAT }, refreshOnce));
  // 4. in-process lookups.
  const lookups = JSON.parse(sh(process.execPath, [inproc, db, "lookups"]).toString());
  return {
    c,
    stats,
    build,
    ctags,
    refresh,
    refreshStats,
    noop,
    lookups,
    recall,
    floor,
    ...size,
  };
}

/**
 * The full build single-threaded (`CADRE_INDEX_THREADS=0`) against the bare parse of the files it parses, on
 * one core each, alternated REPEAT times; the lowest CPU time of each is kept. The parse reads its files
 * before its clock starts; the build's CPU is the whole process (start-up, walk, reads, parse, extraction,
 * SQLite and full text).
 */
function parseFloor(dir, db, inproc) {
  const solo = join(WORK, "solo.db");
  const buildOnce = () => {
    removeDb(solo);
    const r = runTimed(process.execPath, [BIN, "index", "build", "--db", solo, "--json"], dir, {
      CADRE_INDEX_THREADS: "0",
    });
    return { cpuMs: r.cpuMs, ownMs: JSON.parse(r.stdout).data.ms };
  };
  const builds = [];
  const parses = [];
  for (let i = 0; i < REPEAT; i++) {
    builds.push(buildOnce());
    parses.push(JSON.parse(sh(process.execPath, [inproc, db, "parse", dir]).toString()));
  }
  removeDb(solo);
  const low = (xs, f) => Math.min(...xs.map(f));
  return {
    files: parses[0].files,
    mb: parses[0].bytes / 1e6,
    parseCpuMs: low(parses, (p) => p.parse.cpuMs),
    extractCpuMs: low(parses, (p) => p.extract.cpuMs),
    buildCpuMs: low(builds, (b) => b.cpuMs),
    buildOwnMs: low(builds, (b) => b.ownMs),
  };
}

function report(results) {
  const f1 = (x) => x.toFixed(1);
  const lines = [];
  lines.push(
    `Measured ${new Date().toISOString()} on ${process.platform} ${process.arch}, Node ${process.version}, ${spawnSync("nproc").stdout.toString().trim()} CPUs; ${execFileSync("ctags", ["--version"]).toString().split("\n")[0]}.`,
    "",
  );
  if (recallOnly) {
    lines.push("| corpus | files | symbols | DB (MB) |", "|---|---:|---:|---:|");
    for (const x of results) lines.push(`| ${x.c.name} | ${x.files} | ${x.stats.symbols} | ${f1(x.dbMb)} |`);
  } else timingTables(results, lines);
  lines.push(
    "",
    "Definition recall against universal-ctags (same files; ctags kinds mapped as in `bench/index/run.mjs` `KINDS`):",
    "",
  );
  recallTable(results, lines);
  return lines.join("\n");
}

function timingTables(results, lines) {
  const f1 = (x) => x.toFixed(1);
  lines.push(
    `Times are the fastest of ${REPEAT} runs (build and ctags alternated); CPU is user + system time of that run, all threads; load is the 1-minute load average before each build run.`,
    "",
    "| corpus | files | symbols | cadre build (s) | ctags (s) | ratio | cadre CPU (s) | ctags CPU (s) | load | refresh 1 file (s) | refresh % of build | refresh in-process (ms) | in-process % of build | no-op refresh (s) | peak RSS (MB) | DB (MB) |",
  );
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
  const f2 = (x) => x.toFixed(2);
  for (const x of results)
    lines.push(
      `| ${x.c.name} | ${x.files} | ${x.stats.symbols} | ${f2(x.build.ms / 1000)} | ${f2(x.ctags.ms / 1000)} | ${(x.build.ms / x.ctags.ms).toFixed(2)}× | ${f1(x.build.cpuMs / 1000)} | ${f1(x.ctags.cpuMs / 1000)} | ${x.build.loads.map(f1).join(", ")} | ${f2(x.refresh.ms / 1000)} | ${((100 * x.refresh.ms) / x.build.ms).toFixed(1)}% | ${x.refreshStats.ms} | ${((100 * x.refreshStats.ms) / x.stats.ms).toFixed(1)}% | ${f2(x.noop.ms / 1000)} | ${Math.round(x.build.rssMb)} | ${f1(x.dbMb)} |`,
    );
  lines.push(
    "",
    "| corpus | symbol lookup p50 / p95 (ms) | qualified lookup p50 (ms) | FTS symbols p50 / p95 (ms) | FTS content p50 / p95 (ms) |",
    "|---|---:|---:|---:|---:|",
  );
  const f3 = (x) => x.toFixed(3);
  for (const x of results) {
    const l = x.lookups;
    lines.push(
      `| ${x.c.name} | ${f3(l.lookupP50)} / ${f3(l.lookupP95)} | ${f3(l.qualifiedP50)} | ${f3(l.ftsSymbolsP50)} / ${f3(l.ftsSymbolsP95)} | ${f3(l.ftsContentP50)} / ${f3(l.ftsContentP95)} |`,
    );
  }
  lines.push(
    "",
    `Full build against the bare parse, one core each (\`CADRE_INDEX_THREADS=0\`; lowest CPU of ${REPEAT} alternated runs). Bare parse: every file the build parsed with a grammar, read first, parsed and freed in-process after two warm-up passes (lowest of three, alternated with parse + extraction, which adds the symbol, reference and import walk). The build's CPU is the whole process. Target: build ≤ 1.3× bare parse.`,
    "",
    "| corpus | files parsed | MB parsed | bare parse CPU (s) | parse + extraction CPU (s) | build CPU, 1 core (s) | build's own time (s) | build ÷ bare parse | build ÷ (parse + extraction) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  // A corpus with nothing parsed by a grammar (SQL is read by cadre's own scanner) has no floor to compare.
  for (const x of results) {
    const p = x.floor;
    const ratio = (b) => (p.files > 0 ? `${(p.buildCpuMs / b).toFixed(2)}×` : "—");
    lines.push(
      `| ${x.c.name} | ${p.files} | ${f1(p.mb)} | ${f2(p.parseCpuMs / 1000)} | ${f2(p.extractCpuMs / 1000)} | ${f2(p.buildCpuMs / 1000)} | ${f2(p.buildOwnMs / 1000)} | ${ratio(p.parseCpuMs)} | ${ratio(p.extractCpuMs)} |`,
    );
  }
}

function recallTable(results, lines) {
  lines.push(
    "Recall counts every mapped ctags tag. Misses are classed *ctags-misparse* when the tagged line does not declare that name by the language's syntax (checks per language in `run.mjs`), *function-local* for a variable inside a function body, otherwise *missed*; the second recall column leaves the misparses out.",
    "",
    "| corpus | language | ctags definitions | found by cadre | recall | recall excl. ctags misparses | misses by ctags kind | misses by class |",
    "|---|---|---:|---:|---:|---:|---|---|",
  );
  for (const x of results)
    for (const [lang, p] of Object.entries(x.recall)) {
      const mk = Object.entries(p.missKinds)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
      const mc = Object.entries(p.classes)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
      const pct = (a, b) => `${((100 * a) / b).toFixed(2)}%`;
      const misparsed = p.classes["ctags-misparse"] ?? 0;
      lines.push(
        `| ${x.c.name} | ${lang} | ${p.total} | ${p.found} | ${pct(p.found, p.total)} | ${pct(p.found, p.total - misparsed)} | ${mk || "—"} | ${mc || "—"} |`,
      );
    }
}

mkdirSync(WORK, { recursive: true });
if (!args.includes("--no-install")) install();
if (DIST) {
  sh("npx", ["tsup", "--out-dir", DIST, "--silent"], { cwd: ROOT, stdio: "inherit" });
  writeFileSync(BIN, 'import { main } from "./cli.js";\nawait main();\n');
} else if (!existsSync(join(ROOT, "dist", "cli.js"))) sh("npx", ["tsup"], { cwd: ROOT, stdio: "inherit" });
const inproc = bundleInproc();
const results = [];
for (const c of CORPORA) {
  if (only && !only.includes(c.name)) continue;
  console.error(`== ${c.name}: ${c.what}`);
  const r = benchCorpus(c, inproc);
  writeFileSync(
    join(WORK, `${c.name}.misses.txt`),
    Object.entries(r.recall)
      .map(([l, p]) => `# ${l}\n${p.misses.join("\n")}`)
      .join("\n"),
  );
  results.push(r);
  console.error(`   build ${(r.build.ms / 1000).toFixed(1)} s, ctags ${(r.ctags.ms / 1000).toFixed(1)} s`);
}
let md = report(results);
// The whole run (no --only, no --recall-only) also reports freshness and cold refresh (fresh.mjs) and the
// native binding against WASM (native.mjs), so that one command gives every figure of the index's targets.
if (!only && !recallOnly)
  for (const [title, script, argv] of [
    ["Freshness and cold refresh", "fresh.mjs", ["--trials", "40"]],
    ["Native tree-sitter against WASM", "native.mjs", []],
  ]) {
    console.error(`== ${title} (bench/index/${script})`);
    const out = sh(process.execPath, [join(ROOT, "bench", "index", script), ...argv]).toString();
    md += `\n\n${title} (\`node bench/index/${script} ${argv.join(" ")}\`):\n\n${out.trim()}`;
  }
writeFileSync(join(WORK, "index-report.md"), `${md}\n`);
process.stdout.write(`${md}\n`);

#!/usr/bin/env node
/**
 * Code-index benchmark: cadre vs universal-ctags on real corpora, side by side in one run.
 *   npm run bench:index [-- --no-install] [-- --only go,django]
 * Installs its corpora (Debian: golang-1.19-src, python3-django, rust-src, universal-ctags; npm: rxjs),
 * copies them under bench/.corpus/ (gitignored), and prints a Markdown report to stdout
 * (also written to bench/.corpus/index-report.md). Never part of `npm test`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const WORK = join(ROOT, "bench", ".corpus");
const BIN = join(ROOT, "bin", "cadre.js");
const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : undefined;

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
];

/** ctags kinds that are definitions cadre should also find, per ctags language (imports, packages, impl blocks excluded). */
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
  const debs = ["golang-1.19-src", "python3-django", "rust-src", "universal-ctags"];
  const missing = debs.filter((d) => spawnSync("dpkg", ["-s", d], { stdio: "ignore" }).status !== 0);
  if (missing.length) {
    console.error(`installing ${missing.join(" ")} …`);
    sh(
      "sh",
      ["-c", `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(" ")}`],
      { stdio: "inherit" },
    );
  }
  if (!existsSync(join(WORK, "npm", "node_modules", "rxjs", "src"))) {
    mkdirSync(join(WORK, "npm"), { recursive: true });
    sh("npm", ["install", "--prefix", join(WORK, "npm"), "--no-save", "--no-audit", "--no-fund", "rxjs@7"], {
      stdio: "inherit",
    });
  }
}

function timed(fn) {
  const t = process.hrtime.bigint();
  const r = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
}

/** Run a command under GNU time for its peak RSS (KiB). */
function runTimed(cmd, argv, cwd) {
  const rssFile = join(WORK, "rss.txt");
  const { ms, r } = timed(() =>
    spawnSync("/usr/bin/time", ["-f", "%M", "-o", rssFile, cmd, ...argv], { cwd, maxBuffer: 1 << 30 }),
  );
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(" ")} failed: ${r.stderr}`);
  return {
    ms,
    rssMb: Number(readFileSync(rssFile, "utf8").trim().split("\n").pop()) / 1024,
    stdout: r.stdout.toString(),
  };
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
 * Classify a miss: a variable declared inside a function body (cadre indexes module- and class-level
 * variables only, by design), a ctags misparse (no declaration of that name on the line), or a real miss.
 */
function classify(t, fnRanges, dir) {
  if (!VARIABLE_KINDS.has(t.kind)) return "missed";
  const line = readLine(join(dir, t.path), t.line);
  const esc = t.name.replace(/[$.*+?^(){}|[\]\\]/g, "\\$&");
  if (!new RegExp(`\\b(const|let|var|static|const fn)\\b[^=;]*\\b${esc}\\b`).test(line))
    return "ctags-misparse";
  if ((fnRanges.get(t.path) ?? []).some(([a, b]) => t.line > a && t.line <= b)) return "function-local";
  return "missed";
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
    const k = `${d.path}\u0000${d.name}`;
    if (!byFile.has(k)) byFile.set(k, []);
    byFile.get(k).push(d);
  }
  const per = {};
  for (const t of ctags) {
    const kinds = KINDS[t.language];
    // Anonymous functions/classes get generated names (AnonymousFunction…): not definitions a user can name.
    if (!kinds?.includes(t.kind) || (t.extras ?? "").includes("anonymous")) continue;
    per[t.language] ??= { total: 0, found: 0, misses: [], missKinds: {}, classes: {} };
    const p = per[t.language];
    p.total++;
    const cands = byFile.get(`${t.path}\u0000${t.name}`) ?? [];
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

function benchCorpus(c, inproc) {
  const dir = join(WORK, c.name);
  if (!existsSync(dir)) cpSync(c.from, dir, { recursive: true, dereference: true });
  const db = join(WORK, `${c.name}.db`);
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  // 1. cadre full build (symbols + full text), as a user runs it.
  const build = runTimed(process.execPath, [BIN, "index", "build", "--db", db, "--json"], dir);
  const stats = JSON.parse(build.stdout).data;
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
  rmSync(tagsFile, { force: true });
  const ctags = runTimed(
    "ctags",
    ["-L", list, "-f", tagsFile, "--output-format=json", "--fields=+nKlZE"],
    dir,
  );
  // 3. refresh after changing one file.
  const victim = join(dir, files[Math.floor(files.length / 2)]);
  const before = readFileSync(victim, "utf8");
  appendFileSync(victim, "\n");
  const refresh = runTimed(process.execPath, [BIN, "index", "refresh", "--db", db, "--json"], dir);
  const refreshStats = JSON.parse(refresh.stdout).data;
  writeFileSync(victim, before);
  const noop = runTimed(process.execPath, [BIN, "index", "refresh", "--db", db, "--json"], dir);
  // 4. in-process lookups.
  const lookups = JSON.parse(sh(process.execPath, [inproc, db, "lookups"]).toString());
  const recall = compare(loadCtags(tagsFile), defs, dir);
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
    files: allFiles.length,
    dbMb: Number(readFileSync(db).length / 1e6),
  };
}

function report(results) {
  const f1 = (x) => x.toFixed(1);
  const lines = [];
  lines.push(
    `Measured ${new Date().toISOString()} on ${process.platform} ${process.arch}, Node ${process.version}, ${spawnSync("nproc").stdout.toString().trim()} CPUs; ${execFileSync("ctags", ["--version"]).toString().split("\n")[0]}.`,
    "",
  );
  lines.push(
    "| corpus | files | symbols | cadre build (s) | ctags (s) | ratio | refresh 1 file (s) | refresh % of build | refresh in-process (ms) | in-process % of build | no-op refresh (s) | peak RSS (MB) | DB (MB) |",
  );
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const x of results)
    lines.push(
      `| ${x.c.name} | ${x.files} | ${x.stats.symbols} | ${f1(x.build.ms / 1000)} | ${f1(x.ctags.ms / 1000)} | ${(x.build.ms / x.ctags.ms).toFixed(2)}× | ${(x.refresh.ms / 1000).toFixed(2)} | ${((100 * x.refresh.ms) / x.build.ms).toFixed(1)}% | ${x.refreshStats.ms} | ${((100 * x.refreshStats.ms) / x.stats.ms).toFixed(1)}% | ${(x.noop.ms / 1000).toFixed(2)} | ${Math.round(x.build.rssMb)} | ${f1(x.dbMb)} |`,
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
    "Definition recall against universal-ctags (same files; ctags kinds mapped as in `bench/index/run.mjs` `KINDS`):",
    "",
  );
  lines.push(
    "Recall counts every mapped ctags tag. *Recall excl. locals* leaves out tags that are variables declared inside a function body (cadre indexes module- and class-level variables only) and ctags misparses (no declaration of that name on the tagged line).",
    "",
    "| corpus | language | ctags definitions | found by cadre | recall | recall excl. locals | misses by ctags kind | misses by class |",
    "|---|---|---:|---:|---:|---:|---|---|",
  );
  for (const x of results)
    for (const [lang, p] of Object.entries(x.recall)) {
      const mk = Object.entries(p.missKinds)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
      const excluded = (p.classes["function-local"] ?? 0) + (p.classes["ctags-misparse"] ?? 0);
      const mc = Object.entries(p.classes)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
      const pct = (a, b) => `${((100 * a) / b).toFixed(2)}%`;
      lines.push(
        `| ${x.c.name} | ${lang} | ${p.total} | ${p.found} | ${pct(p.found, p.total)} | ${pct(p.found, p.total - excluded)} | ${mk || "—"} | ${mc || "—"} |`,
      );
    }
  return lines.join("\n");
}

mkdirSync(WORK, { recursive: true });
if (!args.includes("--no-install")) install();
if (!existsSync(join(ROOT, "dist", "cli.js"))) sh("npx", ["tsup"], { cwd: ROOT, stdio: "inherit" });
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
const md = report(results);
writeFileSync(join(WORK, "index-report.md"), `${md}\n`);
process.stdout.write(`${md}\n`);

#!/usr/bin/env node
/**
 * Context-savings benchmark (issue 16): how many tokens an agent needs to find an answer with `cadre recall`
 * (2,000-token budget) against `grep -rn <term>` plus reading every matching file whole.
 *   npm run bench:context [-- --no-install] [-- --only go,django,sqlite] [-- --max-questions N] [-- --seed S] [-- --write] [-- --report-only]
 * Corpora are the ones `bench:index` uses (Debian golang-1.19-src and python3-django, SQLite split back into its
 * files from the amalgamation in the better-sqlite3 dependency), copied under bench/.corpus/ (gitignored).
 * Per corpus, a fixed seeded set of questions (N per type, default 100, so ≥ 300 per corpus):
 *   definition — "where is X defined": X from universal-ctags, answered by `recall symbol X`; right when a
 *                ctags definition line of X is shown;
 *   callers    — "what calls X": a function with a grep-verified call site (`X(` on a non-comment line not defining X),
 *                answered by `recall symbol X` (definition + callers); right when a call-site line is shown;
 *   feature    — "which file handles <phrase>": a doc comment's first sentence without the symbol's name,
 *                answered by `recall query <phrase>`; right when the symbol's file is named.
 * (b) greps the symbol name (whole word) or, for features, the phrase's longest word (case-insensitive).
 * Tokens are o200k (src/core/tokens.ts). Prints a Markdown report; `--write` puts it into docs/BENCHMARKS.md
 * under "Context savings"; `--report-only` rebuilds the report from the last run's saved results without asking
 * anything again. Never part of `npm test`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const WORK = join(ROOT, "bench", ".corpus");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const only = opt("--only")?.split(",");
const PER_TYPE = Number(opt("--max-questions", "100"));
const SEED = Number(opt("--seed", "16"));
const BIN = join(ROOT, "bin", "cadre.js");

const CORPORA = [
  { name: "go", from: "/usr/share/go-1.19/src", what: "Go 1.19 standard library (Debian golang-1.19-src)" },
  {
    name: "django",
    from: "/usr/lib/python3/dist-packages/django",
    what: "Django 3.2 (Debian python3-django)",
  },
  {
    name: "sqlite",
    what: "SQLite's C sources, split from the amalgamation in npm better-sqlite3",
    prepare: (dir) =>
      splitAmalgamation(join(ROOT, "node_modules", "better-sqlite3", "deps", "sqlite3", "sqlite3.c"), dir),
  },
];

function sh(cmd, argv, o = {}) {
  return execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 30, ...o });
}

function install() {
  const debs = ["golang-1.19-src", "python3-django", "universal-ctags"];
  const missing = debs.filter((d) => spawnSync("dpkg", ["-s", d], { stdio: "ignore" }).status !== 0);
  if (missing.length)
    sh(
      "sh",
      ["-c", `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(" ")}`],
      {
        stdio: "inherit",
      },
    );
}

/** The amalgamation's `Begin file X` / `End of X` / `Continuing where we left off in X` markers, undone. */
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
    } else if (end) current = stack.pop() ?? current;
    else if (cont) current = cont[1];
    else {
      if (!parts.has(current)) parts.set(current, []);
      parts.get(current).push(line);
    }
  }
  for (const [name, lines] of parts) writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
}

function bundle() {
  const outFile = join(WORK, "context-inproc.mjs");
  sh(join(ROOT, "node_modules", ".bin", "esbuild"), [
    join(ROOT, "bench", "context", "inproc.ts"),
    "--bundle",
    "--platform=node",
    "--format=esm",
    "--packages=external",
    `--outfile=${outFile}`,
    "--log-level=warning",
  ]);
  const link = join(WORK, "node_modules");
  if (!existsSync(link)) sh("ln", ["-s", join(ROOT, "node_modules"), link]);
  return outFile;
}

function runCorpus(c, inproc) {
  const dir = join(WORK, `ctx-${c.name}`);
  if (!existsSync(dir)) {
    if (c.prepare) c.prepare(dir);
    else cpSync(c.from, dir, { recursive: true, dereference: true });
  }
  const db = join(WORK, `ctx-${c.name}.db`);
  if (!existsSync(db)) sh(process.execPath, [BIN, "index", "build", "--db", db, "--json"], { cwd: dir });
  const files = JSON.parse(
    sh(process.execPath, [
      "-e",
      `const D=require(${JSON.stringify(join(ROOT, "node_modules", "better-sqlite3"))});const d=new D(${JSON.stringify(db)},{readonly:true});console.log(JSON.stringify(d.prepare("select path from files").all().map(r=>r.path)))`,
    ]).toString(),
  );
  const list = join(WORK, `ctx-${c.name}.files`);
  writeFileSync(list, `${files.join("\n")}\n`);
  const tags = join(WORK, `ctx-${c.name}.tags.json`);
  if (!existsSync(tags))
    sh("ctags", ["-L", list, "-f", tags, "--output-format=json", "--fields=+nKlZE"], { cwd: dir });
  const outFile = join(WORK, `ctx-${c.name}.results.json`);
  sh(process.execPath, [inproc, dir, db, tags, outFile, String(PER_TYPE), String(SEED)], {
    stdio: "inherit",
  });
  return { c, files: files.length, results: JSON.parse(readFileSync(outFile, "utf8")) };
}

/** `--report-only`: the report from the last run's saved results (bench/.corpus/ctx-<name>.results.json). */
function savedRun(c) {
  const files = readFileSync(join(WORK, `ctx-${c.name}.files`), "utf8")
    .trim()
    .split("\n").length;
  return { c, files, results: JSON.parse(readFileSync(join(WORK, `ctx-${c.name}.results.json`), "utf8")) };
}

function savedDate(runs) {
  const t = Math.max(...runs.map((r) => statSync(join(WORK, `ctx-${r.c.name}.results.json`)).mtimeMs));
  return `written ${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

function report(runs) {
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : "—");
  const lines = [
    `${reportOnly ? `Report rebuilt with \`--report-only\` from the results saved by the last run (${savedDate(runs)})` : `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:context${args.length ? ` -- ${args.join(" ")}` : ""}\``} (seed ${SEED}, ${PER_TYPE} questions per type and corpus, budget 2,000 tokens; ${process.platform} ${process.arch}, Node ${process.version}).`,
    "",
    "(a) is `recall` in-process (the function behind `cadre recall`): `recall symbol X` for definitions and callers, `recall query <phrase>` for features. (b) is `grep -rnwF <term>` over the corpus plus every matching file read whole. Token ratio = Σ(a) / Σ(b) over the questions; median ratio is per question.",
    "",
    `Corpora: ${runs.map((r) => `**${r.c.name}** — ${r.c.what}`).join("; ")}.`,
    "",
    "| corpus | files | question type | questions | answer present (a) | answer present (b) | tokens (a) mean | tokens (b) mean | ratio Σa/Σb | median ratio | questions with a ≤ 10% of b | target (≥ 95% at ≤ 10%) |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  const all = [];
  for (const run of runs) {
    for (const type of ["definition", "callers", "feature", "all"]) {
      const qs = type === "all" ? run.results : run.results.filter((q) => q.type === type);
      if (!qs.length) continue;
      if (type !== "all") all.push(...qs);
      lines.push(row(run.c.name, run.files, type, qs, pct));
    }
  }
  lines.push(row("**all**", "", "all", all, pct));
  const errors = all.filter((q) => q.error);
  if (errors.length)
    lines.push("", `${errors.length} question(s) got an error from recall (counted as answer absent).`);
  return lines.join("\n");
}

function row(name, files, type, qs, pct) {
  const present = qs.filter((q) => q.recallPresent).length;
  const gp = qs.filter((q) => q.grepPresent).length;
  const a = qs.reduce((s, q) => s + q.recallTokens, 0);
  const b = qs.reduce((s, q) => s + q.grepTokens, 0);
  const ratio = b ? a / b : 0;
  const med = median(qs.map((q) => (q.grepTokens ? q.recallTokens / q.grepTokens : 0)));
  const small = qs.filter((q) => q.recallTokens <= 0.1 * q.grepTokens).length;
  const ok = present / qs.length >= 0.95 && ratio <= 0.1;
  return `| ${name} | ${files} | ${type} | ${qs.length} | ${pct(present, qs.length)} | ${pct(gp, qs.length)} | ${Math.round(a / qs.length)} | ${Math.round(b / qs.length)} | ${pct(a, b)} | ${(100 * med).toFixed(2)}% | ${pct(small, qs.length)} | ${ok ? "met" : "not met"} |`;
}

/**
 * Put the report into docs/BENCHMARKS.md under "## Context savings", between its generated-block markers
 * (replacing the block of an earlier run, keeping the notes written around it), atomically.
 */
const START = "<!-- bench:context report: generated by bench/context/run.mjs --write -->";
const END = "<!-- /bench:context report -->";
function writeDocs(md) {
  const file = join(ROOT, "docs", "BENCHMARKS.md");
  const doc = readFileSync(file, "utf8");
  const block = `${START}\n${md}\n${END}`;
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  const next =
    a >= 0 && b > a
      ? `${doc.slice(0, a)}${block}${doc.slice(b + END.length)}`
      : `${doc.trimEnd()}\n\n## Context savings (issue 16)\n\n${block}\n`;
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, next);
  renameSync(tmp, file);
}

const reportOnly = args.includes("--report-only");
mkdirSync(WORK, { recursive: true });
if (!reportOnly && !args.includes("--no-install")) install();
if (!reportOnly && !existsSync(join(ROOT, "dist", "cli.js")))
  sh("npx", ["tsup", "--silent"], { cwd: ROOT, stdio: "inherit" });
const inproc = reportOnly ? undefined : bundle();
const runs = [];
for (const c of CORPORA) {
  if (only && !only.includes(c.name)) continue;
  console.error(`== ${c.name}: ${c.what}`);
  runs.push(reportOnly ? savedRun(c) : runCorpus(c, inproc));
}
const md = report(runs);
writeFileSync(join(WORK, "context-report.md"), `${md}\n`);
process.stdout.write(`${md}\n`);
if (args.includes("--write")) writeDocs(md);

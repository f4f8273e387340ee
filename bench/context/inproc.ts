/**
 * In-process part of the context-savings benchmark (bundled by run.mjs with esbuild, never part of `npm test`).
 * Generates a fixed, seeded set of questions for one corpus and answers each two ways:
 *   (a) `recall` (the function behind `cadre recall`) within a 2,000-token budget;
 *   (b) `grep -rn` for the question's term, plus reading every matching file whole.
 * Both are counted with the project's o200k counter (src/core/tokens.ts).
 * Usage: node inproc.mjs <corpus dir> <db> <ctags json> <out json> <questions per type> <seed>
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { recall } from "../../src/app/recall.js";
import { countTokens } from "../../src/core/tokens.js";
import { openDb } from "../../src/index/db.js";

const [dir, dbPath, tagsPath, out, perTypeArg, seedArg] = process.argv.slice(2);
if (!dir || !dbPath || !tagsPath || !out) throw new Error("usage: inproc <dir> <db> <tags> <out> [n] [seed]");
const PER_TYPE = Number(perTypeArg ?? 100);
const BUDGET = 2000;

/** mulberry32: a small seeded PRNG, so the question set is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle<T>(xs: T[], r: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

interface Loc {
  path: string;
  line?: number;
}
interface Question {
  type: "definition" | "callers" | "feature";
  mode: "symbol" | "query";
  target: string;
  /** The term an agent would grep for. */
  grep: string;
  answers: Loc[];
}

const { db } = openDb(dbPath);
const indexed = new Set(
  (db.prepare("SELECT path FROM files").all() as Array<{ path: string }>).map((r) => r.path),
);
const syms = db
  .prepare(
    "SELECT s.name, s.kind, s.line, s.doc, f.path, f.generated FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.kind != 'local' ORDER BY f.path, s.line",
  )
  .all() as Array<{ name: string; kind: string; line: number; doc: string; path: string; generated: number }>;
db.close();

// ctags definitions of callables and types, in indexed files.
const DEF_KINDS = new Set([
  "func",
  "function",
  "method",
  "class",
  "struct",
  "type",
  "interface",
  "typedef",
  "member",
]);
const tags: Array<{ name: string; path: string; line: number; kind: string }> = [];
for (const l of readFileSync(tagsPath, "utf8").split("\n")) {
  if (!l.startsWith("{")) continue;
  const t = JSON.parse(l);
  if (t._type === "tag" && indexed.has(t.path) && !(t.extras ?? "").includes("anonymous")) tags.push(t);
}
const defsByName = new Map<string, Loc[]>();
for (const t of tags) {
  if (!defsByName.has(t.name)) defsByName.set(t.name, []);
  defsByName.get(t.name)?.push({ path: t.path, line: t.line });
}

const grepCache = new Map<string, string>();
/** `grep -rn` (whole words, fixed string; case-insensitive for feature words) over the corpus. */
function grep(term: string, ci: boolean): string {
  const key = `${ci}\u0000${term}`;
  const hit = grepCache.get(key);
  if (hit !== undefined) return hit;
  const flags = ci ? "-rnwFi" : "-rnwF";
  const r = spawnSync("grep", [flags, "-I", "--exclude-dir=.cadre", "--", term, "."], {
    cwd: dir,
    maxBuffer: 1 << 30,
    encoding: "utf8",
  });
  const text = r.stdout.replace(/^\.\//gm, "");
  grepCache.set(key, text);
  return text;
}
function grepFiles(text: string): string[] {
  const files = new Set<string>();
  for (const l of text.split("\n")) {
    const m = /^(.+?):\d+:/.exec(l);
    if (m) files.add(m[1] as string);
  }
  return [...files];
}

const r = rng(Number(seedArg ?? 16));
const questions: Question[] = [];
const ident = /^[A-Za-z_][A-Za-z0-9_]{3,}$/;

// 1. "where is X defined": a ctags definition; any ctags definition of that name is a right answer.
const seenDef = new Set<string>();
for (const t of shuffle(
  tags.filter((t) => DEF_KINDS.has(t.kind) && ident.test(t.name)),
  r,
)) {
  if (questions.length >= PER_TYPE) break;
  if (seenDef.has(t.name)) continue;
  seenDef.add(t.name);
  questions.push({
    type: "definition",
    mode: "symbol",
    target: t.name,
    grep: t.name,
    answers: defsByName.get(t.name) ?? [],
  });
}

// 2. "what calls X": a function or method of the index with a grep-verified call site (`X(` on a line that
// does not define X and is not a comment). Every such call site is a right answer.
/** A comment line (C/Go block or line comments, Python `#` and docstring quotes): a mention, not a call. */
const COMMENT = /^\s*(\*|\/\*|\/\/|#(?!\s*define)|"""|''')/;
const CALLABLE = new Set(["function", "method", "func"]);
const seenCall = new Set<string>();
let calls = 0;
for (const s of shuffle(
  syms.filter((s) => CALLABLE.has(s.kind) && ident.test(s.name) && !s.generated),
  r,
)) {
  if (calls >= PER_TYPE) break;
  if (seenCall.has(s.name)) continue;
  seenCall.add(s.name);
  const defLines = new Set((defsByName.get(s.name) ?? []).map((d) => `${d.path}:${d.line}`));
  const callRe = new RegExp(`(?<![\\w$])${s.name}\\s*\\(`);
  const defRe = new RegExp(`\\b(def|func|function|fn)\\s+(\\([^)]*\\)\\s*)?${s.name}\\b`);
  const answers: Loc[] = [];
  for (const l of grep(s.name, false).split("\n")) {
    const m = /^(.+?):(\d+):(.*)$/.exec(l);
    if (!m || !indexed.has(m[1] as string)) continue;
    const [, path, n, text] = m as unknown as [string, string, string, string];
    if (defLines.has(`${path}:${n}`) || defRe.test(text) || !callRe.test(text) || COMMENT.test(text))
      continue;
    answers.push({ path, line: Number(n) });
  }
  if (!answers.length) continue;
  calls++;
  questions.push({ type: "callers", mode: "symbol", target: s.name, grep: s.name, answers });
}

// 3. "which file handles <feature>": a doc comment's first sentence without the symbol's name; the answer is
// the symbol's file. The agent's grep term is the phrase's longest word.
const STOP = new Set([
  "the",
  "and",
  "for",
  "with",
  "that",
  "this",
  "from",
  "into",
  "returns",
  "return",
  "given",
]);
let features = 0;
const seenPhrase = new Set<string>();
for (const s of shuffle(
  syms.filter((s) => s.doc && !s.generated),
  r,
)) {
  if (features >= PER_TYPE) break;
  const parts = new Set(
    [s.name, ...s.name.split(/_|(?<=[a-z])(?=[A-Z])/)]
      .map((w) => w.toLowerCase())
      .filter((w) => w.length > 1),
  );
  const sentence = (/^(.{1,200}?[.!?])(\s|$)/.exec(s.doc)?.[1] ?? s.doc.slice(0, 200)).replace(
    /[`'"*()[\]{}<>]/g,
    " ",
  );
  const words = sentence
    .split(/[^A-Za-z0-9_-]+/)
    .filter(
      (w) => w.length > 1 && !parts.has(w.toLowerCase()) && !parts.has(w.toLowerCase().replace(/s$/, "")),
    );
  if (words.length < 4) continue;
  const phrase = words.slice(0, 8).join(" ");
  if (seenPhrase.has(phrase)) continue;
  seenPhrase.add(phrase);
  const term = [...words]
    .filter((w) => !STOP.has(w.toLowerCase()))
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))[0];
  if (!term) continue;
  features++;
  questions.push({ type: "feature", mode: "query", target: phrase, grep: term, answers: [{ path: s.path }] });
}

/** The (path, line range) spans a recall answer shows: `path:A`, `path:A-B`, numbered lines, outline `[N]`. */
function spans(text: string): Array<{ path: string; from: number; to: number }> {
  const outSpans: Array<{ path: string; from: number; to: number }> = [];
  let current: string | undefined;
  for (const l of text.split("\n")) {
    let headed = false;
    for (const m of l.matchAll(/([\w./@+-]+\.[\w]+):(\d+)(?:-(\d+))?/g)) {
      if (!indexed.has(m[1] as string)) continue;
      const from = Number(m[2]);
      outSpans.push({ path: m[1] as string, from, to: Number(m[3] ?? from) });
      current = m[1] as string;
      headed = true;
    }
    const head = /^([\w./@+-]+\.[\w]+) — /.exec(l);
    if (head && indexed.has(head[1] as string)) {
      current = head[1] as string;
      outSpans.push({ path: current, from: 0, to: 0 });
      continue;
    }
    if (headed || !current) continue;
    const num = /^\s*(\d+) {2}/.exec(l) ?? /\[(\d+)\]/.exec(l);
    if (num) outSpans.push({ path: current, from: Number(num[1]), to: Number(num[1]) });
  }
  return outSpans;
}
function present(text: string, answers: Loc[]): boolean {
  const sp = spans(text);
  return answers.some((a) =>
    sp.some(
      (s) =>
        s.path === a.path &&
        (a.line === undefined || (a.line >= s.from - 1 && a.line <= Math.max(s.to, s.from) + 1)),
    ),
  );
}

const fileTokens = new Map<string, number>();
async function tokensOfFile(p: string): Promise<number> {
  let n = fileTokens.get(p);
  if (n === undefined) {
    n = await countTokens(readFileSync(join(dir as string, p), "utf8"));
    fileTokens.set(p, n);
  }
  return n;
}

const target = { root: dir, dbPath };
const results = [];
for (const q of questions) {
  let text = "";
  let tokens = 0;
  let error: string | undefined;
  try {
    const res = await recall(target, q.mode, q.target, { budget: BUDGET });
    text = res.text;
    tokens = res.tokens;
  } catch (e) {
    error = (e as Error).message;
  }
  const g = grep(q.grep, q.type === "feature");
  const files = grepFiles(g);
  let grepTokens = await countTokens(g);
  for (const f of files) grepTokens += await tokensOfFile(f);
  const grepPresent = q.answers.some((a) => files.includes(a.path));
  results.push({
    ...q,
    answers: q.answers.slice(0, 20),
    answerCount: q.answers.length,
    recallTokens: tokens,
    recallPresent: present(text, q.answers),
    error,
    grepTokens,
    grepFiles: files.length,
    grepPresent,
  });
}
writeFileSync(out, JSON.stringify(results));

/**
 * Which files a shell command line writes, moves or deletes. The command is parsed into a syntax tree
 * (`shell-parse.ts`) and every simple command in it is visited — inside `{ …; }`, `( … )`, `if`, loops,
 * `case`, `!`, function bodies (when called), pipelines, `$(…)`, backticks, process substitution, and the
 * scripts given to `eval`, `sh -c`, `sh <<< …`, a here-document or `echo … |` fed to a shell. What is
 * statically knowable is expanded: quotes and ANSI-C quotes, brace expansion, `~`, `$PWD`/`$HOME`/`$OLDPWD`,
 * variables assigned a literal earlier in the line and `for` loop variables, the working directory through
 * `cd`/`pushd`/`popd` (scoped to subshells), wrapper commands, and links the same command creates.
 * What stays unknown (other variables, `$(…)` output, an interpreter's own code) is not guessed.
 */
import { posix } from "node:path";
import {
  type Command,
  type Pipeline,
  parseShell,
  type Redirect,
  type Script,
  ShellTooDeep,
  type Word,
} from "./shell-parse.js";
import { type WriterIO, writerTargets } from "./shell-writers.js";

/** A path the command writes: absolute; `tree` when everything under it is affected (`rm -r`). */
export interface ShellTarget {
  path: string;
  tree?: boolean;
  /** The last component is replaced, not followed (`rm link`, `ln -sf x link`, `mv link y`). */
  nofollow?: boolean;
}

export interface ShellContext {
  /** The directory the command starts in (absolute, forward slashes). */
  cwd: string;
  /** The user's home folder, for `~` and a bare `cd`; unknown leaves those paths unresolved. */
  home?: string;
  /** Whether an absolute path is an existing directory (from the runtime); assumed not when absent. */
  isDir?: (abs: string) => boolean;
}

/** A word whose value is not known. Never a real path (a NUL byte). */
export const UNKNOWN = "\0?";

export interface Env {
  ctx: ShellContext;
  cwd: string;
  oldpwd?: string;
  stack: string[];
  vars: Map<string, string[]>;
  funcs: Map<string, Command>;
  /** Links created so far: absolute link path → absolute path it points to. */
  links: Map<string, string>;
  out: ShellTarget[];
  depth: number;
}

/** Scripts in scripts (`eval`, `sh -c`, function calls, wrappers) deeper than this are refused. */
const MAX_DEPTH = 16;
/** A command line longer than this is not read (a failure, so the guard fails closed): hosts send kilobytes. */
const MAX_COMMAND = 1024 * 1024;

export class ShellTooLong extends Error {
  constructor() {
    super(`the command is longer than ${MAX_COMMAND / 1024} KiB`);
  }
}

/** Values one word may expand to; past it, the brace groups become `*` (so the word can still hit). */
const MAX_VALUES = 256;

/** An absolute path for `p` in directory `cwd` (`~` through the home folder); undefined when unknown. */
export function absolute(p: string, env: Pick<Env, "cwd" | "ctx">): string | undefined {
  if (p.includes("\0") || p === "") return undefined;
  if (p === "~" || p.startsWith("~/")) {
    if (!env.ctx.home) return undefined;
    return posix.normalize(posix.join(env.ctx.home, p.slice(1)));
  }
  if (p.startsWith("~")) return undefined;
  return posix.normalize(posix.isAbsolute(p) ? p : posix.join(env.cwd, p));
}

// --- word expansion --------------------------------------------------------------------------------

/** Quoted characters that expansion must leave alone are kept behind a backslash until the end. */
const SPECIAL = /[\\{},*?[\]~]/g;

/** Expand brace expressions `a{b,c}d`, `{1..3}` in a marked string (escaped braces are literal). */
function braces(s: string, limit = MAX_VALUES): string[] {
  let depth = 0;
  let open = -1;
  let comma = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") i++;
    else if (c === "{") {
      if (depth++ === 0) {
        open = i;
        comma = false;
      }
    } else if (c === "," && depth === 1) comma = true;
    else if (c === "}" && depth > 0 && --depth === 0) {
      const inner = s.slice(open + 1, i);
      const pre = s.slice(0, open);
      const post = s.slice(i + 1);
      let alts: string[] | undefined;
      if (comma) alts = splitTop(inner);
      else {
        const m = /^(-?\d+)\.\.(-?\d+)$/.exec(inner) ?? /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(inner);
        if (m) alts = range(m[1] as string, m[2] as string);
      }
      // Not an expansion (`{}`, `{a}`): literal text, and expansion goes on after it.
      if (!alts) return braces(post, limit).map((t) => s.slice(0, i + 1) + t);
      const out: string[] = [];
      for (const a of alts) {
        if (out.length >= limit) {
          out.push(unbrace(s));
          break;
        }
        for (const e of braces(pre + a + post, limit - out.length)) out.push(e);
      }
      return out;
    }
  }
  return [s];
}

/** `a{b,c}{1..9}` → `a**`: what a word too big to expand could match. */
function unbrace(s: string): string {
  let prev = "";
  let cur = s;
  while (cur !== prev) {
    prev = cur;
    cur = cur.replace(/(^|[^\\])\{(?:[^{}\\]|\\.)*\}/g, "$1*");
  }
  return cur;
}

function splitTop(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as string;
    if (c === "\\") {
      cur += c + (inner[++i] ?? "");
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") depth--;
    if (c === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function range(a: string, b: string): string[] | undefined {
  const num = /\d/.test(a);
  const x = num ? Number(a) : a.charCodeAt(0);
  const y = num ? Number(b) : b.charCodeAt(0);
  if (Math.abs(y - x) > 4096) return undefined;
  const out: string[] = [];
  for (let i = x; x <= y ? i <= y : i >= y; i += x <= y ? 1 : -1)
    out.push(num ? String(i) : String.fromCharCode(i));
  return out;
}

function unmark(s: string): string {
  return s.replace(/\\(.)/gs, "$1");
}

/** The values one word expands to ([UNKNOWN] when it cannot be known); scripts inside it are walked. */
export function expand(word: Word, env: Env): string[] {
  const only = word.parts.length === 1 ? word.parts[0] : undefined;
  if (only?.t === "lit" && (only.q || !/[{~\\]/.test(only.v))) return [only.v];
  let acc: string[] = [""];
  for (const p of word.parts) {
    let vals: string[];
    if (p.t === "lit") vals = [p.q ? p.v.replace(SPECIAL, "\\$&") : p.v];
    else if (p.t === "var") {
      const v = variable(p.name, env);
      if (!v) return unknownAfter(word, env);
      vals = v.map((x) => x.replace(SPECIAL, "\\$&"));
    } else if (p.t === "sub") {
      walkScript(p.body, sub(env));
      return unknownAfter(word, env);
    } else return unknownAfter(word, env);
    acc = acc.flatMap((a) => vals.map((v) => a + v)).slice(0, MAX_VALUES);
  }
  return acc.flatMap((s) => braces(tilde(s, env))).map(unmark);
}

/** Walk the scripts in the rest of a word whose value is already unknown. */
function unknownAfter(word: Word, env: Env): string[] {
  for (const p of word.parts) if (p.t === "sub") walkScript(p.body, sub(env));
  return [UNKNOWN];
}

function tilde(s: string, env: Env): string {
  if (s === "~" || s.startsWith("~/"))
    return env.ctx.home ? env.ctx.home.replace(SPECIAL, "\\$&") + s.slice(1) : s;
  return s;
}

function variable(name: string, env: Env): string[] | undefined {
  if (name === "PWD") return [env.cwd];
  if (name === "OLDPWD") return env.oldpwd ? [env.oldpwd] : undefined;
  const v = env.vars.get(name);
  if (v) return v;
  if (name === "HOME") return env.ctx.home ? [env.ctx.home] : undefined;
  return undefined;
}

/** An environment for a subshell: its own directory and variables, the same links and output. */
function sub(env: Env): Env {
  return { ...env, stack: [...env.stack], vars: new Map(env.vars), funcs: new Map(env.funcs) };
}

// --- the walk -------------------------------------------------------------------------------------

function walkScript(s: Script, env: Env): void {
  let before = { cwd: env.cwd, oldpwd: env.oldpwd, stack: env.stack };
  for (const { op, pipeline } of s.items) {
    // `a || b`: b runs when a failed, so with a's directory changes undone (`cd /tmp || rm x`).
    if (op === "||") Object.assign(env, { ...before, stack: [...before.stack] });
    else before = { cwd: env.cwd, oldpwd: env.oldpwd, stack: [...env.stack] };
    walkPipeline(pipeline, env);
  }
}

function walkPipeline(p: Pipeline, env: Env): void {
  if (p.commands.length === 1) {
    walkCommand(p.commands[0] as Command, env, undefined);
    return;
  }
  // Each part of a pipeline runs in a subshell; a static `echo`/`printf`/here-document feeds the next one.
  let input: string | undefined;
  for (const c of p.commands) {
    const e = sub(env);
    walkCommand(c, e, input);
    input = staticOutput(c, e);
  }
}

/** What a command prints, when that is plain to see: `echo`/`printf` of literal words, `cat` of a here-doc. */
function staticOutput(c: Command, env: Env): string | undefined {
  if (c.t !== "simple") return undefined;
  const quiet: Env = { ...env, out: [] };
  const argv = c.words.flatMap((w) => expand(w, quiet));
  if (argv.some((a) => a.includes("\0"))) return undefined;
  const name = posix.basename(argv[0] ?? "");
  if (name === "echo") return `${argv.filter((a, i) => i > 0 && !/^-[neE]+$/.test(a)).join(" ")}\n`;
  if (name === "printf") return argv.slice(1).join(" ");
  if (name === "cat" && argv.length === 1) return stdinText(c.redirects, quiet);
  return undefined;
}

function walkCommand(c: Command, env: Env, input: string | undefined): void {
  switch (c.t) {
    case "simple":
      walkSimple(c, env, input);
      return;
    case "group":
      walkScript(c.body, env);
      break;
    case "subshell":
      walkScript(c.body, sub(env));
      break;
    case "if":
      for (const s of c.conds) walkScript(s, env);
      for (const s of c.bodies) walkScript(s, sub(env));
      break;
    case "for": {
      const items = c.items ? c.items.flatMap((w) => expand(w, env)) : [UNKNOWN];
      const e = sub(env);
      e.vars.set(c.name, items.includes(UNKNOWN) ? [UNKNOWN] : items);
      if (items.includes(UNKNOWN)) e.vars.delete(c.name);
      walkScript(c.body, e);
      break;
    }
    case "while":
      walkScript(c.cond, env);
      walkScript(c.body, sub(env));
      break;
    case "case":
      expand(c.word, env);
      for (const s of c.bodies) walkScript(s, sub(env));
      break;
    case "function":
      env.funcs.set(c.name, c.body);
      return;
    case "other":
      break;
  }
  redirectWrites(c.redirects, env);
}

function redirectWrites(redirects: readonly Redirect[], env: Env): void {
  for (const r of redirects) {
    if (r.heredoc?.parts) expand(r.heredoc.parts, env);
    if (!r.target) continue;
    const vals = expand(r.target, env);
    if (r.op.startsWith("<") && r.op !== "<>") continue;
    for (const v of vals) if (!v.startsWith("/dev/")) push(env, { path: v });
  }
}

/** The text a command reads on stdin from its own here-document or here-string, when known. */
function stdinText(redirects: readonly Redirect[], env: Env): string | undefined {
  let text: string | undefined;
  for (const r of redirects) {
    if (r.heredoc) text = r.heredoc.body;
    else if (r.op === "<<<" && r.target) {
      const v = expand(r.target, env);
      text = v.length === 1 && !(v[0] as string).includes("\0") ? `${v[0]}\n` : undefined;
    } else if (r.op === "<") text = undefined;
  }
  return text;
}

/** Record a target (made absolute), and what it reaches through links this command created. */
export function push(env: Env, t: { path: string; tree?: boolean; nofollow?: boolean }): void {
  const abs = absolute(t.path, env);
  if (abs === undefined) return;
  env.out.push({ ...t, path: abs });
  let p = abs;
  for (let hop = 0; hop < 8; hop++) {
    const next = viaLinks(p, env.links, t.nofollow === true && hop === 0);
    if (next === undefined || next === p) break;
    env.out.push({ ...t, path: next, nofollow: false });
    p = next;
  }
}

function viaLinks(p: string, links: ReadonlyMap<string, string>, nofollow: boolean): string | undefined {
  for (const [link, to] of links) {
    if (p === link && !nofollow) return to;
    if (p.startsWith(`${link}/`)) return to + p.slice(link.length);
  }
  return undefined;
}

function walkSimple(c: Extract<Command, { t: "simple" }>, env: Env, input: string | undefined): void {
  const argv = c.words.flatMap((w) => expand(w, env));
  for (const a of c.assigns) {
    const v = expand(a.value, env);
    // `X=1 cmd` sets X for cmd only; `X=1` alone sets it for what follows.
    if (argv.length === 0) {
      if (v.includes(UNKNOWN)) env.vars.delete(a.name);
      else env.vars.set(a.name, v.length === 0 ? [""] : v);
    }
  }
  redirectWrites(c.redirects, env);
  if (argv.length === 0) return;
  const stdin = stdinText(c.redirects, env) ?? input;
  runArgv(argv, env, stdin);
}

/** Run one command's argv (already expanded): built-ins that change the walk, then the writers' table. */
export function runArgv(argv: string[], env: Env, stdin: string | undefined): void {
  if (env.depth > MAX_DEPTH) throw new ShellTooDeep();
  if (argv.length === 0) return;
  // `builtin cd`, `command cd`: still the shell's own cd.
  const skip =
    (argv[0] === "builtin" || argv[0] === "command") && /^(cd|pushd|popd)$/.test(argv[1] ?? "") ? 1 : 0;
  const name = argv[skip] as string;
  const args = argv.slice(skip + 1);
  const fn = env.funcs.get(name);
  if (name === "cd" || name === "pushd" || name === "popd") changeDir(name, args, env);
  else if (fn) {
    env.funcs.delete(name); // a recursive call is walked once
    walkCommand(fn, { ...env, depth: env.depth + 1 }, stdin);
    env.funcs.set(name, fn);
  } else if (name === "eval") script(args.join(" "), env);
  else writerTargets(argv, writerIO(env), stdin);
}

/** The walker's side of the writers' table: paths resolved in `env`, links recorded, scripts walked. */
function writerIO(env: Env, tree?: string): WriterIO {
  const treeAbs = tree === undefined ? undefined : absolute(tree, env);
  return {
    write: (path, opts) => {
      const t = opts?.tree || (treeAbs !== undefined && absolute(path, env) === treeAbs);
      push(env, { path, ...(t ? { tree: true } : {}), ...(opts?.nofollow ? { nofollow: true } : {}) });
    },
    link: (link, to) => {
      const l = absolute(link, env);
      const t = absolute(to, env);
      if (l !== undefined && t !== undefined) env.links.set(l, t);
    },
    script: (text) => script(text, env),
    run: (argv, stdin, opts) => {
      if (opts?.dir === undefined && opts?.tree === undefined)
        return runArgv(argv, { ...env, depth: env.depth + 1 }, stdin);
      const e = sub(env);
      e.depth++;
      if (opts.dir !== undefined) e.cwd = absolute(opts.dir, env) ?? UNKNOWN;
      if (env.depth > MAX_DEPTH) throw new ShellTooDeep();
      if (argv.length === 0) return;
      writerTargets(argv, writerIO(e, opts.tree), stdin);
    },
    isDir: (path) => {
      const abs = absolute(path, env);
      return abs !== undefined && (env.ctx.isDir?.(abs) ?? false);
    },
  };
}

/** Walk a script given as text (`eval`, `sh -c`, a shell's stdin), in the same environment. */
export function script(text: string, env: Env): void {
  if (env.depth >= MAX_DEPTH) throw new ShellTooDeep();
  const e = { ...env, depth: env.depth + 1 };
  walkScript(parseShell(text), e);
  env.cwd = e.cwd;
  env.oldpwd = e.oldpwd;
}

function changeDir(name: string, args: string[], env: Env): void {
  const ops = args.filter((a) => !/^-[LPe@]+$/.test(a) && a !== "--");
  let to: string | undefined;
  if (name === "popd") {
    to = env.stack.pop();
    if (to === undefined) return;
  } else if (ops[0] === "-") to = env.oldpwd;
  else if (ops.length === 0) to = name === "pushd" ? env.stack.pop() : env.ctx.home;
  else to = absolute(ops[0] as string, env);
  if (name === "pushd") env.stack.push(env.cwd);
  env.oldpwd = env.cwd;
  // An unknown directory: relative paths after it are unknown too.
  env.cwd = to ?? UNKNOWN;
}

/** Every path the command line writes, moves or deletes, in order of appearance (duplicates kept once). */
export function shellTargets(command: string, ctx: ShellContext): ShellTarget[] {
  if (command.length > MAX_COMMAND) throw new ShellTooLong();
  const env: Env = {
    ctx,
    cwd: ctx.cwd,
    stack: [],
    vars: new Map(),
    funcs: new Map(),
    links: new Map(),
    out: [],
    depth: 0,
  };
  walkScript(parseShell(command), env);
  const seen = new Set<string>();
  return env.out.filter((t) => {
    if (t.path.includes("\0")) return false;
    const k = `${t.path}\0${t.tree ? 1 : 0}${t.nofollow ? 1 : 0}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

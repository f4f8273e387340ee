/**
 * The commands that change files, and what each one changes: one handler per command name over its
 * expanded argv. Wrapper commands (`sudo`, `nice`, `env`, `timeout`, `xargs`, …) hand the rest of the
 * line on; shells and `find -exec` run what they are given. Pure: paths are resolved by the walker
 * (`shell.ts`), through the `WriterIO` it passes in.
 */
import { posix } from "node:path";

export interface WriterIO {
  /** Record a written path (relative to the current directory, or absolute). */
  write(path: string, opts?: { tree?: boolean; nofollow?: boolean }): void;
  /** Record a link the command creates: `link` will point at `to` (both relative to the current directory). */
  link(link: string, to: string): void;
  /** Walk a script given as text (in the same environment). */
  script(text: string): void;
  /**
   * Run another command line (already split), optionally in another directory; with `tree`, a write of
   * that path stands for everything under it (`find . -exec sed -i … {} +`).
   */
  run(argv: string[], stdin?: string, opts?: { dir?: string; tree?: string }): void;
  /** Whether a path (relative to the current directory) is an existing directory. */
  isDir(path: string): boolean;
}

const UNKNOWN = "\0?";

interface Opts {
  flags: Map<string, string[]>;
  ops: string[];
}

/**
 * Options and operands, getopt-style: `-abc` bundles, a value-taking short letter takes the rest of its
 * bundle or the next word, `--name=value` or `--name value` for the listed long names, `--` ends options.
 * With `first`, options stop at the first operand (the command of a wrapper).
 */
export function getopt(
  args: readonly string[],
  short = "",
  long: readonly string[] = [],
  first = false,
): Opts {
  const flags = new Map<string, string[]>();
  const ops: string[] = [];
  const add = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      ops.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0) add(`--${name}`, a.slice(eq + 1));
      else if (long.includes(name)) add(`--${name}`, args[++i] ?? "");
      else add(`--${name}`, "");
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        if (short.includes(c)) {
          add(`-${c}`, j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? ""));
          break;
        }
        add(`-${c}`, "");
      }
      continue;
    }
    if (first) {
      ops.push(...args.slice(i));
      break;
    }
    ops.push(a);
  }
  return { flags, ops };
}

function has(o: Opts, ...names: string[]): boolean {
  return names.some((n) => o.flags.has(n));
}

function values(o: Opts, ...names: string[]): string[] {
  return names.flatMap((n) => o.flags.get(n) ?? []);
}

const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "yash"]);

/** `sh -c 'script'`, `sh -s`/`sh` reading a known stdin, `sh file` (unknown). */
function shell(args: string[], io: WriterIO, stdin: string | undefined): void {
  const o = getopt(args, "oO", [], true);
  const c = [...o.flags.keys()].some((k) => k === "-c");
  if (c) {
    if (o.ops[0] !== undefined) io.script(o.ops[0]);
  } else if (o.ops.length === 0 && stdin !== undefined) io.script(stdin);
}

/** Destinations of cp/mv/install/ln: into a directory (`-t`, `.`, a trailing `/`, several sources) or onto a file. */
function destinations(o: Opts, io: WriterIO, recursive: boolean): Array<[string, string]> {
  const t = values(o, "-t", "--target-directory")[0];
  const ops = [...o.ops];
  const dest = t ?? ops.pop();
  if (dest === undefined || ops.length === 0) return [];
  const intoDir =
    t !== undefined ||
    (o.flags.has("-T") === false &&
      (ops.length > 1 || /(^|\/)\.{0,2}$/.test(dest) || dest.endsWith("/") || io.isDir(dest)));
  return ops.map((src) => {
    if (!intoDir) return [src, dest];
    const b = posix.basename(src.replace(/\/+$/, ""));
    return [src, b === "." || b === "" || (recursive && src.endsWith("/.")) ? dest : posix.join(dest, b)];
  });
}

function copyLike(args: string[], io: WriterIO, move: boolean): void {
  const o = getopt(args, "tS", ["target-directory", "suffix"]);
  const recursive = has(o, "-r", "-R", "-a", "--recursive", "--archive") || move;
  for (const [src, to] of destinations(o, io, recursive)) {
    if (move) io.write(src, { tree: true, nofollow: true });
    io.write(to, { tree: recursive });
  }
}

function ln(args: string[], io: WriterIO): void {
  const o = getopt(args, "tS", ["target-directory", "suffix"]);
  const symbolic = has(o, "-s", "--symbolic");
  if (o.ops.length === 1 && !values(o, "-t", "--target-directory").length) o.ops.push(".");
  for (const [src, to] of destinations(o, io, false)) {
    io.write(to, { nofollow: true });
    // A symbolic link's text is relative to the link's folder; a hard link is the same file.
    io.link(to, symbolic && !src.startsWith("/") ? posix.join(posix.dirname(to), src) : src);
  }
}

function install(args: string[], io: WriterIO): void {
  const o = getopt(args, "tmogS", ["target-directory", "mode", "owner", "group", "suffix"]);
  if (has(o, "-d", "--directory")) for (const d of o.ops) io.write(d);
  else for (const [, to] of destinations(o, io, false)) io.write(to);
}

/** The file names a unified diff changes (`--- a/x`, `+++ b/x`), after stripping `strip` components. */
export function patchFiles(text: string, strip: number | undefined): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/^(?:\+\+\+|---) (\S+)/gm)) {
    const f = m[1] as string;
    if (f === "/dev/null") continue;
    const parts = f.split("/");
    out.add(parts.slice(Math.min(strip ?? parts.length - 1, parts.length - 1)).join("/"));
  }
  return [...out];
}

function patch(args: string[], io: WriterIO, stdin: string | undefined): void {
  const o = getopt(args, "pdiorBzDFVYgx", ["strip", "directory", "input", "output", "reject-file"]);
  if (has(o, "--dry-run")) return;
  const dir = values(o, "-d", "--directory")[0] ?? ".";
  const out = values(o, "-o", "--output")[0];
  if (out !== undefined) io.write(out);
  else if (o.ops[0] !== undefined) io.write(posix.join(dir, o.ops[0]));
  else if (stdin !== undefined && values(o, "-i", "--input").length === 0) {
    const strip = values(o, "-p", "--strip")[0];
    for (const f of patchFiles(stdin, strip === undefined ? undefined : Number(strip)))
      io.write(posix.join(dir, f));
  }
}

function compress(name: string, args: string[], io: WriterIO): void {
  const o = getopt(args, "S", ["suffix"]);
  if (has(o, "-c", "--stdout", "--to-stdout", "-l", "--list", "-t", "--test")) return;
  const keep = has(o, "-k", "--keep");
  const decompress =
    /^(gunzip|bunzip2|unxz|unzstd|unlzma|uncompress)$/.test(name) || has(o, "-d", "--decompress");
  for (const f of o.ops) {
    if (!keep) io.write(f);
    if (decompress)
      io.write(
        f.replace(/\.(gz|bz2|xz|zst|lzma|Z|z|tgz|tbz2?)$/, (_, e) => (e.startsWith("t") ? ".tar" : "")),
      );
  }
}

function tar(args: string[], io: WriterIO): void {
  // Old style: the first word is a bundle of letters without a dash (`tar xzf a.tgz`).
  const a = args[0] && !args[0].startsWith("-") ? [`-${args[0]}`, ...args.slice(1)] : args;
  const o = getopt(a, "fCbTXKLNgHV", ["file", "directory", "exclude", "transform", "owner", "group", "mode"]);
  const dir = values(o, "-C", "--directory").pop() ?? ".";
  if (has(o, "-x", "--extract", "--get") && !has(o, "-O", "--to-stdout", "-t", "--list")) {
    if (o.ops.length === 0) io.write(dir, { tree: true });
    else for (const m of o.ops) io.write(posix.join(dir, m), { tree: true });
  } else if (has(o, "-c", "--create", "-r", "--append", "-u", "--update")) {
    for (const f of values(o, "-f", "--file")) if (f !== "-") io.write(f);
  }
}

function unzip(args: string[], io: WriterIO): void {
  const o = getopt(args, "dxP", []);
  if (has(o, "-l", "-t", "-v", "-Z", "-p", "-c", "-z")) return;
  const dir = values(o, "-d")[0] ?? ".";
  const members = o.ops.slice(1);
  if (members.length === 0) io.write(dir, { tree: true });
  else for (const m of members) io.write(posix.join(dir, m));
}

function curl(args: string[], io: WriterIO): void {
  const o = getopt(args, "oDcdHXuAeFTrwmbEKxUyzCQt", [
    "output",
    "dump-header",
    "cookie-jar",
    "output-dir",
    "data",
    "header",
    "request",
    "user",
    "user-agent",
    "config",
    "trace",
    "trace-ascii",
    "stderr",
    "etag-save",
  ]);
  const dir = values(o, "--output-dir")[0] ?? ".";
  for (const f of values(
    o,
    "-o",
    "--output",
    "-D",
    "--dump-header",
    "-c",
    "--cookie-jar",
    "--trace",
    "--stderr",
  ))
    if (f !== "-") io.write(posix.join(dir, f));
  if (has(o, "-O", "--remote-name", "--remote-name-all"))
    for (const u of o.ops) {
      const m = /^[a-z]+:\/\/[^/]+\/(?:.*\/)?([^/?#]+)/i.exec(u);
      if (m) io.write(posix.join(dir, m[1] as string));
    }
}

function wget(args: string[], io: WriterIO): void {
  const o = getopt(args, "OoaPtTeUwQlAR", ["output-document", "output-file", "append-output"]);
  for (const f of values(o, "-O", "--output-document", "-o", "--output-file", "-a", "--append-output"))
    if (f !== "-") io.write(f);
}

function git(args: string[], io: WriterIO, stdin: string | undefined): void {
  const g = getopt(args, "Cc", ["git-dir", "work-tree", "namespace", "exec-path", "config-env"], true);
  let dir = ".";
  for (const d of [...values(g, "-C"), ...values(g, "--work-tree")]) dir = posix.join(dir, d);
  const [verb, ...rest] = g.ops;
  const at = (p: string) => posix.join(dir, p);
  switch (verb) {
    case "rm":
    case "mv": {
      const o = getopt(rest, "", []);
      const tree = has(o, "-r") || verb === "mv";
      for (const p of o.ops) io.write(at(p), { tree, nofollow: true });
      return;
    }
    case "checkout": {
      const o = getopt(rest, "bB", ["orphan", "conflict", "pathspec-from-file"]);
      if (has(o, "-b", "-B", "--orphan")) return;
      const dd = rest.indexOf("--");
      // `checkout [<tree-ish>] -- <paths>`; without `--`, `checkout <tree-ish> <paths>` or `checkout <path>`.
      const paths = dd >= 0 ? rest.slice(dd + 1) : o.ops.length > 1 ? o.ops.slice(1) : o.ops;
      for (const p of paths) io.write(at(p), { tree: true });
      return;
    }
    case "restore": {
      const o = getopt(rest, "s", ["source", "pathspec-from-file"]);
      if (has(o, "-S", "--staged") && !has(o, "-W", "--worktree")) return;
      for (const p of o.ops) io.write(at(p), { tree: true });
      return;
    }
    case "reset": {
      const o = getopt(rest, "", ["pathspec-from-file"]);
      if (has(o, "--hard", "--merge", "--keep")) io.write(dir, { tree: true });
      return;
    }
    case "clean": {
      const o = getopt(rest, "e", ["exclude"]);
      if (has(o, "-n", "--dry-run") || !has(o, "-f", "--force")) return;
      for (const p of o.ops.length ? o.ops : ["."]) io.write(at(p), { tree: true });
      return;
    }
    case "apply": {
      const o = getopt(rest, "p", ["directory", "exclude", "include"]);
      if (has(o, "--check", "--stat", "--numstat", "--summary", "--cached")) return;
      if (o.ops.length === 0 && stdin !== undefined)
        for (const f of patchFiles(stdin, Number(values(o, "-p")[0] ?? 1))) io.write(at(f));
      return;
    }
  }
}

function find(args: string[], io: WriterIO): void {
  const firstExpr = args.findIndex((a) => a.startsWith("-") || a === "(" || a === "!");
  const roots = firstExpr < 0 ? args : args.slice(0, firstExpr);
  const expr = firstExpr < 0 ? [] : args.slice(firstExpr);
  let name: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const a = expr[i] as string;
    if (/^-i?(name|path|wholename)$/.test(a)) name = expr[i + 1];
    if (a === "-fprint" || a === "-fprintf" || a === "-fls") io.write(expr[i + 1] ?? UNKNOWN);
  }
  // What a match can be: `root/<name>` when the expression names the file, else anything under root.
  const matches = (roots.length ? roots : ["."]).map((r) => ({
    path: name ? posix.join(r, posix.basename(name)) : r,
    tree: name === undefined,
  }));
  for (let i = 0; i < expr.length; i++) {
    const a = expr[i] as string;
    if (a === "-delete") for (const m of matches) io.write(m.path, { tree: m.tree, nofollow: true });
    if (/^-(exec|execdir|ok|okdir)$/.test(a)) {
      const end = expr.findIndex((x, j) => j > i && (x === ";" || x === "+"));
      const cmd = expr.slice(i + 1, end < 0 ? undefined : end);
      for (const m of matches) {
        const argv = cmd.map((w) => w.replaceAll("{}", m.path));
        // A command run on anything under the root writes the whole tree when it writes its `{}`.
        io.run(argv, undefined, m.tree ? { tree: m.path } : undefined);
      }
      i = end < 0 ? expr.length : end;
    }
  }
}

function sedLike(args: string[], io: WriterIO, name: string): void {
  if (name === "perl") {
    const o = getopt(args, "eEMIlx0", []);
    if (!args.some((a) => /^-[a-zA-Z]*i/.test(a))) return;
    for (const f of has(o, "-e", "-E") ? o.ops : o.ops.slice(1)) io.write(f);
    return;
  }
  if (name === "awk" || name === "gawk") {
    const o = getopt(args, "fvFi", ["include", "file"]);
    if (!values(o, "-i", "--include").includes("inplace")) return;
    for (const f of has(o, "-f", "--file") ? o.ops : o.ops.slice(1)) io.write(f);
    return;
  }
  const inPlace = args.some(
    (a) => a === "--in-place" || a.startsWith("--in-place=") || /^-[a-zA-Z]*i/.test(a),
  );
  if (!inPlace) return;
  const o = getopt(
    args.map((a) => (/^-[a-zA-Z]*i./.test(a) && !a.startsWith("--") ? a.slice(0, a.indexOf("i") + 1) : a)),
    "efl",
    ["expression", "file", "line-length"],
  );
  for (const f of has(o, "-e", "-f", "--expression", "--file") ? o.ops : o.ops.slice(1)) io.write(f);
}

function chmodLike(args: string[], io: WriterIO): void {
  const rest: string[] = [];
  let recursive = false;
  let reference = false;
  for (const a of args) {
    if (/^-[RvfchHLP]+$/.test(a) || a === "--recursive") recursive ||= /R|recursive/.test(a);
    else if (a.startsWith("--reference")) reference = true;
    else if (!a.startsWith("--")) rest.push(a);
  }
  for (const f of reference ? rest : rest.slice(1)) io.write(f, { tree: recursive });
}

type Writer = (args: string[], io: WriterIO, stdin: string | undefined, name: string) => void;

const simpleOps =
  (short: string, long: string[] = [], tree?: (o: Opts) => boolean, nofollow = false): Writer =>
  (args, io) => {
    const o = getopt(args, short, long);
    for (const f of o.ops) io.write(f, { tree: tree?.(o) ?? false, nofollow });
  };

const WRITERS: Record<string, Writer> = {
  rm: simpleOps("", [], (o) => has(o, "-r", "-R", "--recursive"), true),
  rmdir: simpleOps("", [], () => false, true),
  unlink: simpleOps("", [], () => false, true),
  shred: simpleOps("ns", ["iterations", "size", "random-source"]),
  touch: simpleOps("rdt", ["reference", "date"]),
  mkdir: simpleOps("m", ["mode"]),
  mkfifo: simpleOps("m", ["mode"]),
  truncate: simpleOps("sr", ["size", "reference"]),
  tee: simpleOps("", ["output-error"]),
  mv: (a, io) => copyLike(a, io, true),
  cp: (a, io) => copyLike(a, io, false),
  ln: (a, io) => ln(a, io),
  install: (a, io) => install(a, io),
  rsync: (args, io) => {
    const o = getopt(args, "efTB", [
      "rsh",
      "exclude",
      "include",
      "filter",
      "temp-dir",
      "partial-dir",
      "backup-dir",
      "chmod",
      "chown",
    ]);
    const dest = o.ops.length >= 2 ? o.ops[o.ops.length - 1] : undefined;
    if (dest && !/^[^/]*:/.test(dest) && !has(o, "-n", "--dry-run")) io.write(dest, { tree: true });
  },
  dd: (args, io) => {
    for (const a of args) if (a.startsWith("of=")) io.write(a.slice(3));
  },
  sort: (args, io) => {
    for (const f of values(
      getopt(args, "otkSTt", ["output", "key", "buffer-size", "temporary-directory", "field-separator"]),
      "-o",
      "--output",
    ))
      io.write(f);
  },
  chmod: (a, io) => chmodLike(a, io),
  chown: (a, io) => chmodLike(a, io),
  chgrp: (a, io) => chmodLike(a, io),
  patch: (a, io, stdin) => patch(a, io, stdin),
  tar: (a, io) => tar(a, io),
  unzip: (a, io) => unzip(a, io),
  curl: (a, io) => curl(a, io),
  wget: (a, io) => wget(a, io),
  git: (a, io, stdin) => git(a, io, stdin),
  find: (a, io) => find(a, io),
  sed: (a, io, _s, n) => sedLike(a, io, n),
  gsed: (a, io, _s, n) => sedLike(a, io, n),
  perl: (a, io, _s, n) => sedLike(a, io, n),
  awk: (a, io, _s, n) => sedLike(a, io, n),
  gawk: (a, io, _s, n) => sedLike(a, io, n),
};
for (const z of [
  "gzip",
  "gunzip",
  "bzip2",
  "bunzip2",
  "xz",
  "unxz",
  "zstd",
  "unzstd",
  "lzma",
  "unlzma",
  "compress",
  "uncompress",
])
  WRITERS[z] = (a, io, _s, n) => compress(n, a, io);

/** Wrappers: the options they take a value for, and how to find the command they run. */
const WRAPPERS: Record<string, { short: string; long?: string[] }> = {
  sudo: { short: "ugCDhprTU", long: ["user", "group", "chdir", "host", "prompt", "role", "type"] },
  doas: { short: "uC" },
  nice: { short: "n", long: ["adjustment"] },
  nohup: { short: "" },
  coproc: { short: "" },
  time: { short: "of", long: ["output", "format"] },
  command: { short: "" },
  builtin: { short: "" },
  exec: { short: "a" },
  stdbuf: { short: "ioe", long: ["input", "output", "error"] },
  ionice: { short: "cnp", long: ["class", "classdata", "pid"] },
  nocache: { short: "" },
  setsid: { short: "" },
  unbuffer: { short: "" },
  xargs: {
    short: "IiLlnPdEsa",
    long: ["replace", "max-lines", "max-args", "max-procs", "delimiter", "eof", "arg-file"],
  },
};

/** The command a wrapper runs (`sudo -u x cmd`, `env -C d A=1 cmd`, `timeout 5 cmd`), or undefined. */
function unwrap(
  name: string,
  args: string[],
  io: WriterIO,
): { argv: string[]; noStdin?: boolean; dir?: string } | undefined {
  const wrap = WRAPPERS[name];
  if (wrap) {
    // `nice -10 cmd`: a bare number is nice's old-style adjustment.
    const rest = name === "nice" ? args.filter((a, i) => !(i === 0 && /^-\d+$/.test(a))) : args;
    const o = getopt(rest, wrap.short, wrap.long, true);
    if (name === "time") for (const f of values(o, "-o", "--output")) io.write(f);
    if (name === "command" && has(o, "-v", "-V")) return { argv: [] };
    const r = name === "xargs" ? values(o, "-I", "--replace")[0] : undefined;
    if (name === "xargs")
      return { argv: r ? o.ops.map((w) => w.replaceAll(r, UNKNOWN)) : o.ops, noStdin: true };
    return { argv: o.ops };
  }
  if (name === "env") {
    const o = getopt(args, "uCS", ["unset", "chdir", "split-string"], true);
    const first = o.ops.findIndex((x) => !/^[A-Za-z_]\w*=/.test(x));
    const ops = first < 0 ? [] : o.ops.slice(first);
    const split = values(o, "-S", "--split-string")[0];
    const dir = values(o, "-C", "--chdir")[0];
    return {
      argv: split !== undefined ? [...split.split(/\s+/).filter(Boolean), ...ops] : ops,
      ...(dir !== undefined ? { dir } : {}),
    };
  }
  if (name === "timeout") return { argv: getopt(args, "sk", ["signal", "kill-after"], true).ops.slice(1) };
  return undefined;
}

/** What one command (expanded argv) writes. */
export function writerTargets(argv: string[], io: WriterIO, stdin: string | undefined): void {
  const name = posix.basename(argv[0] ?? "");
  const args = argv.slice(1);
  const next = unwrap(name, args, io);
  if (next) {
    if (next.argv.length > 0)
      io.run(
        next.argv,
        next.noStdin ? undefined : stdin,
        next.dir === undefined ? undefined : { dir: next.dir },
      );
  } else if (SHELLS.has(name)) shell(args, io, stdin);
  else WRITERS[name]?.(args, io, stdin, name);
}

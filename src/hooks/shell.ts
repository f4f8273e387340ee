/**
 * Which files a shell command line writes, moves or deletes: output redirections and the path operands of
 * commands that change files (rm, mv, cp, tee, sed -i, …). A lexer for POSIX sh with quotes, escapes,
 * operators, here-documents, comments, `$(…)`/backticks and `sh -c '…'`, not a full parser: what it cannot
 * see (variables, `eval`, interpreters' own code) it does not guess.
 */

import { posix } from "node:path";

interface SimpleCommand {
  words: string[];
  /** Output redirection targets (`>`, `>>`, `>|`, `&>`, `<>`), file descriptors duplications excluded. */
  writes: string[];
}

interface Lexed {
  commands: SimpleCommand[];
  /** Scripts found in `$(…)` and backticks, analysed on their own. */
  nested: string[];
}

const OPS = new Set([";", "&", "|", "(", ")", "\n"]);

function lex(src: string): Lexed {
  const commands: SimpleCommand[] = [];
  const nested: string[] = [];
  let cur: SimpleCommand = { words: [], writes: [] };
  let word = "";
  let inWord = false;
  let pendingRedirect: "write" | "read" | "dup" | "heredoc" | undefined;
  const heredocs: Array<{ delim: string; strip: boolean }> = [];
  let heredocStrip = false;
  let i = 0;

  const endWord = () => {
    if (!inWord) return;
    if (pendingRedirect === "write") {
      cur.writes.push(word);
    } else if (pendingRedirect === "heredoc") {
      heredocs.push({ delim: word, strip: heredocStrip });
    } else if (pendingRedirect === undefined) {
      cur.words.push(word);
    }
    pendingRedirect = undefined;
    word = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (cur.words.length > 0 || cur.writes.length > 0) commands.push(cur);
    cur = { words: [], writes: [] };
  };
  /** Index just past the `)` matching the `(` at `start` (quotes respected). */
  const matchParen = (start: number): number => {
    let depth = 0;
    for (let j = start; j < src.length; j++) {
      const c = src[j];
      if (c === "\\") j++;
      else if (c === "'") j = src.indexOf("'", j + 1) < 0 ? src.length : src.indexOf("'", j + 1);
      else if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return j + 1;
    }
    return src.length;
  };

  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\\") {
      if (src[i + 1] === "\n") {
        i += 2;
        continue;
      }
      word += src[i + 1] ?? "";
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      const stop = end < 0 ? src.length : end;
      word += src.slice(i + 1, stop);
      inWord = true;
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') {
        const d = src[i] as string;
        if (d === "\\" && i + 1 < src.length && '"\\$`\n'.includes(src[i + 1] as string)) {
          word += src[i + 1];
          i += 2;
        } else if (d === "$" && src[i + 1] === "(") {
          const end = matchParen(i + 1);
          nested.push(src.slice(i + 2, end - 1));
          word += src.slice(i, end);
          i = end;
        } else if (d === "`") {
          const end = src.indexOf("`", i + 1);
          const stop = end < 0 ? src.length : end;
          nested.push(src.slice(i + 1, stop));
          i = stop + 1;
        } else {
          word += d;
          i++;
        }
      }
      inWord = true;
      i++;
      continue;
    }
    if (c === "$" && src[i + 1] === "(") {
      const end = matchParen(i + 1);
      nested.push(src.slice(i + 2, end - 1));
      word += src.slice(i, end);
      inWord = true;
      i = end;
      continue;
    }
    if (c === "`") {
      const end = src.indexOf("`", i + 1);
      const stop = end < 0 ? src.length : end;
      nested.push(src.slice(i + 1, stop));
      inWord = true;
      i = stop + 1;
      continue;
    }
    if (c === "#" && !inWord) {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      endWord();
      i++;
      continue;
    }
    // Redirections: [n]> >> >| &> &>> <> < << <<- <<< [n]>&m
    if (c === ">" || c === "<" || (c === "&" && src[i + 1] === ">")) {
      // A word made only of digits right before the operator is a file descriptor.
      if (inWord && /^\d+$/.test(word)) {
        word = "";
        inWord = false;
      } else endWord();
      let op = c;
      let j = i + 1;
      while (j < src.length && ">|<&-".includes(src[j] as string) && op.length < 3) {
        if (src[j] === "-" && !op.startsWith("<<")) break;
        if (src[j] === "&" && op.endsWith("&")) break;
        op += src[j];
        j++;
      }
      i = j;
      if (op === "<<" || op === "<<-") {
        pendingRedirect = "heredoc";
        heredocStrip = op === "<<-";
      } else if (op.startsWith("<") && op !== "<>") pendingRedirect = "read";
      else if (/^>&$|^\d*>&$/.test(op) || op === ">&") {
        // `>&2`, `>&-`: a descriptor; `>& file` (csh-style) writes a file.
        const rest = src.slice(i).match(/^\s*(\d+|-)(?=$|[\s;&|)])/);
        if (rest) {
          i += rest[0].length;
          pendingRedirect = undefined;
        } else pendingRedirect = "write";
      } else pendingRedirect = "write";
      continue;
    }
    if (c === "&" || c === "|" || c === ";" || c === "(" || c === ")" || c === "\n") {
      endCommand();
      if (c === "\n" && heredocs.length > 0) {
        // Skip here-document bodies: their lines are data, not commands.
        let pos = i + 1;
        for (const h of heredocs.splice(0)) {
          while (pos < src.length) {
            const nl = src.indexOf("\n", pos);
            const line = src.slice(pos, nl < 0 ? src.length : nl);
            pos = nl < 0 ? src.length : nl + 1;
            if ((h.strip ? line.replace(/^\t+/, "") : line) === h.delim) break;
          }
        }
        i = pos;
        continue;
      }
      i++;
      if (OPS.has(c) && (src[i] === "&" || src[i] === "|" || src[i] === ";")) i++;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  endCommand();
  return { commands, nested };
}

const WRAPPERS = new Set([
  "sudo",
  "doas",
  "nice",
  "nohup",
  "time",
  "command",
  "exec",
  "builtin",
  "stdbuf",
  "ionice",
]);
/** Options that take a value, per command (so the value is not taken for a path). */
const VALUE_FLAGS: Record<string, ReadonlySet<string>> = {
  touch: new Set(["-r", "-d", "-t", "--reference", "--date"]),
  mkdir: new Set(["-m", "--mode"]),
};
const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "ash"]);

function base(cmd: string): string {
  return cmd.slice(cmd.lastIndexOf("/") + 1);
}

/** Operands of a command: words after the name that are not options (`--` ends options). */
function operands(args: string[], withValue: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  let opts = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (opts && a === "--") {
      opts = false;
      continue;
    }
    if (opts && a.startsWith("-") && a !== "-") {
      if (withValue.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The value of `-t DIR` / `--target-directory=DIR`, if any. */
function targetDir(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-t" || a === "--target-directory") return args[i + 1];
    if (a.startsWith("--target-directory=")) return a.slice("--target-directory=".length);
  }
  return undefined;
}

/** Paths one simple command writes (its name already stripped of wrappers). */
function commandWrites(words: string[], depth: number): string[] {
  let w = words;
  // Leading assignments (`A=1 cmd`) and wrappers (`sudo -u x cmd`, `env -i A=1 cmd`, `timeout 5 cmd`).
  for (;;) {
    while (w.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0] as string)) w = w.slice(1);
    const name = base(w[0] ?? "");
    if (WRAPPERS.has(name)) {
      w = w.slice(1);
      while (w.length > 0 && (w[0] as string).startsWith("-")) {
        const flag = w[0] as string;
        w = w.slice(1);
        if (name === "sudo" && /^-[ugCDhprT]$/.test(flag)) w = w.slice(1);
      }
      continue;
    }
    if (name === "env") {
      w = w.slice(1);
      while (w.length > 0 && ((w[0] as string).startsWith("-") || /^[A-Za-z_]\w*=/.test(w[0] as string))) {
        const flag = w[0] as string;
        w = w.slice(1);
        if (flag === "-u" || flag === "-C" || flag === "-S") w = w.slice(1);
      }
      continue;
    }
    if (name === "timeout") {
      w = operands(w.slice(1), new Set(["-s", "--signal", "-k", "--kill-after"])).slice(1);
      continue;
    }
    break;
  }
  if (w.length === 0) return [];
  const name = base(w[0] as string);
  const args = w.slice(1);
  if (SHELLS.has(name)) {
    const ci = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
    const script = ci >= 0 ? args[ci + 1] : undefined;
    return script !== undefined && depth < 4 ? shellWrites(script, depth + 1) : [];
  }
  switch (name) {
    case "rm":
    case "rmdir":
    case "unlink":
    case "shred":
    case "touch":
    case "mkdir":
      return operands(args, VALUE_FLAGS[name]);
    case "truncate":
      return operands(args, new Set(["-s", "--size", "-r", "--reference"]));
    case "mv": {
      const t = targetDir(args);
      const ops = operands(args, new Set(["-t", "--target-directory", "-S", "--suffix"]));
      return t ? [...ops, t] : ops;
    }
    case "cp":
    case "install":
    case "ln":
    case "rsync": {
      const t = targetDir(args);
      if (t) return [t];
      const ops = operands(
        args,
        new Set(["-t", "--target-directory", "-S", "--suffix", "-m", "--mode", "-o", "-g", "-e"]),
      );
      return ops.length >= 2 ? [ops[ops.length - 1] as string] : [];
    }
    case "tee":
      return operands(args);
    case "chmod":
    case "chown":
    case "chgrp":
      return operands(args).slice(1);
    case "dd":
      return args.filter((a) => a.startsWith("of=")).map((a) => a.slice(3));
    case "sed":
    case "gsed": {
      const inPlace = args.some(
        (a) => a === "--in-place" || a.startsWith("--in-place=") || /^-[a-zA-Z]*i/.test(a),
      );
      if (!inPlace) return [];
      const hasScript = args.some(
        (a) => a === "-e" || a === "-f" || a.startsWith("--expression") || a.startsWith("--file"),
      );
      const ops = operands(args, new Set(["-e", "-f", "--expression", "--file", "-l", "--line-length"]));
      return hasScript ? ops : ops.slice(1);
    }
    case "perl": {
      const inPlace = args.some((a) => /^-[a-zA-Z]*i/.test(a));
      if (!inPlace) return [];
      const ops = operands(args, new Set(["-e", "-E", "-M", "-I"]));
      const hasScript = args.some((a) => a === "-e" || a === "-E" || /^-[a-zA-Z]*[eE]$/.test(a));
      return hasScript ? ops : ops.slice(1);
    }
    case "git": {
      const sub = args.findIndex((a) => !a.startsWith("-"));
      const verb = args[sub];
      const rest = args.slice(sub + 1);
      if (verb === "rm" || verb === "mv") return operands(rest);
      if (verb === "restore") return operands(rest, new Set(["-s", "--source"]));
      if (verb === "checkout" && rest.includes("--")) return rest.slice(rest.indexOf("--") + 1);
      return [];
    }
    case "find": {
      if (!args.includes("-delete")) return [];
      const firstExpr = args.findIndex((a) => a.startsWith("-") || a === "(" || a === "!");
      const roots = firstExpr < 0 ? args : args.slice(0, firstExpr);
      return roots.length > 0 ? roots : ["."];
    }
    default:
      return [];
  }
}

/** Every path the command line writes, moves or deletes, in order of appearance (duplicates kept once). */
export function shellWrites(command: string, depth = 0): string[] {
  const { commands, nested } = lex(command);
  const out: string[] = [];
  // `cd dir && rm x` removes dir/x: relative targets follow the last `cd` (subshell scoping ignored).
  let dir = "";
  const at = (t: string): string =>
    dir === "" || t.startsWith("/") || t.startsWith("~") ? t : posix.join(dir, t);
  for (const c of commands) {
    if (c.words[0] === "cd" || c.words[0] === "pushd") {
      const arg = c.words.find((w, i) => i > 0 && !w.startsWith("-"));
      dir = arg === undefined || arg.startsWith("~") ? "~" : at(arg);
      continue;
    }
    for (const t of c.writes) if (!t.startsWith("/dev/")) out.push(at(t));
    out.push(...commandWrites(c.words, depth).map(at));
  }
  if (depth < 4) for (const n of nested) out.push(...shellWrites(n, depth + 1));
  return [...new Set(out)];
}

/** Whether a command deletes recursively (`rm -r`, `rm -rf`, `find -delete`): its operands are whole trees. */
export function isRecursiveDelete(command: string): boolean {
  return (
    /(^|[\s;&|(])rm\s+(-[a-zA-Z]*[rR]|--recursive)/.test(command) || /\sfind\s.*-delete/.test(` ${command}`)
  );
}

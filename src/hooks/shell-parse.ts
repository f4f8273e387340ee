/**
 * A recursive-descent parser for POSIX sh / bash command lines: lists (`;`, `&`, newline, `&&`, `||`),
 * pipelines (`|`, `|&`, `!`), simple commands (assignments, words, redirections, here-documents and
 * here-strings), compound commands (`{ …; }`, `( … )`, `if`, `for`, `select`, `while`, `until`, `case`,
 * `(( … ))`, `[[ … ]]`, function definitions) and, inside words, quotes, ANSI-C quotes `$'…'`, `$(…)`,
 * backticks, `${…}`, `$((…))` and process substitution. Pure. What it cannot read it keeps as an `unknown`
 * word part or skips; it throws only `ShellTooDeep`, for nesting past a limit (so depth hides nothing).
 */

export type WordPart =
  /** Literal text; `q` when it was quoted (no globbing, brace or tilde expansion). */
  | { t: "lit"; v: string; q: boolean }
  /** `$name` / `${name}`. */
  | { t: "var"; name: string; q: boolean }
  /** `$(…)`, backticks, `<(…)`, `>(…)`: a script that runs; its output is not known. */
  | { t: "sub"; body: Script }
  /** Anything else (`$((…))`, `${x:-y}`, `$@`): a value not known statically. */
  | { t: "unknown" };

export interface Word {
  parts: WordPart[];
}

export interface Redirect {
  /** `>`, `>>`, `>|`, `&>`, `&>>`, `<>`, `<`, `>&` (to a file), `<<`, `<<-`, `<<<`. */
  op: string;
  target?: Word;
  /** Here-documents: the body as written, and (unquoted delimiter) parsed for expansions. */
  heredoc?: { body: string; quoted: boolean; parts?: Word };
}

export type Command =
  | { t: "simple"; assigns: Array<{ name: string; value: Word }>; words: Word[]; redirects: Redirect[] }
  | { t: "group" | "subshell"; body: Script; redirects: Redirect[] }
  | { t: "if"; conds: Script[]; bodies: Script[]; redirects: Redirect[] }
  | { t: "for"; name: string; items?: Word[]; body: Script; redirects: Redirect[] }
  | { t: "while"; cond: Script; body: Script; redirects: Redirect[] }
  | { t: "case"; word: Word; bodies: Script[]; redirects: Redirect[] }
  | { t: "function"; name: string; body: Command }
  | { t: "other"; redirects: Redirect[] };

export interface Pipeline {
  negated: boolean;
  commands: Command[];
}

/** A list: pipelines joined by `&&`, `||`, `;`, `&` or newlines; `op` is the operator before this item. */
export interface Script {
  items: Array<{ op: "&&" | "||" | ";"; pipeline: Pipeline }>;
}

const META = new Set([" ", "\t", "\n", "\r", ";", "&", "|", "<", ">", "(", ")"]);
const RESERVED =
  /^(if|then|elif|else|fi|for|select|in|do|done|while|until|case|esac|function|\{|\}|!|\[\[|\(\()(?=[\s;&|()<>]|$)/;
/** Nesting deeper than this (commands in commands, `$(…)` in `$(…)`) is refused rather than read. */
const MAX_DEPTH = 64;

/** A command line nested too deeply to read: the guard treats it as a failure (and fails closed). */
export class ShellTooDeep extends Error {
  constructor() {
    super(`the command nests deeper than ${MAX_DEPTH} levels`);
  }
}

const ANSI: Record<string, string> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
};

/** The value of an ANSI-C quoted string's body (`$'…'` without the quotes). */
export function decodeAnsiC(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\" || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i] as string;
    const rest = body.slice(i + 1);
    const oct = /^[0-7]{1,3}/.exec(body.slice(i));
    const hex = /^[0-9a-fA-F]{1,2}/.exec(rest);
    const uni = /^[0-9a-fA-F]{1,8}/.exec(rest);
    if (ANSI[n] !== undefined) out += ANSI[n];
    else if (oct) {
      out += String.fromCharCode(Number.parseInt(oct[0], 8));
      i += oct[0].length - 1;
    } else if (n === "x" && hex) {
      out += String.fromCharCode(Number.parseInt(hex[0], 16));
      i += hex[0].length;
    } else if ((n === "u" || n === "U") && uni) {
      const digits = uni[0].slice(0, n === "u" ? 4 : 8);
      const code = Number.parseInt(digits, 16);
      out += code <= 0x10ffff ? String.fromCodePoint(code) : "";
      i += digits.length;
    } else if (n === "c" && i + 1 < body.length) {
      out += String.fromCharCode((body.charCodeAt(++i) as number) & 31);
    } else out += `\\${n}`;
  }
  return out;
}

interface PendingHeredoc {
  delim: string;
  strip: boolean;
  redirect: Redirect;
}

class Parser {
  pos = 0;
  private pending: PendingHeredoc[] = [];
  private nest = 0;

  constructor(
    readonly src: string,
    readonly depth: number,
  ) {}

  private peek(off = 0): string {
    return this.src[this.pos + off] ?? "";
  }

  private at(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  /** Skip blanks, line continuations and comments; with `newlines`, newlines too (reading here-documents). */
  skip(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t" || c === "\r") this.pos++;
      else if (c === "\\" && this.peek(1) === "\n") this.pos += 2;
      else if (c === "#") while (this.pos < this.src.length && this.peek() !== "\n") this.pos++;
      else if (c === "\n" && newlines) this.newline();
      else return;
    }
  }

  /** Consume a newline and any here-document bodies that start after it. */
  private newline(): void {
    this.pos++;
    for (const h of this.pending.splice(0)) {
      const lines: string[] = [];
      while (this.pos < this.src.length) {
        const nl = this.src.indexOf("\n", this.pos);
        const line = this.src.slice(this.pos, nl < 0 ? this.src.length : nl);
        this.pos = nl < 0 ? this.src.length : nl + 1;
        if ((h.strip ? line.replace(/^\t+/, "") : line) === h.delim) break;
        lines.push(h.strip ? line.replace(/^\t+/, "") : line);
      }
      const body = lines.length > 0 ? `${lines.join("\n")}\n` : "";
      const doc = h.redirect.heredoc as NonNullable<Redirect["heredoc"]>;
      doc.body = body;
      if (!doc.quoted) {
        const sub = new Parser(body, this.depth + 1);
        doc.parts = { parts: sub.dquote(undefined) };
      }
    }
  }

  private reserved(): string | undefined {
    return RESERVED.exec(this.src.slice(this.pos, this.pos + 10))?.[1];
  }

  private eatReserved(word: string): boolean {
    this.skip(true);
    if (this.reserved() !== word) return false;
    this.pos += word.length;
    return true;
  }

  /** A list up to a terminator: a reserved word in `stops`, `)` (when `paren`), `;;` (when `caseItem`) or the end. */
  script(stops: ReadonlySet<string>, paren = false, caseItem = false): Script {
    const items: Script["items"] = [];
    let op: "&&" | "||" | ";" = ";";
    for (;;) {
      this.skip(true);
      while (this.peek() === ";" && !(caseItem && /^;;|^;&/.test(this.src.slice(this.pos)))) {
        this.pos++;
        this.skip(true);
      }
      if (this.pos >= this.src.length) break;
      if (paren && this.peek() === ")") break;
      if (caseItem && (this.at(";;") || this.at(";&") || this.reserved() === "esac")) break;
      const r = this.reserved();
      if (r !== undefined && stops.has(r)) break;
      const start = this.pos;
      const pipeline = this.pipeline(paren);
      if (pipeline.commands.length > 0) items.push({ op, pipeline });
      this.skip(false);
      if (this.at("&&")) {
        op = "&&";
        this.pos += 2;
      } else if (this.at("||")) {
        op = "||";
        this.pos += 2;
      } else {
        op = ";";
        if (this.peek() === "&" || (this.peek() === ";" && !(caseItem && this.at(";;")))) this.pos++;
      }
      if (this.pos === start) this.pos++; // never loop on a character the grammar has no place for
    }
    return { items };
  }

  private pipeline(paren: boolean): Pipeline {
    let negated = false;
    this.skip(false);
    while (this.reserved() === "!") {
      negated = !negated;
      this.pos++;
      this.skip(false);
    }
    if (/^time(?=[\s;&|]|$)/.test(this.src.slice(this.pos, this.pos + 5))) {
      this.pos += 4;
      this.skip(false);
      // The `time` keyword takes only `-p` (`/usr/bin/time -o f` is a command, with its own writer).
      while (/^(-p|--)(?=[\s;&|]|$)/.test(this.src.slice(this.pos, this.pos + 3))) {
        this.pos += 2;
        this.skip(false);
      }
    }
    const commands: Command[] = [];
    for (;;) {
      const c = this.command(paren);
      if (c) commands.push(c);
      this.skip(false);
      if (this.peek() === "|" && this.peek(1) !== "|") {
        this.pos += this.peek(1) === "&" ? 2 : 1;
        this.skip(true);
        continue;
      }
      break;
    }
    return { negated, commands };
  }

  private command(paren: boolean): Command | undefined {
    if (this.depth + ++this.nest > MAX_DEPTH) throw new ShellTooDeep();
    try {
      return this.compound(paren);
    } finally {
      this.nest--;
    }
  }

  private compound(paren: boolean): Command | undefined {
    this.skip(false);
    const r = this.reserved();
    let c: Command | undefined;
    if (r === "{") {
      this.pos++;
      const body = this.script(new Set(["}"]));
      this.eatReserved("}");
      c = { t: "group", body, redirects: [] };
    } else if (r === "((") {
      this.skipArith();
      c = { t: "other", redirects: [] };
    } else if (this.peek() === "(") {
      this.pos++;
      const body = this.script(new Set(), true);
      if (this.peek() === ")") this.pos++;
      c = { t: "subshell", body, redirects: [] };
    } else if (r === "if") c = this.ifCommand();
    else if (r === "for" || r === "select") c = this.forCommand(r);
    else if (r === "while" || r === "until") {
      this.pos += r.length;
      const cond = this.script(new Set(["do"]));
      this.eatReserved("do");
      const body = this.script(new Set(["done"]));
      this.eatReserved("done");
      c = { t: "while", cond, body, redirects: [] };
    } else if (r === "case") c = this.caseCommand();
    else if (r === "function") {
      this.pos += r.length;
      this.skip(false);
      const name = this.rawWord();
      this.skip(false);
      if (this.at("()")) this.pos += 2;
      this.skip(true);
      const body = this.command(paren);
      return body ? { t: "function", name, body } : undefined;
    } else if (r === "[[") {
      const end = this.src.indexOf("]]", this.pos);
      this.pos = end < 0 ? this.src.length : end + 2;
      c = { t: "other", redirects: [] };
    } else if (r !== undefined && r !== "!") return undefined;
    else return this.simple(paren);
    if (c.t !== "function") this.redirects(c.redirects);
    return c;
  }

  private ifCommand(): Command {
    this.pos += 2;
    const conds: Script[] = [];
    const bodies: Script[] = [];
    const stops = new Set(["then", "elif", "else", "fi"]);
    for (;;) {
      conds.push(this.script(new Set(["then"])));
      this.eatReserved("then");
      bodies.push(this.script(stops));
      if (this.eatReserved("elif")) continue;
      if (this.eatReserved("else")) bodies.push(this.script(new Set(["fi"])));
      this.eatReserved("fi");
      return { t: "if", conds, bodies, redirects: [] };
    }
  }

  private forCommand(kw: string): Command {
    this.pos += kw.length;
    this.skip(false);
    if (this.at("((")) {
      this.skipArith();
      this.skip(true);
      if (this.peek() === ";") this.pos++;
      this.eatReserved("do");
      const body = this.script(new Set(["done"]));
      this.eatReserved("done");
      return { t: "while", cond: { items: [] }, body, redirects: [] };
    }
    const name = this.rawWord();
    this.skip(true);
    let items: Word[] | undefined;
    if (this.reserved() === "in") {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skip(false);
        const c = this.peek();
        if (c === "" || c === ";" || c === "\n" || c === "&" || c === "|" || c === ")") break;
        const w = this.word();
        if (w.parts.length === 0) break;
        items.push(w);
      }
    }
    this.skip(true);
    if (this.peek() === ";") this.pos++;
    this.eatReserved("do");
    const body = this.script(new Set(["done"]));
    this.eatReserved("done");
    return { t: "for", name, ...(items ? { items } : {}), body, redirects: [] };
  }

  private caseCommand(): Command {
    this.pos += 4;
    this.skip(false);
    const word = this.word();
    this.eatReserved("in");
    const bodies: Script[] = [];
    for (;;) {
      this.skip(true);
      if (this.pos >= this.src.length || this.eatReserved("esac")) break;
      // Patterns: words separated by `|`, up to the `)`.
      if (this.peek() === "(") this.pos++;
      const start = this.pos;
      while (this.pos < this.src.length && this.peek() !== ")") {
        if (this.peek() === "|" || META.has(this.peek())) this.pos++;
        else this.word();
      }
      this.pos++;
      bodies.push(this.script(new Set(["esac"]), false, true));
      if (this.at(";;&")) this.pos += 3;
      else if (this.at(";;") || this.at(";&")) this.pos += 2;
      if (this.pos === start) this.pos++;
    }
    return { t: "case", word, bodies, redirects: [] };
  }

  private skipArith(): void {
    let depth = 0;
    for (; this.pos < this.src.length; this.pos++) {
      const c = this.peek();
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) {
        this.pos++;
        return;
      }
    }
  }

  /** A plain name (function or loop variable). */
  private rawWord(): string {
    const m = /^[^\s;&|()<>]+/.exec(this.src.slice(this.pos));
    this.pos += m?.[0].length ?? 0;
    return m?.[0] ?? "";
  }

  private simple(paren: boolean): Command | undefined {
    const cmd: Extract<Command, { t: "simple" }> = { t: "simple", assigns: [], words: [], redirects: [] };
    for (;;) {
      this.skip(false);
      const c = this.peek();
      if (
        c === "" ||
        c === "\n" ||
        c === ";" ||
        c === "|" ||
        c === ")" ||
        (c === "&" && this.peek(1) !== ">")
      )
        break;
      if ((c === "<" || c === ">") && this.peek(1) === "(") {
        this.pos += 2;
        const body = this.script(new Set(), true);
        this.pos++;
        cmd.words.push({ parts: [{ t: "sub", body }] });
        continue;
      }
      if (this.redirect(cmd.redirects)) continue;
      if (c === "(") {
        // `name() body`: a function definition.
        if (cmd.words.length === 1 && cmd.assigns.length === 0 && this.at("()")) {
          this.pos += 2;
          this.skip(true);
          const name = cmd.words[0]?.parts.map((p) => (p.t === "lit" ? p.v : "")).join("") ?? "";
          const body = this.command(paren);
          return body ? { t: "function", name, body } : undefined;
        }
        break;
      }
      if (cmd.words.length === 0) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/.exec(this.src.slice(this.pos));
        if (m) {
          this.pos += m[0].length;
          if (this.peek() === "(") {
            this.skipArith();
            cmd.assigns.push({ name: m[1] as string, value: { parts: [{ t: "unknown" }] } });
          } else cmd.assigns.push({ name: m[1] as string, value: this.word() });
          continue;
        }
      }
      const start = this.pos;
      const w = this.word();
      if (this.pos === start) {
        this.pos++;
        continue;
      }
      cmd.words.push(w);
    }
    return cmd.words.length + cmd.assigns.length + cmd.redirects.length > 0 ? cmd : undefined;
  }

  private redirects(into: Redirect[]): void {
    for (;;) {
      this.skip(false);
      if (!this.redirect(into)) return;
    }
  }

  /** One redirection at the cursor (with its optional fd), or false when there is none. */
  private redirect(into: Redirect[]): boolean {
    const m = /^(\d+|\{[A-Za-z_]\w*\})?(&>>|&>|>>|>\||>&|<<<|<<-|<<|<>|<&|>|<)/.exec(
      this.src.slice(this.pos, this.pos + 24),
    );
    if (!m) return false;
    this.pos += m[0].length;
    const op = m[2] as string;
    this.skip(false);
    if (op === ">&" || op === "<&") {
      const dup = /^(\d+-?|-)(?=[\s;&|()<>]|$)/.exec(this.src.slice(this.pos));
      if (dup) {
        this.pos += dup[0].length;
        return true;
      }
    }
    if (op === "<<" || op === "<<-") {
      const w = this.word();
      const delim = w.parts.map((p) => (p.t === "lit" ? p.v : "")).join("");
      const quoted = w.parts.some((p) => p.t === "lit" && p.q);
      const r: Redirect = { op, heredoc: { body: "", quoted } };
      this.pending.push({ delim, strip: op === "<<-", redirect: r });
      into.push(r);
      return true;
    }
    into.push({ op, target: this.word() });
    return true;
  }

  /** One word, up to an unquoted metacharacter. */
  word(): Word {
    const parts: WordPart[] = [];
    const lit = (v: string, q: boolean) => {
      const last = parts[parts.length - 1];
      if (last?.t === "lit" && last.q === q) last.v += v;
      else parts.push({ t: "lit", v, q });
    };
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (META.has(c)) break;
      if (c === "\\") {
        if (this.peek(1) !== "\n") lit(this.peek(1), true);
        this.pos += 2;
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        const stop = end < 0 ? this.src.length : end;
        lit(this.src.slice(this.pos + 1, stop), true);
        this.pos = stop + 1;
      } else if (c === "$" && this.peek(1) === "'") {
        let j = this.pos + 2;
        while (j < this.src.length && this.src[j] !== "'") j += this.src[j] === "\\" ? 2 : 1;
        lit(decodeAnsiC(this.src.slice(this.pos + 2, j)), true);
        this.pos = j + 1;
      } else if (c === '"' || (c === "$" && this.peek(1) === '"')) {
        this.pos += c === "$" ? 2 : 1;
        for (const p of this.dquote('"')) p.t === "lit" ? lit(p.v, true) : parts.push(p);
        this.pos++;
      } else if (c === "$" || c === "`") {
        const p = this.dollar(false);
        if (p) parts.push(p);
        else lit("$", false);
      } else {
        lit(c, false);
        this.pos++;
      }
    }
    return { parts };
  }

  /** Inside double quotes (or an unquoted here-document body when `end` is undefined). */
  dquote(end: string | undefined): WordPart[] {
    const parts: WordPart[] = [];
    let text = "";
    const flush = () => {
      if (text !== "") parts.push({ t: "lit", v: text, q: true });
      text = "";
    };
    while (this.pos < this.src.length && this.peek() !== end) {
      const c = this.peek();
      if (c === "\\" && /[$`"\\\n]/.test(this.peek(1))) {
        if (this.peek(1) !== "\n") text += this.peek(1);
        this.pos += 2;
      } else if (c === "$" || c === "`") {
        const p = this.dollar(true);
        if (p) {
          flush();
          parts.push(p);
        } else text += "$";
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  /** `$…` or a backtick at the cursor; undefined (cursor past the `$`) for a lone `$`. */
  private dollar(quoted: boolean): WordPart | undefined {
    if (this.peek() === "`") {
      let j = this.pos + 1;
      let body = "";
      while (j < this.src.length && this.src[j] !== "`") {
        if (this.src[j] === "\\" && /[`$\\]/.test(this.src[j + 1] ?? "")) j++;
        body += this.src[j];
        j++;
      }
      this.pos = j + 1;
      return { t: "sub", body: parseShell(body, this.depth + 1) };
    }
    const n = this.peek(1);
    if (n === "(" && this.peek(2) === "(") {
      this.pos++;
      this.skipArith();
      return { t: "unknown" };
    }
    if (n === "(") {
      this.pos += 2;
      const body = this.nested(() => this.script(new Set(), true));
      if (this.peek() === ")") this.pos++;
      return { t: "sub", body };
    }
    if (n === "{") {
      let depth = 0;
      let j = this.pos + 1;
      for (; j < this.src.length; j++) {
        if (this.src[j] === "{") depth++;
        else if (this.src[j] === "}" && --depth === 0) break;
      }
      const inner = this.src.slice(this.pos + 2, j);
      this.pos = j + 1;
      return /^[A-Za-z_]\w*$/.test(inner) ? { t: "var", name: inner, q: quoted } : { t: "unknown" };
    }
    const m = /^[A-Za-z_]\w*/.exec(this.src.slice(this.pos + 1));
    if (m) {
      this.pos += 1 + m[0].length;
      return { t: "var", name: m[0], q: quoted };
    }
    if (/[0-9@*#?$!-]/.test(n)) {
      this.pos += 2;
      return { t: "unknown" };
    }
    this.pos++;
    return undefined;
  }

  /** Run a sub-parse at a deeper level (for `$(…)`), sharing the cursor. */
  private nested<T>(f: () => T): T {
    (this as { depth: number }).depth++;
    try {
      return f();
    } finally {
      (this as { depth: number }).depth--;
    }
  }
}

/** Parse a command line. Never throws; nesting deeper than a limit is left unread. */
export function parseShell(src: string, depth = 0): Script {
  if (depth > MAX_DEPTH) throw new ShellTooDeep();
  const p = new Parser(src, depth);
  const out: Script = { items: [] };
  while (p.pos < src.length) {
    const start = p.pos;
    out.items.push(...p.script(new Set()).items);
    if (p.pos === start) p.pos++;
  }
  return out;
}

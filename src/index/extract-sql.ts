import type { FileExtract, SymbolDef, SymbolKind } from "./types.js";

/**
 * SQL definitions without a grammar (no tree-sitter SQL grammar ships prebuilt WASM in the installed
 * packages): a scanner that skips comments, strings and quoted bodies, then reads each `CREATE` statement —
 * tables (with their columns), views, functions, procedures, triggers, indexes, types and packages — across
 * dialects: `OR REPLACE` / `OR ALTER`, `IF NOT EXISTS`, `TEMP`/`UNLOGGED`/`MATERIALIZED`/`VIRTUAL`…, MySQL
 * `DEFINER=`, schema-qualified and quoted names (`"a"`, `` `a` ``, `[a]`), PostgreSQL dollar-quoted bodies,
 * MySQL `DELIMITER` and T-SQL `GO` batches. Pure.
 */

type TokKind = "word" | "qid" | "str" | "punct" | "end";
interface Tok {
  k: TokKind;
  /** The word (as written), the unquoted identifier, or the punctuation character. */
  v: string;
  /** Upper-cased `v` for words. */
  u: string;
  line: number;
  start: number;
  end: number;
}
interface Comment {
  line: number;
  endLine: number;
  text: string;
}

/** A letter, `_` or any non-ASCII character. */
function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}
/** Also digits, `$`, `#` and `@` (T-SQL `#temp`, `@param`). */
function isWordChar(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57) || code === 36 || code === 35 || code === 64;
}

/** Split SQL into tokens; comments are kept aside (for doc comments), string contents dropped. */
export function tokenizeSql(src: string): { toks: Tok[]; comments: Comment[] } {
  const toks: Tok[] = [];
  const comments: Comment[] = [];
  let i = 0;
  let line = 1;
  let lineStart = true;
  let delimiter = ";";
  const n = src.length;
  const push = (k: TokKind, v: string, start: number, end: number, l = line) => {
    toks.push({ k, v, u: k === "word" ? v.toUpperCase() : v, line: l, start, end });
    lineStart = false;
  };
  /** Advance over `src[from, to)`, counting lines. */
  const skipTo = (to: number) => {
    for (let j = i; j < to; j++) if (src.charCodeAt(j) === 10) line++;
    i = to;
  };
  while (i < n) {
    const c = src[i] as string;
    if (c === "\n") {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f") {
      i++;
      continue;
    }
    if (lineStart) {
      const rest = /^(DELIMITER|GO)\b[ \t]*([^\r\n]*)/i.exec(src.slice(i, i + 200));
      if (rest?.[1]?.toUpperCase() === "DELIMITER" && rest[2]?.trim()) {
        delimiter = (rest[2] as string).trim().split(/\s+/)[0] as string;
        skipTo(i + (rest[0] as string).length);
        continue;
      }
      if (rest?.[1]?.toUpperCase() === "GO" && /^\s*(\d+\s*)?(--.*)?$/.test(rest[2] ?? "")) {
        push("end", "GO", i, i + 2);
        skipTo(i + (rest[0] as string).length);
        continue;
      }
    }
    if (delimiter !== ";" && src.startsWith(delimiter, i)) {
      push("end", delimiter, i, i + delimiter.length);
      i += delimiter.length;
      continue;
    }
    const start = i;
    const startLine = line;
    if ((c === "-" && src[i + 1] === "-") || (c === "#" && lineStart)) {
      const e = src.indexOf("\n", i);
      const to = e < 0 ? n : e;
      comments.push({ line, endLine: line, text: src.slice(i, to) });
      i = to;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      let depth = 0;
      let j = i;
      while (j < n) {
        if (src[j] === "/" && src[j + 1] === "*") {
          depth++;
          j += 2;
        } else if (src[j] === "*" && src[j + 1] === "/") {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      skipTo(Math.min(j, n));
      comments.push({ line: startLine, endLine: line, text: src.slice(start, i) });
      continue;
    }
    if (c === "'" || ((c === "E" || c === "e" || c === "N" || c === "n") && src[i + 1] === "'")) {
      const escapes = c === "E" || c === "e";
      let j = src.indexOf("'", i) + 1;
      while (j < n) {
        if (escapes && src[j] === "\\") j += 2;
        else if (src[j] === "'" && src[j + 1] === "'") j += 2;
        else if (src[j] === "'") break;
        else j++;
      }
      skipTo(Math.min(j + 1, n));
      push("str", "", start, i, startLine);
      continue;
    }
    if (c === "$") {
      const tag = /^\$([A-Za-z_][\w]*)?\$/.exec(src.slice(i, i + 64));
      if (tag) {
        const close = src.indexOf(tag[0], i + tag[0].length);
        skipTo(close < 0 ? n : close + tag[0].length);
        push("str", "", start, i, startLine);
        continue;
      }
    }
    if (c === '"' || c === "`") {
      let j = i + 1;
      let v = "";
      while (j < n) {
        if (src[j] === c && src[j + 1] === c) {
          v += c;
          j += 2;
        } else if (src[j] === c) break;
        else v += src[j++];
      }
      skipTo(Math.min(j + 1, n));
      push("qid", v, start, i, startLine);
      continue;
    }
    if (c === "[") {
      const m = /^\[([^\]\n]+)\]/.exec(src.slice(i, i + 260));
      if (m) {
        i += (m[0] as string).length;
        push("qid", m[1] as string, start, i);
        continue;
      }
    }
    if (isWordStart(src.charCodeAt(i)) || ((c === "#" || c === "@") && isWordChar(src.charCodeAt(i + 1)))) {
      let j = i + 1;
      const custom = delimiter !== ";";
      while (j < n && isWordChar(src.charCodeAt(j)) && !(custom && src.startsWith(delimiter, j))) j++;
      push("word", src.slice(i, j), i, j);
      i = j;
      continue;
    }
    push(c === ";" ? "end" : "punct", c, i, i + 1);
    i++;
  }
  return { toks, comments };
}

/** Words that may stand between CREATE and the object keyword. */
const MODIFIERS = new Set(
  "TEMP TEMPORARY GLOBAL LOCAL UNLOGGED MATERIALIZED RECURSIVE SECURE TRANSIENT VOLATILE EDITIONABLE NONEDITIONABLE EDITIONING FORCE NOFORCE UNIQUE CLUSTERED NONCLUSTERED FULLTEXT SPATIAL BITMAP VIRTUAL CONSTRAINT AGGREGATE EXTERNAL SHADOW COLUMNSTORE DEFINED".split(
    " ",
  ),
);
const OBJECTS: Record<string, SymbolKind> = {
  TABLE: "table",
  VIEW: "view",
  FUNCTION: "function",
  PROCEDURE: "procedure",
  PROC: "procedure",
  TRIGGER: "trigger",
  INDEX: "index",
  TYPE: "type",
  PACKAGE: "module",
};
const ROUTINES = new Set<SymbolKind>(["function", "procedure", "trigger"]);
/** Where a routine's header (parameters, RETURNS …) ends. */
const HEADER_STOP = new Set(
  "AS IS BEGIN LANGUAGE IMMUTABLE STABLE VOLATILE STRICT SECURITY DETERMINISTIC NO READS MODIFIES CONTAINS COMMENT SET COST ROWS PARALLEL CALLED WITH EXTERNAL PIPELINED AUTHID LEAKPROOF WINDOW NOT SUPPORT TRANSFORM RETURN FOR EXECUTE WHEN REFERENCING".split(
    " ",
  ),
);
const NOT_COLUMNS = new Set(
  "CONSTRAINT PRIMARY FOREIGN UNIQUE CHECK INDEX KEY EXCLUDE LIKE FULLTEXT SPATIAL PERIOD".split(" "),
);
/** Words after which a name is a reference (a table read or written, a routine called). */
const REF_BEFORE = new Set("FROM JOIN INTO UPDATE REFERENCES TABLE EXEC EXECUTE CALL PERFORM".split(" "));

interface Name {
  qual: string;
  name: string;
  /** Index of the token after the name. */
  next: number;
}

function nameAt(toks: Tok[], j: number): Name | undefined {
  const parts: string[] = [];
  let k = j;
  for (;;) {
    const t = toks[k];
    if (!t || (t.k !== "word" && t.k !== "qid")) return undefined;
    parts.push(t.v);
    k++;
    if (toks[k]?.v !== "." || toks[k]?.k !== "punct") break;
    k++;
  }
  return { qual: parts.join("."), name: parts[parts.length - 1] as string, next: k };
}

/** The index after the parenthesised group opening at `j`. */
function closeParen(toks: Tok[], j: number): number {
  let depth = 0;
  for (let k = j; k < toks.length; k++) {
    const t = toks[k] as Tok;
    if (t.k === "end" && t.v !== ";") return k;
    if (t.k !== "punct") continue;
    if (t.v === "(") depth++;
    else if (t.v === ")" && --depth === 0) return k + 1;
  }
  return toks.length;
}

/** Skip CREATE's modifiers; returns the index of the object keyword. */
function skipModifiers(toks: Tok[], j: number): number {
  for (let guard = 0; guard < 30; guard++) {
    const t = toks[j];
    if (!t) return j;
    if (t.u === "OR" && (toks[j + 1]?.u === "REPLACE" || toks[j + 1]?.u === "ALTER")) j += 2;
    else if (MODIFIERS.has(t.u)) j++;
    else if ((t.u === "DEFINER" || t.u === "ALGORITHM") && toks[j + 1]?.v === "=") {
      j += 3;
      if (toks[j]?.v === "(") j = closeParen(toks, j);
      while (toks[j]?.v === "@" || toks[j]?.v.startsWith("@")) j += toks[j]?.v === "@" ? 2 : 1;
    } else if (t.u === "SQL" && toks[j + 1]?.u === "SECURITY") j += 3;
    else return j;
  }
  return j;
}

function cleanComment(text: string): string {
  return text
    .split("\n")
    .map((l) =>
      l
        .trim()
        .replace(/^(\/\*+|--+|#+|\*+\/|\*)\s?/, "")
        .replace(/\*+\/$/, "")
        .trim(),
    )
    .filter(Boolean)
    .join(" ");
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * The token index that ends the statement starting at `from`: a `;` outside BEGIN/CASE … END blocks, a
 * custom delimiter, `GO`, or the next top-level CREATE. A routine whose body follows AS/IS unquoted (PL/SQL
 * declarations, T-SQL statements) ends only after its block closes, or at a batch end; a PL/SQL package
 * (`pkg`, upper-cased) at its `END <name>`.
 */
function statementEnd(toks: Tok[], from: number, routine: boolean, pkg?: string): number {
  let depth = 0;
  let body = false;
  let closed = false;
  const limit = Math.min(toks.length, from + 50_000);
  for (let k = from + 1; k < limit; k++) {
    const t = toks[k] as Tok;
    if (t.k === "end") {
      if (t.v !== ";" || (depth === 0 && !pkg && (!body || closed))) return k;
      continue;
    }
    if (t.k !== "word") continue;
    if (t.u === "BEGIN") {
      const next = toks[k + 1];
      if (!(next?.k === "end" || /^(TRAN|TRANSACTION|WORK|DISTRIBUTED)$/.test(next?.u ?? ""))) depth++;
    } else if (t.u === "CASE") depth++;
    else if (t.u === "END") {
      if (pkg && depth === 0 && toks[k + 1]?.u === pkg) return toks[k + 2]?.k === "end" ? k + 2 : k + 1;
      if (/^(IF|LOOP|WHILE|REPEAT|FOR)$/.test(toks[k + 1]?.u ?? "")) k++;
      else if (depth > 0 && --depth === 0) closed = true;
    } else if (t.u === "CREATE" && depth === 0) return k - 1;
    else if ((routine || pkg) && !body && depth === 0 && (t.u === "AS" || t.u === "IS"))
      body = toks[k + 1]?.k !== "str";
  }
  return limit - 1;
}

interface Ctx {
  src: string;
  toks: Tok[];
  comments: Comment[];
  out: SymbolDef[];
}

function docAbove(c: Ctx, line: number): string {
  const parts: string[] = [];
  let want = line - 1;
  for (let k = c.comments.length - 1; k >= 0; k--) {
    const cm = c.comments[k] as Comment;
    if (cm.endLine > want) continue;
    if (cm.endLine < want) break;
    parts.unshift(cleanComment(cm.text));
    want = cm.line - 1;
  }
  return oneLine(parts.join(" "), 400);
}

/** The columns of `CREATE TABLE t (…)`, as fields of the table. */
function columns(c: Ctx, open: number, close: number, table: string, depth: number): void {
  let k = open + 1;
  while (k < close - 1) {
    let e = k;
    let paren = 0;
    for (; e < close - 1; e++) {
      const t = c.toks[e] as Tok;
      if (t.v === "(" && t.k === "punct") paren++;
      else if (t.v === ")" && t.k === "punct") paren--;
      else if (t.v === "," && t.k === "punct" && paren === 0) break;
    }
    const first = c.toks[k] as Tok;
    const last = c.toks[e - 1] ?? first;
    if ((first.k === "word" && !NOT_COLUMNS.has(first.u)) || first.k === "qid")
      c.out.push({
        name: first.v,
        qualname: `${table}.${first.v}`,
        kind: "field",
        line: first.line,
        endLine: last.line,
        signature: oneLine(c.src.slice(first.start, last.end), 160),
        doc: "",
        depth,
      });
    k = e + 1;
  }
}

/** Read the CREATE statement at token `i`; returns the token index to continue from. */
function createAt(c: Ctx, i: number): number {
  const toks = c.toks;
  let j = skipModifiers(toks, i + 1);
  const kind = OBJECTS[toks[j]?.u ?? ""];
  if (!kind) return i + 1;
  j++;
  if (kind === "module" && toks[j]?.u === "BODY") j++;
  if (kind === "index" && toks[j]?.u === "CONCURRENTLY") j++;
  if (toks[j]?.u === "IF" && toks[j + 1]?.u === "NOT" && toks[j + 2]?.u === "EXISTS") j += 3;
  const name = toks[j]?.u === "ON" && kind === "index" ? undefined : nameAt(toks, j);
  if (!name) return j;
  let sig = name.next;
  if (ROUTINES.has(kind) || kind === "index") {
    // Parameters and RETURNS …; a trigger's timing and table; an index's table and columns.
    for (let guard = 0; sig < toks.length && guard < 200; guard++) {
      const t = toks[sig] as Tok;
      if (t.k === "end" || t.k === "str") break;
      if (t.k === "punct" && t.v === "(") {
        sig = closeParen(toks, sig);
        if (kind === "index") break;
        continue;
      }
      if (t.k === "word" && HEADER_STOP.has(t.u) && !(kind === "trigger" && t.u === "FOR")) break;
      if (kind === "trigger" && t.u === "ON") {
        sig = nameAt(toks, sig + 1)?.next ?? sig + 1;
        break;
      }
      sig++;
    }
  }
  const create = toks[i] as Tok;
  const lastSig = toks[sig - 1] as Tok;
  const endAt = statementEnd(
    toks,
    i,
    ROUTINES.has(kind),
    kind === "module" ? name.name.toUpperCase() : undefined,
  );
  const depth = 0;
  c.out.push({
    name: name.name,
    qualname: name.qual,
    kind,
    line: create.line,
    endLine: Math.max(create.line, (toks[endAt] ?? lastSig).line),
    signature: oneLine(c.src.slice(create.start, lastSig.end), 240),
    doc: docAbove(c, create.line),
    depth,
  });
  if (kind === "table" && toks[name.next]?.v === "(" && toks[name.next]?.k === "punct")
    columns(c, name.next, closeParen(toks, name.next), name.qual, depth + 1);
  // Definitions inside a routine's body (a T-SQL `CREATE TABLE #t`) are read too.
  return name.next;
}

export function extractSql(src: string): FileExtract {
  const { toks, comments } = tokenizeSql(src);
  const c: Ctx = { src, toks, comments, out: [] };
  const refs = new Set<string>();
  for (let i = 0; i < toks.length; ) {
    const t = toks[i] as Tok;
    if (t.k === "word" && t.u === "CREATE") {
      i = createAt(c, i);
      continue;
    }
    if (t.k === "word" && REF_BEFORE.has(t.u) && refs.size < 4000) {
      const n = nameAt(toks, i + 1);
      if (n && n.name.length >= 2 && !OBJECTS[n.name.toUpperCase()]) refs.add(n.name);
    }
    i++;
  }
  return { language: "sql", symbols: c.out, refs: [...refs], imports: [] };
}

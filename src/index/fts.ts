/** Text preparation for the FTS5 tables: identifiers are split on case and `_` so parts match. */

/**
 * A camelCase identifier. Matches start only where no ASCII letter precedes: this finds the same matches
 * (a letter run that fails at its start fails everywhere inside it) without retrying inside every word.
 */
const CAMEL = /(?<![A-Za-z])(?:[A-Za-z][a-z0-9]*[A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z][A-Za-z0-9]*)/g;

/** Split an identifier into lowercase words: `parseHTTPRequest_v2` → parse, http, request, v2. */
export function splitIdentifier(id: string): string[] {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** CAMEL needs an upper-case ASCII letter; most snake_case names and many lines have none. */
const UPPER = /[A-Z]/;

/** `splitIdentifier(id).join(" ")`, memoised: the same identifiers recur across the files of a build. */
const splitCache = new Map<string, string>();
function splitJoined(id: string): string {
  let v = splitCache.get(id);
  if (v === undefined) {
    v = splitIdentifier(id).join(" ");
    if (splitCache.size >= 20_000) splitCache.clear();
    splitCache.set(id, v);
  }
  return v;
}

/** Append the parts of every camelCase identifier after it, so `getUser` also indexes `get user`. */
export function expandForIndex(text: string): string {
  if (!UPPER.test(text)) return text;
  return text.replace(CAMEL, (m) => `${m} ${splitJoined(m)}`);
}

/**
 * The parts of every distinct camelCase identifier in a text (`get user ; parse http request`), appended
 * once to a file's FTS body so part-words and part-phrases match without rewriting the text inline.
 */
export function camelParts(text: string): string {
  const ids = new Set(text.match(CAMEL));
  const parts: string[] = [];
  for (const id of ids) parts.push(splitJoined(id));
  return parts.join(" ; ");
}

/**
 * Build a safe FTS5 MATCH expression from user text: every word becomes quoted terms (no operators
 * pass through); an identifier matches whole or as its split parts; the last word also matches as a prefix.
 */
export function ftsQuery(input: string, opts: { prefix?: boolean } = {}): string | undefined {
  const words = input
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean)
    .slice(0, 16);
  if (words.length === 0) return undefined;
  const groups = words.map((w, i) => {
    const whole = w.toLowerCase().replace(/_/g, " ").trim();
    const parts = splitIdentifier(w);
    const last = i === words.length - 1;
    const alts = new Set<string>();
    const prefix = opts.prefix !== false && last && !whole.includes(" ") && whole.length >= 4;
    alts.add(`"${whole}"${prefix ? "*" : ""}`);
    if (parts.length > 1) alts.add(`"${parts.join(" ")}"`);
    return alts.size > 1 ? `(${[...alts].join(" OR ")})` : [...alts][0];
  });
  return groups.join(" AND ");
}

/** Escape `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const KEYWORD_START =
  /^(?:(?:export|pub(?:\([^)]*\))?|public|private|protected|internal|static|async|abstract|declare|default|final|sealed|unsafe|extern|inline|virtual|override|readonly)\s+)*(?:class|interface|enum|type|function\*?|def|func|fn|struct|trait|union|mod|module|namespace|macro_rules!|const|let|var|static|#define|record|object|package|CREATE|create)\b/;

/** `kind signature`, without repeating the kind when the signature already starts with a keyword. */
export function displaySignature(kind: string, signature: string, name: string): string {
  if (!signature) return `${kind} ${name}`;
  return KEYWORD_START.test(signature) ? signature : `${kind} ${signature}`;
}

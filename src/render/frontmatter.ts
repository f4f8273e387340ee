/** A deterministic YAML frontmatter writer for the keys hosts read; every value is quoted by the `yaml` library. */
import { Document, parse, Scalar, type YAMLMap } from "yaml";

/**
 * A frontmatter value. `{ plain }`: a string left plain wherever YAML reads it back the same (globs, which
 * some hosts match only unquoted); `{ map }`: a nested mapping of strings; `{ raw }`: one line written as it
 * is, for a key a host reads with its own line reader rather than YAML (Cursor's `.mdc` `globs`, see
 * `hosts/cursor.ts`); a value with a line break is quoted by YAML instead.
 */
export type FrontValue =
  | string
  | number
  | boolean
  | string[]
  | { readonly plain: string }
  | { readonly raw: string }
  | { readonly map: Readonly<Record<string, string | Readonly<Record<string, string>>>> };

/** Indicator characters some hosts' YAML readers mishandle even where YAML allows them plain (a glob's `*`). */
const CAUTIOUS = /[*&!|>%@`'"#{}[\]]/;

/**
 * A string scalar, quoted by the `yaml` library: plain where it reads back as the same string under both
 * YAML 1.2 and 1.1 (`yes`, `on`, `0o7` are not strings to a 1.1 reader) and holds no indicator character,
 * double-quoted otherwise.
 */
function scalar(s: string, cautious = true): Scalar {
  const node = new Scalar(s);
  if ((cautious && CAUTIOUS.test(s)) || !readsBackPlain(s)) node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/**
 * Printable ASCII starting with a letter: the only such strings that YAML 1.1 or 1.2 reads as something else
 * are these words and YAML 1.1's digitless floats (`e5`); every other number, date, `.inf` or `<<` starts
 * with a digit, sign or punctuation. The `yaml` library quotes any other one it cannot write plain.
 */
const LETTER_FIRST = /^[A-Za-z][\x20-\x7e]*$/;
const NOT_A_STRING =
  /^(?:[YyNn]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|[Nn]ull|NULL|[eE][-+]?[0-9]+)$/;

/** Whether `s`, written plain by the `yaml` library, reads back as `s` under YAML 1.1 (memoised per string). */
const plainOk = new Map<string, boolean>();
function readsBackPlain(s: string): boolean {
  if (LETTER_FIRST.test(s)) return !NOT_A_STRING.test(s);
  let ok = plainOk.get(s);
  if (ok === undefined) {
    const plain = new Document({ v: s }).toString({ lineWidth: 0 });
    ok = parse(plain, { version: "1.1" })?.v === s;
    // Every host renders the same names, descriptions and globs: one check each per run is enough.
    if (plainOk.size >= 20_000) plainOk.clear();
    plainOk.set(s, ok);
  }
  return ok;
}

/** What the `yaml` library rules out for a plain scalar (its `plainString`), less line breaks (never here). */
const PLAIN_REFUSED = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|:[ \t]|[\t ]#|[\t :]$/;

/**
 * How the `yaml` library writes a one-line printable ASCII string as a value, without it: double quotes
 * around it when `scalar` quotes it and it holds no `"` or `\` (nothing to escape), or as it is when it starts
 * with a letter and YAML allows it plain; undefined for anything else, which the library writes.
 */
function simpleScalar(s: string, cautious: boolean): string | undefined {
  if (!/^[\x20-\x7e]+$/.test(s)) return undefined;
  if ((cautious && CAUTIOUS.test(s)) || !readsBackPlain(s)) return /["\\]/.test(s) ? undefined : `"${s}"`;
  return LETTER_FIRST.test(s) && !PLAIN_REFUSED.test(s) ? s : undefined;
}

/** `key: value` for a plain key and a simple string value (see `simpleScalar`); undefined otherwise. */
function simplePair(k: string, v: FrontValue): string | undefined {
  if (!/^[A-Za-z][\w-]*$/.test(k) || NOT_A_STRING.test(k)) return undefined;
  const text =
    typeof v === "string"
      ? simpleScalar(v, true)
      : typeof v === "object" && "plain" in v
        ? simpleScalar(v.plain, false)
        : undefined;
  return text === undefined ? undefined : `${k}: ${text}\n`;
}

function node(doc: Document, v: FrontValue): unknown {
  if (typeof v === "string") return scalar(v);
  if (Array.isArray(v)) return doc.createNode(v.map((x) => scalar(x)));
  if (typeof v === "object" && "plain" in v) return scalar(v.plain, false);
  if (typeof v === "object" && "raw" in v) return scalar(v.raw);
  if (typeof v === "object") {
    const map = doc.createNode({}) as YAMLMap;
    for (const [k, x] of Object.entries(v.map)) {
      if (typeof x === "string") map.set(scalar(k), scalar(x));
      else map.set(scalar(k), node(doc, { map: x }));
    }
    return map;
  }
  return v;
}

/**
 * A top-level block mapping is its pairs' lines in order, each pair written the same whatever its neighbours
 * (no anchors, no comments), so each `key: value` is rendered once as a one-pair document and reused: every
 * host writes the same names, descriptions and globs (memoised per key and value).
 */
const pairText = new Map<string, string>();
function pairLines(k: string, v: FrontValue): string {
  const memo = `${k}\u0000${JSON.stringify(v)}`;
  let text = pairText.get(memo);
  if (text === undefined) {
    if (typeof v === "object" && "raw" in v && !/[\r\n]/.test(v.raw) && /^[A-Za-z][\w-]*$/.test(k)) {
      // The host's own line form, for a key it reads with its own line reader (see FrontValue).
      text = `${k}: ${v.raw}\n`;
    } else text = simplePair(k, v);
    if (text === undefined) {
      const doc = new Document({});
      doc.set(k, node(doc, v));
      text = doc.toString({ lineWidth: 0, indentSeq: true });
    }
    if (pairText.size >= 20_000) pairText.clear();
    pairText.set(memo, text);
  }
  return text;
}

export function renderFrontmatter(fields: Array<[string, FrontValue]>): string {
  if (fields.length === 0) return "";
  // A key given twice keeps its first place and its last value (as a YAML map's `set` does).
  const last = new Map<string, FrontValue>();
  for (const [k, v] of fields) last.set(k, v);
  let text = "---\n";
  for (const [k, v] of last) text += pairLines(k, v);
  return `${text}---\n`;
}

/** One string as the `yaml` library writes it in frontmatter (plain when it reads back the same, else quoted). */
export function yamlString(s: string): string {
  return new Document(scalar(s)).toString({ lineWidth: 0 }).replace(/\n$/, "");
}

/** Frontmatter plus body, with exactly one trailing newline. */
export function markdownFile(fields: Array<[string, FrontValue]>, body: string): string {
  const b = body.replace(/^\n+/, "").replace(/\s+$/, "");
  return `${renderFrontmatter(fields)}${b}\n`;
}

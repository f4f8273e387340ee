import { LineCounter, parseDocument } from "yaml";

export interface ParseProblem {
  message: string;
  line: number;
  column: number;
}

export interface Frontmatter {
  /** The parsed mapping, or undefined when there is no (valid) frontmatter. */
  data: Record<string, unknown> | undefined;
  /** Whether the text opened a frontmatter block at all. */
  present: boolean;
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
  errors: ParseProblem[];
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** Normalise a text file: strip a UTF-8 BOM and turn CRLF/CR into LF. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/** Split YAML frontmatter from a Markdown text. Positions in errors are file positions (1-based). */
export function parseFrontmatter(raw: string): Frontmatter {
  const text = normaliseText(raw);
  const lines = text.split("\n");
  if (!OPEN.test(lines[0] ?? "")) {
    return { data: undefined, present: false, body: text, bodyLine: 1, errors: [] };
  }
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i] ?? "")) {
      end = i;
      break;
    }
  }
  if (end === -1) {
    return {
      data: undefined,
      present: true,
      body: text,
      bodyLine: 1,
      errors: [{ message: "frontmatter is opened with '---' but never closed", line: 1, column: 1 }],
    };
  }
  const yamlText = lines.slice(1, end).join("\n");
  const body = lines.slice(end + 1).join("\n");
  const parsed = parseYaml(yamlText, 1);
  const errors = [...parsed.errors];
  let data: Record<string, unknown> | undefined;
  if (errors.length === 0) {
    if (parsed.value === null || parsed.value === undefined) data = {};
    else if (typeof parsed.value === "object" && !Array.isArray(parsed.value))
      data = parsed.value as Record<string, unknown>;
    else errors.push({ message: "frontmatter must be a YAML mapping (key: value)", line: 2, column: 1 });
  }
  return { data, present: true, body, bodyLine: end + 2, errors };
}

/** Parse a YAML text; `lineOffset` is added to reported lines (for embedded YAML). */
export function parseYaml(text: string, lineOffset = 0): { value: unknown; errors: ParseProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(normaliseText(text), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    const first = e.message.split("\n")[0] ?? e.message;
    return {
      message: first.replace(/ at line \d+, column \d+:?$/, ""),
      line: pos.line + lineOffset,
      column: pos.col,
    };
  });
  if (errors.length > 0) return { value: undefined, errors };
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }), errors: [] };
  } catch (e) {
    return { value: undefined, errors: [{ message: (e as Error).message, line: 1 + lineOffset, column: 1 }] };
  }
}

export interface LenientFrontmatter extends Frontmatter {
  /** Keys whose value was not valid YAML and was taken as the plain text of the line(s), with their line. */
  lenient: Array<{ key: string; line: number; error: string }>;
}

const ENTRY = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]|$)/;

/**
 * The fallback when strict parsing fails, as forgiving as Claude Code's own loader: the frontmatter is split
 * into top-level `key:` entries (a line starts an entry only when `isKey` accepts its key, so `Context:` or
 * `user:` inside a long description continue it); each entry is parsed as YAML on its own, and one that does
 * not parse (an unquoted `: ` in a description, a glob starting with `*`) is kept as its raw text.
 */
export function parseFrontmatterLenient(
  raw: string,
  isKey: (key: string) => boolean = () => true,
): LenientFrontmatter {
  const strict = parseFrontmatter(raw);
  if (!strict.present || strict.errors.length === 0) return { ...strict, lenient: [] };
  const lines = normaliseText(raw).split("\n");
  const end = lines.findIndex((l, i) => i > 0 && CLOSE.test(l));
  if (end === -1) return { ...strict, lenient: [] };
  const entries: Array<{ key: string; start: number; lines: string[] }> = [];
  for (let i = 1; i < end; i++) {
    const line = lines[i] ?? "";
    const m = ENTRY.exec(line);
    const last = entries[entries.length - 1];
    if (m && (isKey(m[1] as string) || !last))
      entries.push({ key: m[1] as string, start: i + 1, lines: [line] });
    else if (last) last.lines.push(line);
    else if (line.trim() !== "" && !line.trimStart().startsWith("#")) return { ...strict, lenient: [] };
  }
  const data: Record<string, unknown> = {};
  const lenient: LenientFrontmatter["lenient"] = [];
  for (const e of entries) {
    const parsed = parseYaml(e.lines.join("\n"), e.start - 1);
    const v = parsed.value as Record<string, unknown> | undefined;
    if (parsed.errors.length === 0 && v && typeof v === "object" && e.key in v) {
      data[e.key] = v[e.key];
      continue;
    }
    const first = (e.lines[0] ?? "").replace(ENTRY, "");
    data[e.key] = [first, ...e.lines.slice(1)].join("\n").trim();
    lenient.push({ key: e.key, line: e.start, error: parsed.errors[0]?.message ?? "not valid YAML" });
  }
  return {
    data,
    present: true,
    body: lines.slice(end + 1).join("\n"),
    bodyLine: end + 2,
    errors: [],
    lenient,
  };
}

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

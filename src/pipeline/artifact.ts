/**
 * Pipeline artifacts, the pure part: which kind a file is, parsing JSON and Markdown-with-frontmatter
 * artifacts into the structured object, mapping a JSON pointer back to the line of the key in the file, and
 * formatting errors as `file:line: <pointer> <message>`. No file system: texts come in as strings.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { normaliseText } from "../core/frontmatter.js";
import { parseJson } from "../core/json.js";

export type ArtifactFormat = "json" | "markdown";

export interface ArtifactError {
  file: string;
  line: number;
  /** JSON pointer into the structured object ("" is the whole object). */
  pointer: string;
  message: string;
}

/** A parsed artifact: the structured object and a pointer → file line mapper. */
export type ParsedArtifact =
  | { ok: true; data: unknown; format: ArtifactFormat; lineOf: (pointer: string) => number }
  | { ok: false; error: ArtifactError };

/**
 * The kind of an artifact file is its name: `<kind>.json` or `<kind>.md` (so `artifacts/specify/spec.md` is a
 * `spec`). Undefined when the extension is neither.
 */
export function artifactKindOf(file: string): { kind: string; format: ArtifactFormat } | undefined {
  const base = file.replace(/\\/g, "/").split("/").pop() ?? file;
  const m = /^(.+)\.(json|md)$/i.exec(base);
  if (!m?.[1] || !m[2]) return undefined;
  return { kind: m[1].toLowerCase(), format: m[2].toLowerCase() === "json" ? "json" : "markdown" };
}

/** `file:line: <pointer> <message>`; the whole object's pointer prints as `(root)`. */
export function formatArtifactError(e: ArtifactError): string {
  return `${e.file}:${e.line}: ${e.pointer === "" ? "(root)" : e.pointer} ${e.message}`;
}

/** Pointer segments, `~1` and `~0` unescaped (RFC 6901). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** One pointer segment escaped (RFC 6901). */
export function escapeSegment(s: string): string {
  return s.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Offset of the deepest node a pointer reaches in a YAML (or JSON, a subset) document: the key of a mapping
 * entry, the item of a sequence. A pointer that leaves the document stops at the last node it reached.
 */
function offsetOf(contents: Node | null, segments: string[]): number {
  let node: unknown = contents;
  let offset = (contents?.range?.[0] as number | undefined) ?? 0;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      const key = pair.key as Node;
      offset = key.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!/^\d+$/.test(seg) || !item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

/** Parse a YAML text keeping source ranges; `firstLine` is the file line the text starts on. */
function yamlWithLines(text: string, firstLine: number) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    keepSourceTokens: false,
  });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  return { doc, lineAt };
}

function fail(file: string, line: number, message: string): ParsedArtifact {
  return { ok: false, error: { file, line, pointer: "", message } };
}

function parseJsonArtifact(file: string, text: string): ParsedArtifact {
  const r = parseJson(text);
  if (!r.ok) return fail(file, r.line, `not valid JSON: ${r.message}`);
  const data = r.value;
  const { doc, lineAt } = yamlWithLines(text, 1);
  const located = doc.errors.length === 0;
  return {
    ok: true,
    data,
    format: "json",
    lineOf: (p) => (located ? lineAt(offsetOf(doc.contents, pointerSegments(p))) : 1),
  };
}

function parseMarkdownArtifact(file: string, text: string): ParsedArtifact {
  const lines = text.split("\n");
  if (!/^---[ \t]*$/.test(lines[0] ?? ""))
    return fail(
      file,
      1,
      "no frontmatter: a Markdown artifact starts with a '---' YAML block holding its fields",
    );
  const end = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l));
  if (end === -1) return fail(file, 1, "frontmatter is opened with '---' but never closed");
  const { doc, lineAt } = yamlWithLines(lines.slice(1, end).join("\n"), 2);
  const first = doc.errors[0];
  if (first) {
    const msg = (first.message.split("\n")[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, "");
    return fail(file, lineAt(first.pos[0]), `malformed YAML frontmatter: ${msg}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    return fail(file, 2, `malformed YAML frontmatter: ${(e as Error).message}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return fail(file, 2, "frontmatter must be a YAML mapping (key: value)");
  return {
    ok: true,
    data,
    format: "markdown",
    lineOf: (p) => lineAt(offsetOf(doc.contents, pointerSegments(p))),
  };
}

/** Parse an artifact's text: JSON as a whole, Markdown by its frontmatter (the body is free text). */
export function parseArtifact(file: string, raw: string, format: ArtifactFormat): ParsedArtifact {
  const text = normaliseText(raw);
  return format === "json" ? parseJsonArtifact(file, text) : parseMarkdownArtifact(file, text);
}

/** The subset of an Ajv error this layer reads. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * Schema errors as artifact errors: the pointer is the instance's, the line is the deepest place the error
 * can be pinned to (an unexpected property's own key; a missing property's parent).
 */
export function toArtifactErrors(
  file: string,
  errors: readonly SchemaError[],
  lineOf: (pointer: string) => number,
): ArtifactError[] {
  const out: ArtifactError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const extra = e.keyword === "additionalProperties" ? e.params.additionalProperty : undefined;
    const at = typeof extra === "string" ? `${e.instancePath}/${escapeSegment(extra)}` : e.instancePath;
    let message = e.message ?? e.keyword;
    if (e.keyword === "enum" && Array.isArray(e.params.allowedValues))
      message += `: ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    if (e.keyword === "const") message += `: ${JSON.stringify(e.params.allowedValue)}`;
    if (typeof extra === "string") message += `: '${extra}'`;
    const err = { file, line: lineOf(at), pointer: e.instancePath, message };
    const key = formatArtifactError(err);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(err);
  }
  return out.sort((a, b) => a.line - b.line || a.pointer.localeCompare(b.pointer));
}

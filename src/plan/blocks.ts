/** Marker-delimited managed blocks inside files the user also edits (AGENTS.md, config.toml). */

export type CommentStyle = "html" | "hash";

export function markers(style: CommentStyle): { begin: string; end: string } {
  return style === "html"
    ? { begin: "<!-- cadre:begin -->", end: "<!-- cadre:end -->" }
    : { begin: "# cadre:begin", end: "# cadre:end" };
}

export interface Found {
  /** The block's inner text. */
  inner: string;
  /** Offsets of the whole block: from the begin marker to after the end marker's newline. */
  start: number;
  end: number;
}

/** Find cadre's block. Undefined when there is none, or the markers are unbalanced. */
export function findBlock(text: string, style: CommentStyle): Found | undefined {
  const { begin, end } = markers(style);
  const a = text.indexOf(`${begin}\n`);
  if (a === -1 || (a > 0 && text[a - 1] !== "\n")) return undefined;
  const innerStart = a + begin.length + 1;
  const b = text.indexOf(`${end}`, innerStart);
  if (b === -1 || (b > 0 && text[b - 1] !== "\n")) return undefined;
  if (text.indexOf(`${begin}\n`, innerStart) !== -1 && text.indexOf(`${begin}\n`, innerStart) < b)
    return undefined;
  let close = b + end.length;
  if (text[close] === "\n") close++;
  return { inner: text.slice(innerStart, b), start: a, end: close };
}

function wrap(inner: string, style: CommentStyle): string {
  const { begin, end } = markers(style);
  const body = inner.endsWith("\n") || inner === "" ? inner : `${inner}\n`;
  return `${begin}\n${body}${end}\n`;
}

/** Replace the block in place, or append it; returns the new text and the separator inserted before it. */
export function upsertBlock(
  text: string | null,
  inner: string,
  style: CommentStyle,
): { text: string; sep: string } {
  const t = text ?? "";
  const found = findBlock(t, style);
  if (found) return { text: t.slice(0, found.start) + wrap(inner, style) + t.slice(found.end), sep: "" };
  const sep = t === "" ? "" : t.endsWith("\n") ? "\n" : "\n\n";
  return { text: t + sep + wrap(inner, style), sep };
}

/** Remove the block and the separator cadre inserted before it. */
export function removeBlock(text: string, style: CommentStyle, sep: string): string {
  const found = findBlock(text, style);
  if (!found) return text;
  let start = found.start;
  if (sep && found.end === text.length && text.slice(start - sep.length, start) === sep) start -= sep.length;
  return text.slice(0, start) + text.slice(found.end);
}

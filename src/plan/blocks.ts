/**
 * Marker-delimited managed blocks inside files the user also edits (AGENTS.md, config.toml). A marker is
 * recognised only as a whole line in cadre's exact format; marker text anywhere else is the user's.
 */

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

/** The file's marker lines: cadre's block, none, or a problem (unbalanced, several blocks). */
export type Scan = { found?: Found; problem?: undefined } | { found?: undefined; problem: string };

/** Start offsets of the lines that are exactly `marker`. */
function markerLines(text: string, marker: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    const after = text[at + marker.length];
    if ((at === 0 || text[at - 1] === "\n") && (after === undefined || after === "\n")) out.push(at);
  }
  return out;
}

/** Find cadre's block: one begin line followed by one end line, or none of either. */
export function scanBlock(text: string, style: CommentStyle): Scan {
  const { begin, end } = markers(style);
  const b = markerLines(text, begin);
  const e = markerLines(text, end);
  if (b.length === 0 && e.length === 0) return {};
  const [a, z] = [b[0] as number, e[0] as number];
  if (b.length !== 1 || e.length !== 1 || z < a) {
    const what = b.length > 1 || e.length > 1 ? "more than one" : "an unbalanced";
    return {
      problem: `has ${what} cadre marker line (${b.length} × \`${begin}\`, ${e.length} × \`${end}\`), so cadre cannot tell which block is its own; left untouched. Fix: keep exactly one \`${begin}\` … \`${end}\` pair (or none), then run cadre sync`,
    };
  }
  const innerStart = a + begin.length + 1;
  let close = z + end.length;
  if (text[close] === "\n") close++;
  return { found: { inner: text.slice(Math.min(innerStart, z), z), start: a, end: close } };
}

/** Find cadre's block. Undefined when there is none, or the markers are unbalanced. */
export function findBlock(text: string, style: CommentStyle): Found | undefined {
  return scanBlock(text, style).found;
}

/** A problem when `inner` has a line that would read as one of cadre's markers. */
export function markerInContent(inner: string, style: CommentStyle): string | undefined {
  const { begin, end } = markers(style);
  const bad = [begin, end].find((m) => markerLines(inner, m).length > 0);
  return bad
    ? `the rendered block has a line \`${bad}\`, which would end cadre's block early; left untouched. Fix: remove that line from the item`
    : undefined;
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

import { hash } from "node:crypto";
import { camelParts, expandForIndex } from "./fts.js";
import type { FileExtract, Prepared } from "./types.js";

/**
 * The CPU-heavy part of storing a file — symbol source hashes and the FTS text (identifiers split on case) —
 * computed next to the parse (on a worker thread when there are workers), so the writer only inserts.
 */
export function prepareForStore(text: string, x: FileExtract): Prepared {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const symbolHashes = x.symbols.map((s) => {
    const from = starts[s.line - 1] ?? 0;
    const to = s.endLine < starts.length ? (starts[s.endLine] as number) - 1 : text.length;
    return hash("sha1", text.slice(from, Math.max(from, to)));
  });
  const symbolFts = x.symbols.map(
    (s) =>
      [expandForIndex(s.name), expandForIndex(s.qualname), expandForIndex(s.signature)] as [
        string,
        string,
        string,
      ],
  );
  return { lines: starts.length, symbolHashes, symbolFts, bodySuffix: camelParts(text) };
}

/** Parse result plus its prepared store rows. */
export function withPrepared(text: string, x: FileExtract): FileExtract {
  return { ...x, prepared: prepareForStore(text, x) };
}

import { fileSummaries, nestedIn, symbolSummaries } from "./recall.js";
import type { FileRow, SymbolRow } from "./store.js";

/** The stored L0/L1 summaries of one file and its symbols, made from the index alone (no file is read). */

/** target, tier, source hash, text */
export type SummaryRow = [string, "L0" | "L1", string, string];

/** Kinds that get no summary of their own (data keys and Markdown headings are their file's outline). */
const UNSUMMARISED = new Set(["key", "heading"]);

/**
 * Rows for the file and each of its symbols that has no summary for its current source hash in `have`
 * (`target + " " + hash`). `syms` are the file's symbols in `fileSymbols` order. Linear in the symbols
 * (times their nesting depth): `visits` counts the symbols looked at while nesting them.
 */
export function fileSummaryRows(
  f: FileRow,
  syms: readonly SymbolRow[],
  have: ReadonlySet<string>,
): { rows: SummaryRow[]; kept: number; visits: number } {
  const rows: SummaryRow[] = [];
  const visits = { n: 0 };
  let kept = 0;
  if (have.has(`${f.path} ${f.hash}`)) kept++;
  else {
    const { l0, l1 } = fileSummaries(f, syms);
    rows.push([f.path, "L0", f.hash, l0], [f.path, "L1", f.hash, l1[l1.length - 1] ?? l0]);
  }
  syms.forEach((s, i) => {
    if (UNSUMMARISED.has(s.kind)) return;
    if (have.has(`${s.id} ${s.hash}`)) {
      kept++;
      return;
    }
    const { l0, l1 } = symbolSummaries(s, nestedIn(syms, i, visits));
    rows.push([s.id, "L0", s.hash, l0], [s.id, "L1", s.hash, l1]);
  });
  return { rows, kept, visits: visits.n };
}

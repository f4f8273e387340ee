import type { SourceSummary } from "../../app/list.js";
import { LAYOUTS_HINT } from "../../model/discover.js";
import { type Io, table } from "../io.js";

/** Warnings for source folders in which nothing was recognised (never a silent "0 items"). */
export function emptySourceWarnings(sources: readonly SourceSummary[]) {
  return sources
    .filter((s) => s.items === 0)
    .map((s) => ({
      code: "nothing-recognised",
      message: `no items recognised in ${s.root}${s.loadErrors ? ` (${s.loadErrors} file(s) failed to load: run \`cadre lint ${s.root}\`)` : ""}`,
      hint: LAYOUTS_HINT,
    }));
}

export function printEmptySources(io: Io, sources: readonly SourceSummary[]): void {
  for (const w of emptySourceWarnings(sources))
    io.err(`${io.color.yellow("warning:")} ${w.message}\n  ${io.color.dim(`hint: ${w.hint}`)}\n`);
}

/** Which layout each source folder was read as, and why: the matching file or folder and rule, per line. */
export function printDiscovery(io: Io, sources: readonly SourceSummary[]): void {
  const c = io.color;
  for (const s of sources) {
    const kinds = Object.entries(s.byKind)
      .map(([k, n]) => `${n} ${k}${n === 1 ? "" : "s"}`)
      .join(", ");
    io.out(
      `\n${c.bold(s.root)} ${c.dim(`→ pack ${s.pack}`)}: ${s.layouts.join(", ")} (${kinds || "no items"})\n`,
    );
    const rows = s.discovery.map((r) => [
      `  ${r.path || "."}`,
      r.rule,
      r.items ? `${r.items} item${r.items === 1 ? "" : "s"}` : "-",
      c.dim(r.note ?? ""),
    ]);
    if (rows.length) io.out(`${table(rows)}\n`);
    else io.out(`  ${c.dim("nothing matched a known layout")}\n`);
  }
}

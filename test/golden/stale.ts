import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Golden hygiene: `toMatchFileSnapshot` writes files but never deletes them, so a golden file that no case
 * produces any more would stay and mislead. Every file under `dir` (minus `skip` folders) must be produced.
 */
export function staleGoldens(dir: string, produced: Iterable<string>, skip: string[] = []): string[] {
  const want = new Set([...produced].map((p) => relative(dir, p)));
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [relative(dir, join(d, e.name))],
    );
  return walk(dir)
    .filter((f) => !skip.some((s) => f === s || f.startsWith(`${s}/`)))
    .filter((f) => !want.has(f))
    .sort();
}

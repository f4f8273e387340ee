/**
 * The fast entry for a plain `cadre sync` (bin/cadre.js routes here): with nothing to do, it answers from the
 * fast-path fingerprint without loading commander, the command table or the library. Anything else (an
 * option, a changed input, a leftover journal) returns false and goes to the full CLI, which decides again.
 */
import { upToDate } from "../app/fast-path.js";
import { layoutOf } from "../app/layout.js";
import { VERSION } from "./version.js";

/** `sync` with no argument but `-q`/`--quiet`; false when the full CLI should handle it. */
export async function syncMain(argv: readonly string[]): Promise<boolean> {
  if (argv.some((a) => a !== "-q" && a !== "--quiet")) return false;
  const n = await upToDate(layoutOf({ cwd: process.cwd(), env: process.env }), VERSION).catch(
    () => undefined,
  );
  if (n === undefined) return false;
  if (argv.length === 0) process.stdout.write(`nothing to do; ${n} files up to date\n`);
  return true;
}

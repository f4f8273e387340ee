/**
 * The fast entry for `cadre index refresh <path…>` (bin/cadre.js routes here): an editor's save hook or an
 * agent runs it once per changed file, so it skips commander, the command table and the modules only other
 * commands need. It takes paths, `--db <file>`, `-C/--cwd <dir>`, `--json` and `-q`; anything else (`--help`,
 * another option) returns false and goes to the full CLI, which parses the same arguments and prints the same
 * output.
 */
import { resolve } from "node:path";
import { refreshPaths, type WatchRefresh } from "../app/index-build.js";
import { resolveIndexTarget } from "../app/index-open.js";
import { envelope } from "./io.js";
import { VERSION } from "./version.js";

interface RefreshArgs {
  paths: string[];
  db?: string;
  cwd?: string;
  json: boolean;
  quiet: boolean;
}

const VALUE_OPTIONS = new Map<string, "db" | "cwd">([
  ["--db", "db"],
  ["--cwd", "cwd"],
  ["-C", "cwd"],
]);

/**
 * `refresh <path…> [--db F] [-C D] [--json] [-q]` → its parts; undefined when the full CLI should handle it
 * (no path, `--` or any other option).
 */
export function parseRefreshArgs(argv: readonly string[]): RefreshArgs | undefined {
  if (argv[0] !== "refresh") return undefined;
  const out: RefreshArgs = { paths: [], json: false, quiet: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const key = VALUE_OPTIONS.get(eq < 0 ? a : a.slice(0, eq));
    if (a === "--json") out.json = true;
    else if (a === "-q" || a === "--quiet") out.quiet = true;
    else if (key) {
      const v = eq < 0 ? argv[++i] : a.slice(eq + 1);
      if (!v || v.startsWith("-")) return undefined;
      out[key] = v;
    } else if (a.startsWith("-")) return undefined;
    else out.paths.push(a);
  }
  return out.paths.length ? out : undefined;
}

/**
 * Run `cadre index refresh <path…>` from `process.argv.slice(3)`; false when the full CLI should handle it,
 * including on any error, which the full CLI then reports in its usual form (the refresh is one transaction,
 * so nothing is half done).
 */
export async function indexMain(argv: readonly string[]): Promise<boolean> {
  const a = parseRefreshArgs(argv);
  if (!a) return false;
  process.once("SIGINT", () => {
    process.stderr.write("\ninterrupted\n");
    process.exit(130);
  });
  const t = resolveIndexTarget({ cwd: resolve(a.cwd ?? "."), db: a.db, env: process.env });
  const r = await refreshPaths(t, a.paths).catch(() => undefined);
  if (!r) return false;
  if (a.json) process.stdout.write(`${JSON.stringify(envelope("index refresh", VERSION, r), null, 2)}\n`);
  else if (!a.quiet) process.stdout.write(refreshText(r));
  return true;
}

/** What `index refresh <path…>` prints: the files refreshed, or that a walk was needed. */
export function refreshText(r: WatchRefresh): string {
  return r.scope === "files"
    ? `refreshed ${r.paths.length ? r.paths.join(", ") : "nothing (unchanged)"} in ${r.ms} ms\n`
    : `refreshed ${r.files} files (a path was not in the index, so the whole tree was walked) in ${r.ms} ms\n`;
}

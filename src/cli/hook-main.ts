/**
 * The fast entry for `cadre hook …` (bin/cadre.js routes here): hosts run it on every tool call, so it
 * skips commander and the command table. Anything it does not understand (`--help`, an unknown option)
 * goes to the full CLI, which parses the same options.
 */
import { runHook } from "../hooks-runtime/run.js";

const VALUE_OPTIONS = new Set(["host", "handler", "event", "failure", "match", "config", "run"]);

/** `hook <id> --host <h> …` → the runtime's arguments; undefined when the full CLI should handle it. */
export function parseHookArgs(argv: readonly string[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (!VALUE_OPTIONS.has(name)) return undefined;
      const value = eq < 0 ? argv[++i] : a.slice(eq + 1);
      if (value === undefined) return undefined;
      out[name] = value;
    } else if (a.startsWith("-") || out.id !== undefined) return undefined;
    else out.id = a;
  }
  return out.id !== undefined && out.host !== undefined ? out : undefined;
}

/** Run `cadre hook` from `process.argv.slice(3)`; false when the arguments need the full CLI. */
export async function hookMain(argv: readonly string[]): Promise<boolean> {
  const a = parseHookArgs(argv);
  if (!a) return false;
  const r = await runHook(
    {
      id: a.id as string,
      host: a.host as string,
      handler: a.handler,
      event: a.event,
      failure: a.failure,
      match: a.match,
      config: a.config,
      run: a.run,
    },
    { stdin: process.stdin, env: process.env, cwd: process.cwd() },
  );
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  process.exitCode = r.exitCode;
  return true;
}

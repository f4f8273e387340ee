import { runHook } from "../../hooks-runtime/run.js";
import type { CommandRun } from "../command.js";

/** `cadre hook <id> --host <host>`: answer a host's hook call on stdout/stderr with its exit code. */
export const run: CommandRun = async (args, opts, io) => {
  const a = await runHook(
    {
      id: args[0] ?? "",
      host: String(opts.host ?? ""),
      handler: opts.handler as string | undefined,
      event: opts.event as string | undefined,
      failure: opts.failure as string | undefined,
      match: opts.match as string | undefined,
      config: opts.config as string | undefined,
      run: opts.run as string | undefined,
    },
    { stdin: process.stdin, env: io.env, cwd: io.cwd },
  );
  if (a.stdout) io.out(a.stdout);
  if (a.stderr) io.err(a.stderr);
  return a.exitCode;
};

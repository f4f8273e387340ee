import { pendingActions, syncCommand } from "../../app/sync.js";
import { unifiedDiff } from "../../plan/diff.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const r = await syncCommand({ cwd: io.cwd, env: io.env, global: opts.global === true, dryRun: true });
  const pending = pendingActions(r.actions);
  const diffs = pending.map((a) => ({
    path: a.path,
    type: a.type,
    reason: a.reason,
    diff:
      a.write !== undefined
        ? unifiedDiff(a.path, a.before, a.write)
        : a.proposal !== undefined
          ? unifiedDiff(a.path, a.before, a.proposal)
          : "",
  }));
  if (io.json) {
    writeJson(io, envelope("diff", VERSION, { files: diffs }));
    return 0;
  }
  for (const d of diffs) {
    io.out(`${io.color.bold(`${d.type}: ${d.path}`)} ${io.color.dim(d.reason)}\n`);
    io.out(colorDiff(io, d.diff));
  }
  if (diffs.length === 0) io.out("no differences: everything is up to date\n");
  return 0;
}

function colorDiff(io: Io, text: string): string {
  const c = io.color;
  return text
    .split("\n")
    .map((l) =>
      l.startsWith("+") && !l.startsWith("+++")
        ? c.green(l)
        : l.startsWith("-") && !l.startsWith("---")
          ? c.red(l)
          : l.startsWith("@@")
            ? c.cyan(l)
            : l,
    )
    .join("\n");
}

import { pendingActions, syncCommand } from "../../app/sync.js";
import { unifiedDiff } from "../../plan/diff.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printActions, printConflicts, printNotes, summaryLine } from "./_plan.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const check = opts.check === true;
  const dryRun = opts.dryRun === true || check;
  const r = await syncCommand({
    cwd: io.cwd,
    env: io.env,
    global: opts.global === true,
    dryRun,
    force: opts.force === true,
  });
  const pending = pendingActions(r.actions);
  const code = r.conflicts.length > 0 || (check && pending.length > 0) ? 1 : 0;
  if (io.json) {
    writeJson(
      io,
      envelope(
        "sync",
        VERSION,
        { applied: r.applied, actions: r.actions.map(actionJson), notes: r.notes, touched: r.touched },
        code === 0,
      ),
    );
    return code;
  }
  printNotes(io, r.notes);
  if (!io.quiet) {
    printActions(io, r.actions, { dry: dryRun });
    if (opts.dryRun === true) {
      for (const a of pending) if (a.write !== undefined) io.out(unifiedDiff(a.path, a.before, a.write));
    }
    io.out(`${summaryLine(r.actions, dryRun)}\n`);
  }
  printConflicts(io, r.conflicts);
  if (check && pending.length > 0) io.err(`${pending.length} files out of date; run \`cadre sync\`\n`);
  return code;
}

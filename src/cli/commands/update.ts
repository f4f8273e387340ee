import { syncCommand } from "../../app/sync.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printActions, printConflicts, printNotes, summaryLine } from "./_plan.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const dryRun = opts.dryRun === true;
  const r = await syncCommand({ cwd: io.cwd, env: io.env, global: opts.global === true, dryRun });
  const code = r.conflicts.length ? 1 : 0;
  if (io.json) {
    writeJson(
      io,
      envelope(
        "update",
        VERSION,
        { changedItems: r.changedItems, actions: r.actions.map(actionJson) },
        code === 0,
      ),
    );
    return code;
  }
  printNotes(io, r.notes);
  if (r.changedItems.length)
    io.out(`${r.changedItems.length} items changed in their sources: ${r.changedItems.join(", ")}\n`);
  else io.out("no item changed in its source\n");
  if (!io.quiet) {
    printActions(io, r.actions, { dry: dryRun });
    io.out(`${summaryLine(r.actions, dryRun)}\n`);
  }
  printConflicts(io, r.conflicts);
  return code;
}

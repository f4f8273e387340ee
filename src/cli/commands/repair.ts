import { repairCommand } from "../../app/repair.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printActions, printConflicts, printNotes, summaryLine } from "./_plan.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const r = await repairCommand({
    cwd: io.cwd,
    env: io.env,
    global: opts.global === true,
    force: opts.force === true,
  });
  const conflicts = r.actions.filter((a) => a.type === "conflict");
  if (io.json) {
    writeJson(
      io,
      envelope(
        "repair",
        VERSION,
        { rebuiltLock: r.rebuilt ?? null, actions: r.actions.map(actionJson) },
        conflicts.length === 0,
      ),
    );
    return conflicts.length ? 1 : 0;
  }
  if (r.rebuilt) io.err(`cadre.lock was damaged (${r.rebuilt}); rebuilt it from the files on disk\n`);
  printNotes(io, r.notes);
  if (!io.quiet) {
    printActions(io, r.actions);
    io.out(`${summaryLine(r.actions, false)}\n`);
  }
  printConflicts(io, conflicts);
  return conflicts.length ? 1 : 0;
}

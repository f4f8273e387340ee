import type { EditResult } from "../../app/edit-config.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printActions, printConflicts, printNotes, summaryLine } from "./_plan.js";

/** Print the outcome of a cadre.yaml edit and the sync that follows it. */
export function printEdit(
  io: Io,
  command: string,
  r: EditResult,
  extra: Record<string, unknown> = {},
): number {
  const conflicts = r.sync?.conflicts ?? [];
  if (io.json) {
    writeJson(
      io,
      envelope(
        command,
        VERSION,
        { changes: r.changes, actions: r.sync?.actions.map(actionJson) ?? [], ...extra },
        conflicts.length === 0,
      ),
    );
    return conflicts.length ? 1 : 0;
  }
  for (const c of r.changes) io.out(`${c}\n`);
  if (r.sync) {
    printNotes(io, r.sync.notes);
    if (!io.quiet) {
      printActions(io, r.sync.actions);
      io.out(`${summaryLine(r.sync.actions, false)}\n`);
    }
    printConflicts(io, conflicts);
  }
  return conflicts.length ? 1 : 0;
}

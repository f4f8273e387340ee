import { usageError } from "../../core/errors.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printActions, printNotes, summaryLine } from "./_plan.js";

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length !== 1)
    throw usageError("untrust needs one source of cadre.yaml", "e.g. cadre untrust github:team/packs");
  const dryRun = opts.dryRun === true;
  const { untrustCommand } = await import("../../app/trust-command.js");
  const r = await untrustCommand({
    cwd: io.cwd,
    env: io.env,
    global: opts.global === true,
    source: args[0] as string,
    dryRun,
    version: VERSION,
  });
  const conflicts = r.sync.conflicts.length;
  if (io.json) {
    writeJson(
      io,
      envelope(
        "untrust",
        VERSION,
        { source: r.source, untrusted: r.had, dryRun, actions: r.sync.actions.map(actionJson) },
        conflicts === 0,
      ),
    );
    return conflicts ? 1 : 0;
  }
  io.out(
    r.had.length
      ? `${dryRun ? "would drop" : "dropped"} the trust in ${r.had.length} item${r.had.length === 1 ? "" : "s"} of ${r.source}\n`
      : `${r.source} has no trust records in cadre.lock; nothing to drop\n`,
  );
  printNotes(io, r.sync.notes);
  if (!io.quiet) {
    printActions(io, r.sync.actions, { dry: dryRun });
    io.out(`${summaryLine(r.sync.actions, dryRun)}\n`);
  }
  return conflicts ? 1 : 0;
}

import { updateCommand } from "../../app/outdated.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printActions, printConflicts, printNotes, summaryLine } from "./_plan.js";

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const dryRun = opts.dryRun === true;
  const u = await updateCommand({
    cwd: io.cwd,
    env: io.env,
    global: opts.global === true,
    dryRun,
    targets: args,
    version: VERSION,
    askTrust:
      io.json || !io.isTTY || !process.stdin.isTTY
        ? undefined
        : async (rv) => {
            const { askTrust, printReview } = await import("./_trust.js");
            await printReview(io, rv);
            return askTrust(io, `${rv.source} changed what it runs. Trust the new content?`);
          },
  });
  const r = u.sync;
  const code = r.conflicts.length ? 1 : 0;
  if (io.json) {
    writeJson(
      io,
      envelope(
        "update",
        VERSION,
        {
          sources: u.moved,
          changedItems: u.changed,
          addedItems: u.added,
          removedItems: u.removed,
          actions: r.actions.map(actionJson),
        },
        code === 0,
      ),
    );
    return code;
  }
  printNotes(io, r.notes);
  for (const m of u.moved) io.out(`${m.source}: ${m.from ?? "(new)"} → ${m.to ?? "(removed)"}\n`);
  if (u.changed.length)
    io.out(`${u.changed.length} items changed in their sources: ${u.changed.join(", ")}\n`);
  if (u.added.length) io.out(`${u.added.length} items added: ${u.added.join(", ")}\n`);
  if (u.removed.length) io.out(`${u.removed.length} items removed: ${u.removed.join(", ")}\n`);
  if (!u.changed.length && !u.added.length && !u.removed.length) io.out("no item changed in its source\n");
  if (!io.quiet) {
    printActions(io, r.actions, { dry: dryRun });
    io.out(`${summaryLine(r.actions, dryRun)}\n`);
  }
  printConflicts(io, r.conflicts);
  return code;
}

import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printActions, printConflicts, printNotes, summaryLine } from "./_plan.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const check = opts.check === true;
  const dryRun = opts.dryRun === true || check;
  const base = { cwd: io.cwd, env: io.env, global: opts.global === true };
  if (opts.force !== true && opts.dryRun !== true && opts.link !== true) {
    // Nothing changed since the last clean sync: answer without loading the library.
    const [{ upToDate }, { layoutOf }] = await Promise.all([
      import("../../app/fast-path.js"),
      import("../../app/layout.js"),
    ]);
    const n = await upToDate(layoutOf(base), VERSION);
    if (n !== undefined) {
      if (io.json)
        writeJson(
          io,
          envelope("sync", VERSION, { applied: false, actions: [], notes: [], touched: [], upToDate: n }),
        );
      else if (!io.quiet) io.out(`nothing to do; ${n} files up to date\n`);
      return 0;
    }
  }
  const { pendingActions, syncCommand } = await import("../../app/sync.js");
  const link = opts.link === true ? true : undefined;
  const r = await syncCommand({ ...base, dryRun, force: opts.force === true, link, version: VERSION });
  const pending = pendingActions(r.actions);
  const code = r.conflicts.length > 0 || (check && pending.length > 0) ? 1 : 0;
  if (io.json) {
    const data = {
      applied: r.applied,
      actions: r.actions.map(actionJson),
      notes: r.notes,
      touched: r.touched,
    };
    writeJson(io, envelope("sync", VERSION, data, code === 0));
    return code;
  }
  printNotes(io, r.notes);
  if (!io.quiet) {
    printActions(io, r.actions, { dry: dryRun });
    if (opts.dryRun === true) {
      const { unifiedDiff } = await import("../../plan/diff.js");
      for (const a of pending) if (a.write !== undefined) io.out(unifiedDiff(a.path, a.before, a.write));
    }
    io.out(`${summaryLine(r.actions, dryRun)}\n`);
  }
  printConflicts(io, r.conflicts);
  if (check && pending.length > 0) io.err(`${pending.length} files out of date; run \`cadre sync\`\n`);
  return code;
}

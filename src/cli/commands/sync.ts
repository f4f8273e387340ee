import type { RiskyRemoval } from "../../app/sync.js";
import { ErrorCodes, UserError } from "../../core/errors.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printActions, printConflicts, printNotes, summaryLine } from "./_plan.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const check = opts.check === true;
  const dryRun = opts.dryRun === true || check;
  const base = { cwd: io.cwd, env: io.env, global: opts.global === true };
  const frozen = opts.frozen === true;
  if (!check && !frozen && opts.force !== true && opts.dryRun !== true && opts.link !== true) {
    // Nothing changed since the last clean sync: answer without loading the library.
    // Never for --check: the CI gate looks at every file (a same-size edit can keep its mtime).
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
  const { pendingActions, removalHint, removalSummary, syncCommand } = await import("../../app/sync.js");
  const link = opts.link === true ? true : undefined;
  const confirmRemoval = async (risk: RiskyRemoval): Promise<boolean> => {
    if (opts.yes === true) return true;
    if (io.json || !process.stdin.isTTY)
      throw new UserError(ErrorCodes.findings, removalSummary(risk), removalHint(risk));
    io.err(`${removalSummary(risk)}:\n${risk.removed.map((p) => `  ${p}\n`).join("")}`);
    const { createInterface } = await import("node:readline/promises");
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question("Remove them? [y/N] ");
    rl.close();
    return /^y(es)?$/i.test(answer.trim());
  };
  const r = await syncCommand({
    ...base,
    dryRun,
    force: opts.force === true,
    link,
    version: VERSION,
    confirmRemoval,
    resolve: { frozen },
  });
  const pending = pendingActions(r.actions);
  // The gate fails on everything `cadre status` does not call up to date, hand edits included.
  const problems = r.files.filter((f) => f.state !== "up to date");
  const code = r.conflicts.length > 0 || (check && problems.length > 0) ? 1 : 0;
  if (io.json) {
    const data = {
      applied: r.applied,
      actions: r.actions.map(actionJson),
      notes: r.notes,
      touched: r.touched,
      ...(check
        ? {
            check: {
              ok: problems.length === 0,
              files: problems.map((f) => ({ path: f.path, state: f.state, reason: f.reason })),
            },
          }
        : {}),
    };
    writeJson(io, envelope("sync", VERSION, data, code === 0));
    return code;
  }
  printNotes(io, r.notes);
  if (check) {
    for (const f of problems) io.out(`  ${f.state.padEnd(10)} ${f.path}  ${io.color.dim(f.reason)}\n`);
    if (!io.quiet && problems.length === 0) io.out(`${summaryLine(r.actions, true)}\n`);
  } else if (!io.quiet) {
    printActions(io, r.actions, { dry: dryRun });
    if (opts.dryRun === true) {
      const { unifiedDiff } = await import("../../plan/diff.js");
      for (const a of pending) if (a.write !== undefined) io.out(unifiedDiff(a.path, a.before, a.write));
    }
    io.out(`${summaryLine(r.actions, dryRun)}\n`);
  }
  printConflicts(io, r.conflicts);
  if (check && problems.length > 0)
    io.err(
      `${problems.length} files out of date or edited by hand; run \`cadre status\` and \`cadre sync\` (\`--force\` to drop hand edits)\n`,
    );
  return code;
}

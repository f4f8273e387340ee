import { createInterface } from "node:readline/promises";
import { uninstallCommand } from "../../app/uninstall.js";
import { usageError } from "../../core/errors.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printActions, summaryLine } from "./_plan.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const base = { cwd: io.cwd, env: io.env, global: opts.global === true, force: opts.force === true };
  if (opts.yes !== true) {
    if (!io.isTTY || io.json)
      throw usageError("uninstall needs confirmation", "pass --yes to remove everything cadre installed");
    const preview = await uninstallCommand({ ...base, dryRun: true });
    printActions(io, preview.actions, { dry: true });
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question("Remove these files and cadre's blocks and keys? [y/N] ");
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.err("cancelled\n");
      return 1;
    }
  }
  const r = await uninstallCommand(base);
  if (io.json) {
    writeJson(io, envelope("uninstall", VERSION, { actions: r.actions.map(actionJson), touched: r.touched }));
    return 0;
  }
  if (!io.quiet) {
    printActions(io, r.actions);
    io.out(`${summaryLine(r.actions, false)}\n`);
  }
  const kept = r.actions.filter((a) => a.type === "untrack" && /edited/.test(a.reason));
  if (kept.length) io.err(`kept ${kept.length} files you edited (use --force to delete them too)\n`);
  const adopted = r.actions.filter((a) => a.type === "untrack" && /^adopted/.test(a.reason));
  if (adopted.length)
    io.err(
      `kept ${adopted.length} files cadre adopted but did not create (use --force to delete them too)\n`,
    );
  return 0;
}

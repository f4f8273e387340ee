import { usageError } from "../../core/errors.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printActions, printNotes, summaryLine } from "./_plan.js";
import { printReview, reviewJson } from "./_trust.js";

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const base = { cwd: io.cwd, env: io.env, global: opts.global === true };
  const { trustCommand, trustList } = await import("../../app/trust-command.js");
  if (opts.list === true) {
    if (args.length) throw usageError("trust --list takes no source", "e.g. cadre trust --list");
    const reviews = await trustList(base);
    if (io.json) writeJson(io, envelope("trust", VERSION, { sources: reviews.map(reviewJson) }));
    else for (const r of reviews) await printReview(io, r);
    return 0;
  }
  if (args.length !== 1)
    throw usageError(
      "trust needs one source of cadre.yaml",
      "e.g. cadre trust github:team/packs, or cadre trust --list",
    );
  const dryRun = opts.dryRun === true;
  const r = await trustCommand({ ...base, source: args[0] as string, dryRun, version: VERSION });
  const conflicts = r.sync?.conflicts.length ?? 0;
  if (io.json) {
    writeJson(
      io,
      envelope(
        "trust",
        VERSION,
        {
          ...reviewJson(r.review),
          trusted: r.trusted,
          dryRun,
          actions: r.sync?.actions.map(actionJson) ?? [],
        },
        conflicts === 0,
      ),
    );
    return conflicts ? 1 : 0;
  }
  await printReview(io, r.review);
  if (r.trusted.length)
    io.out(
      `${dryRun ? "would trust" : "trusted"} ${r.trusted.length} item${r.trusted.length === 1 ? "" : "s"} of ${r.review.source} in cadre.lock\n`,
    );
  if (r.sync) {
    printNotes(io, r.sync.notes);
    if (!io.quiet) {
      printActions(io, r.sync.actions, { dry: dryRun });
      io.out(`${summaryLine(r.sync.actions, dryRun)}\n`);
    }
  }
  return conflicts ? 1 : 0;
}

import type { DecideResult, LearningRow } from "../../app/learn.js";
import { usageError } from "../../core/errors.js";
import type { CommandRun } from "../command.js";
import { envelope, type Io, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";

const ACTIONS = ["propose", "list", "accept", "reject", "archive"];
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const strs = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : undefined);

function printRows(io: Io, rows: LearningRow[]): void {
  if (rows.length === 0) {
    io.out("no learnings (the learn phase proposes them: `cadre learn propose`)\n");
    return;
  }
  const body = rows.map((r) => [
    r.state,
    r.learning.id,
    r.learning.scope,
    String(r.learning.confidence),
    r.learning.statement.split("\n")[0]?.slice(0, 80) ?? "",
  ]);
  io.out(`${table([["STATE", "ID", "SCOPE", "CONF", "STATEMENT"], ...body])}\n`);
}

function decided(io: Io, r: DecideResult): void {
  const verb = r.dryRun ? "would move" : "moved";
  io.out(`${r.id}: ${verb} ${r.from} → ${r.to} (${r.file})\n`);
  if (r.rule) io.out(`  rule ${r.to === "archived" ? "removed" : "written"}: ${r.rule}\n`);
  for (const c of r.config) io.out(`  cadre.yaml: ${c}\n`);
  io.out(`  next: ${r.next}\n`);
}

export const run: CommandRun = async (args, opts, io) => {
  const [action, ...rest] = args;
  if (!action || !ACTIONS.includes(action))
    throw usageError(`learn needs one of: ${ACTIONS.join(", ")}`, "e.g. cadre learn list");
  const app = await import("../../app/learn.js");
  const o = { cwd: io.cwd, env: io.env, dryRun: opts.dryRun === true };
  const done = (data: unknown, print: () => void) => {
    if (io.json) writeJson(io, envelope(`learn ${action}`, VERSION, data));
    else print();
    return 0;
  };
  if (action === "list") {
    if (rest.length)
      throw usageError("learn list takes no arguments", "e.g. cadre learn list --state proposed");
    const rows = await app.learnList(o, str(opts.state));
    return done({ learnings: rows }, () => printRows(io, rows));
  }
  if (action === "propose") {
    if (rest.length)
      throw usageError("learn propose takes options only", 'e.g. cadre learn propose --statement "…"');
    const r = await app.learnPropose(o, {
      statement: str(opts.statement),
      scope: str(opts.scope),
      confidence: str(opts.confidence),
      evidence: strs(opts.evidence),
      kind: str(opts.kind),
      tags: strs(opts.tag),
      id: str(opts.id),
      run: str(opts.run),
      from: str(opts.from),
    });
    return done(r, () => {
      for (const p of r.proposed)
        io.out(`${o.dryRun ? "would propose" : "proposed"} ${p.learning.id} (${p.file})\n`);
      for (const s of r.skipped) io.err(`skipped ${s.id}: already exists (${s.file})\n`);
      if (r.proposed.length)
        io.out(`next: review it, then \`cadre learn accept <id>\` or \`cadre learn reject <id>\`\n`);
    });
  }
  const [id, ...extra] = rest;
  if (!id || extra.length)
    throw usageError(`learn ${action} needs one learning id`, "`cadre learn list` shows them");
  const reason = str(opts.reason);
  const r =
    action === "accept"
      ? await app.learnAccept(o, id)
      : action === "reject"
        ? await app.learnReject(o, id, reason)
        : await app.learnArchive(o, id, reason);
  return done(r, () => decided(io, r));
};

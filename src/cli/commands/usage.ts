import { usageError } from "../../core/errors.js";
import type { UsageRow } from "../../pipeline/usage.js";
import type { CommandRun } from "../command.js";
import { envelope, type Io, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function rows(io: Io, title: string, rs: readonly UsageRow[]): void {
  if (rs.length === 0) return;
  const head = [
    "",
    "captures",
    "captured tok",
    "returned tok",
    "answers",
    "served tok",
    "full tok",
    "compactions",
  ];
  const body = rs.map((r) => [
    `  ${r.key}`,
    String(r.captures),
    String(r.captured_tokens),
    String(r.returned_tokens),
    String(r.answers),
    String(r.answer_tokens),
    r.answers_with_full ? `${r.full_tokens} (for ${r.answer_tokens_with_full})` : "-",
    String(r.compactions),
  ]);
  io.out(`\n${io.color.bold(title)}\n${table([head, ...body])}\n`);
}

export const run: CommandRun = async (args, opts, io) => {
  if (args.length) throw usageError("usage takes no arguments", "e.g. cadre usage --run <id> --json");
  const html = opts.html === undefined ? undefined : str(opts.html);
  const { usageReport } = await import("../../app/usage.js");
  const r = await usageReport({
    cwd: io.cwd,
    env: io.env,
    run: str(opts.run),
    html,
    dryRun: opts.dryRun === true,
  });
  if (io.json) {
    writeJson(io, envelope("usage", VERSION, r));
    return 0;
  }
  const c = io.color;
  for (const w of r.warnings) io.err(`${c.yellow("warning:")} ${w}\n`);
  const scope =
    r.runs.length === 1 && !r.project_log
      ? `run ${r.runs[0]}`
      : `${r.runs.length} run(s)${r.project_log ? " + project usage log" : ""}`;
  io.out(
    `${c.bold("cadre usage")}  ${scope} · ${r.counts.measurements} measurement(s) in ${r.counts.events} event(s)\n`,
  );
  rows(io, "Total", [r.totals]);
  rows(io, "Per phase", r.by_phase);
  rows(io, "Per role", r.by_role);
  rows(io, "Per tool", r.by_tool);
  if (!io.quiet) io.out(`\n${c.bold("Not known")}\n${r.unknowns.map((u) => `  - ${u}\n`).join("")}`);
  if (r.html)
    io.out(`\n${r.html.written ? "wrote" : "would write"} ${r.html.path} (${r.html.bytes} bytes)\n`);
  return 0;
};

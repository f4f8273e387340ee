import { lintCommand } from "../../app/lint.js";
import { type Diagnostic, formatLocation } from "../../core/diagnostics.js";
import { ExitCodes, usageError } from "../../core/errors.js";
import { HOST_IDS, resolveHostId } from "../../hosts/registry.js";
import { LOAD_RULES, RULES } from "../../lint/registry.js";
import { toSarif } from "../../lint/sarif.js";
import type { CommandRun } from "../command.js";
import { envelope, type Io, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";

export const run: CommandRun = async (args, opts, io) => {
  const format = io.json ? "json" : String(opts.format ?? "text");
  if (!["text", "json", "sarif"].includes(format))
    throw usageError(`unknown format "${format}"`, "use text, json or sarif");
  const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0))
    throw usageError("--max-warnings needs a whole number ≥ 0");
  if (opts.rules) return listRules(io, format);
  const host = opts.host === undefined ? undefined : (resolveHostId(String(opts.host)) ?? String(opts.host));
  if (host !== undefined && !(HOST_IDS as string[]).includes(host))
    throw usageError(`unknown host "${host}"`, `use one of: ${HOST_IDS.join(", ")}`);

  const r = await lintCommand({
    cwd: io.cwd,
    paths: args,
    strict: opts.strict === true,
    rules: opts.rule as string[] | undefined,
    host,
    env: io.env,
  });
  const failed = r.errors > 0 || (maxWarnings !== undefined && r.warnings > maxWarnings);
  const summary = { errors: r.errors, warnings: r.warnings, items: r.itemsChecked, packs: r.packs, host };
  if (format === "sarif") writeJson(io, toSarif(r.diagnostics, VERSION));
  else if (format === "json")
    writeJson(io, envelope("lint", VERSION, { summary, diagnostics: r.diagnostics }, !failed));
  else printText(io, r.diagnostics, summary);
  return failed ? ExitCodes.failure : ExitCodes.ok;
};

export function printText(
  io: Io,
  list: Diagnostic[],
  s: { errors: number; warnings: number; items: number; packs: string[]; host?: string },
) {
  const c = io.color;
  const shown = io.quiet ? list.filter((d) => d.severity === "error") : list;
  let file = "";
  for (const d of shown) {
    if (d.file !== file) {
      file = d.file;
      io.out(`\n${c.underline(file)}\n`);
    }
    const loc = formatLocation({ file: "", line: d.line, column: d.column }).replace(/^:/, "") || "-";
    const sev =
      d.severity === "error"
        ? c.red("error  ")
        : d.severity === "warning"
          ? c.yellow("warning")
          : c.blue("info   ");
    io.out(`  ${c.dim(loc.padEnd(8))} ${sev}  ${d.message}  ${c.dim(d.rule)}\n`);
    if (d.hint && (io.verbose || d.severity === "error"))
      io.out(`  ${" ".repeat(8)} ${c.dim(`hint: ${d.hint}`)}\n`);
  }
  if (io.quiet && s.errors === 0) return;
  const mark = s.errors ? c.red("✖") : s.warnings ? c.yellow("!") : c.green("✔");
  io.out(
    `${shown.length ? "\n" : ""}${mark} ${plural(s.errors, "error")}, ${plural(s.warnings, "warning")} in ${plural(s.items, "item")} (${s.packs.join(", ")})${s.host ? ` for ${s.host}` : ""}\n`,
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function listRules(io: Io, format: string): number {
  const rules = [...LOAD_RULES, ...RULES].map((r) => ({
    id: r.id,
    severity: r.severity,
    description: r.description,
    hint: r.hint,
  }));
  if (format !== "text") writeJson(io, envelope("lint", VERSION, { rules }));
  else io.out(`${table(rules.map((r) => [r.id, r.severity, r.description]))}\n`);
  return ExitCodes.ok;
}

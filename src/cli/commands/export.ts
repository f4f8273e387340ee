import { exportPack } from "../../app/export.js";
import { usageError } from "../../core/errors.js";
import type { DriftKind } from "../../render/export.js";
import type { CommandRun } from "../command.js";
import { envelope, writeJson } from "../io.js";
import { VERSION } from "../version.js";

const SAYS: Record<DriftKind, string> = {
  "source-changed": "source changed since the export",
  "source-added": "source file added since the export",
  "source-removed": "source file removed since the export",
  renderer: "exported by another cadre renderer, format or target",
  edited: "edited by hand",
  deleted: "deleted from the export",
  extra: "not written by cadre export",
  stale: "out of date: a fresh export writes it differently",
};

export const run: CommandRun = async (args, opts, io) => {
  const [dir, ...rest] = args;
  if (!dir || rest.length)
    throw usageError(
      "export needs one pack folder",
      "e.g. cadre export ./team-pack --to claude-plugin --out dist/claude",
    );
  if (typeof opts.out !== "string")
    throw usageError(
      "export needs --out <dir>",
      "the folder to write the package to (new, empty, or a previous export)",
    );
  const check = opts.check === true;
  const r = await exportPack({
    cwd: io.cwd,
    env: io.env,
    dir,
    to: typeof opts.to === "string" ? opts.to : undefined,
    out: opts.out,
    check,
    dryRun: opts.dryRun === true,
  });
  const ok = !check || r.drift.length === 0;
  if (io.json) {
    writeJson(io, envelope("export", VERSION, r, ok));
    return ok ? 0 : 1;
  }
  for (const n of r.notes)
    io.err(
      `${n.level === "warning" ? io.color.yellow("warning") : "note"}: ${n.item ? `${n.item}: ` : ""}${n.message}\n`,
    );
  if (check) {
    for (const d of r.drift) io.err(`${d.kind}: ${d.path} (${SAYS[d.kind]})\n`);
    io.out(
      ok
        ? `${r.out} is up to date: the ${r.target} export of ${r.pack} (${r.files.length} files)\n`
        : `${r.drift.length} difference(s) in ${r.out}; run \`cadre export ${dir} --to ${r.target} --out ${opts.out}\` and commit the result\n`,
    );
  } else
    io.out(
      `${r.dryRun ? "would write" : r.replaced ? "replaced" : "wrote"} ${r.out}: ${r.target} export of ${r.pack}, ${r.files.length} files\n`,
    );
  return ok ? 0 : 1;
};

import { packDocs } from "../../app/pack-docs.js";
import { usageError } from "../../core/errors.js";
import type { CommandRun } from "../command.js";
import { envelope, writeJson } from "../io.js";
import { VERSION } from "../version.js";

export const run: CommandRun = async (args, opts, io) => {
  const [action, dir, ...rest] = args;
  if (action !== "docs" || rest.length)
    throw usageError(
      action ? `unknown pack action "${action}"` : "pack needs an action",
      "e.g. cadre pack docs, or cadre pack docs ./team-pack --check",
    );
  const check = opts.check === true;
  const r = await packDocs({ cwd: io.cwd, env: io.env, dir, check });
  const ok = !check || r.changed.length === 0;
  if (io.json) writeJson(io, envelope("pack docs", VERSION, r, ok));
  else if (check) {
    for (const f of r.changed) io.err(`out of date: ${r.pack}/${f}\n`);
    io.out(
      ok
        ? `pack docs of ${r.pack} are up to date (${r.items} items)\n`
        : `${r.changed.length} file(s) out of date; run \`cadre pack docs${dir ? ` ${dir}` : ""}\` and commit the result\n`,
    );
  } else {
    for (const f of r.changed) io.out(`wrote ${r.pack}/${f}\n`);
    io.out(
      `${r.items} items; ${r.changed.length} file(s) written, ${r.unchanged.length} already up to date\n`,
    );
  }
  return ok ? 0 : 1;
};

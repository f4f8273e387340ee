import { resolveIndexTarget } from "../../app/index-open.js";
import { repoMap } from "../../app/map.js";
import type { CommandRun } from "../command.js";
import { envelope, writeJson } from "../io.js";
import { VERSION } from "../version.js";

export const run: CommandRun = async (_args, opts, io) => {
  const t = resolveIndexTarget({ cwd: io.cwd, db: opts.db as string | undefined, env: io.env });
  const r = await repoMap(t, {
    budget: Number(opts.budget ?? 1024),
    focus: opts.focus as string[] | undefined,
    onNote: (m) => io.err(`note: ${m}\n`),
  });
  if (io.json) {
    writeJson(io, envelope("map", VERSION, r));
    return 0;
  }
  if (!io.quiet)
    io.err(io.color.dim(`${r.files.length} of ${r.totalFiles} files · ${r.tokens}/${r.budget} tokens\n`));
  io.out(r.text ? `${r.text}\n` : "");
  return 0;
};

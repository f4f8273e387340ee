import { resolveIndexTarget } from "../../app/index-open.js";
import { parseContext, parseLineRange, parseTier, type RecallMode, recall } from "../../app/recall.js";
import { usageError } from "../../core/errors.js";
import type { CommandRun } from "../command.js";
import { envelope, writeJson } from "../io.js";
import { VERSION } from "../version.js";

const MODES: RecallMode[] = ["file", "symbol", "query"];

export const run: CommandRun = async (args, opts, io) => {
  const [mode, ...rest] = args;
  const target = rest.join(" ").trim();
  if (!mode || !MODES.includes(mode as RecallMode))
    throw usageError(
      "recall needs file, symbol or query",
      "e.g. cadre recall symbol Store.addFile --budget 500",
    );
  if (!target) throw usageError(`recall ${mode} needs a target`);
  const t = resolveIndexTarget({ cwd: io.cwd, db: opts.db as string | undefined, env: io.env });
  const r = await recall(t, mode as RecallMode, target, {
    budget: Number(opts.budget ?? 2000),
    tier: parseTier(opts.tier),
    lines: parseLineRange(opts.lines),
    context: parseContext(opts.context),
    onNote: (m) => io.err(`note: ${m}\n`),
  });
  if (io.json) {
    writeJson(io, envelope(`recall ${mode}`, VERSION, r));
    return 0;
  }
  const c = io.color;
  if (!io.quiet)
    io.err(
      c.dim(
        `tier ${r.tier ?? "none"}${r.forcedTier ? " (forced)" : ""}${r.items.some((i) => i.partial) ? " (partial)" : ""} · ${r.tokens}/${r.budget} tokens · ${r.items.length} item(s)${r.omitted ? `, ${r.omitted} left out` : ""} · ${r.fresh ? "fresh" : "STALE: the working tree changed since indexing; run `cadre index refresh`"}\n`,
      ),
    );
  io.out(r.text ? `${r.text}\n` : "");
  return 0;
};

import { composeCommand } from "../../app/compose.js";
import { ErrorCodes, UserError } from "../../core/errors.js";
import type { CommandRun } from "../command.js";
import { envelope, type Io, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";

function positive(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(ErrorCodes.usage, `${flag} must be a whole number above 0, got "${String(v)}"`);
  return n;
}

export const run: CommandRun = async (args, opts, io) => {
  const role = opts.detect ? undefined : args[0];
  const r = await composeCommand({
    cwd: io.cwd,
    env: io.env,
    sources: opts.source as string[] | undefined,
    ...(role === undefined ? {} : { role }),
    ...(opts.mode ? { mode: String(opts.mode) } : {}),
    stacks: opts.stack as string[] | undefined,
    concerns: opts.concern as string[] | undefined,
    tokens: positive(opts.budget, "--budget"),
    modules: positive(opts.maxModules, "--max-modules"),
    ...(opts.host ? { host: String(opts.host) } : {}),
  });
  for (const w of r.warnings) io.err(`warning: ${w}\n`);
  if (io.json) {
    const data = r.proof
      ? { ...r.proof, proofPath: r.proofPath ?? null, prompt: r.prompt }
      : { stacks: r.stacks, truncated: r.truncated };
    writeJson(io, envelope("compose", VERSION, data));
    return 0;
  }
  if (!r.proof) {
    printStacks(io, r.stacks);
    return 0;
  }
  io.out(r.prompt ?? "");
  if (!io.quiet) {
    const p = r.proof;
    const dropped = p.dropped.length ? `, ${p.dropped.length} dropped (--json says why)` : "";
    io.err(
      io.color.dim(
        `${p.role}${p.mode ? ` (${p.mode})` : ""}: ${p.kept.length} modules, ${p.moduleTokens}/${p.limits.tokens} tokens${dropped}; sha256 ${p.sha256.slice(0, 12)}${r.proofPath ? `; proof in ${r.proofPath}` : ""}\n`,
      ),
    );
  }
  return 0;
};

function printStacks(io: Io, stacks: Awaited<ReturnType<typeof composeCommand>>["stacks"]): void {
  if (!stacks.length) {
    io.out("no stacks detected\n");
    return;
  }
  const rows = stacks.flatMap((s) =>
    s.evidence.map((e, i) => [i === 0 ? io.color.bold(s.stack) : "", e.path, io.color.dim(e.detail)]),
  );
  io.out(`${table(rows)}\n`);
}

import { installState } from "../../app/catalog.js";
import { searchCommand } from "../../app/search.js";
import { usageError } from "../../core/errors.js";
import { KINDS } from "../../model/kinds.js";
import { highlight } from "../../search/bm25f.js";
import type { CommandRun } from "../command.js";
import { envelope, writeJson } from "../io.js";
import { VERSION } from "../version.js";

export const run: CommandRun = async (args, opts, io) => {
  const query = args.join(" ").trim();
  if (!query) throw usageError("search needs a query", 'e.g. cadre search "code review"');
  const limit = Number(opts.limit ?? 10);
  if (!Number.isInteger(limit) || limit < 1) throw usageError("--limit needs a whole number ≥ 1");
  const kind = opts.kind as string | undefined;
  if (kind && !(KINDS as readonly string[]).includes(kind))
    throw usageError(`unknown kind "${kind}"`, `use one of: ${KINDS.join(", ")}`);
  const r = await searchCommand({
    cwd: io.cwd,
    sources: opts.source as string[] | undefined,
    env: io.env,
    query,
    kind,
    limit,
  });
  if (io.json) {
    const results = r.results.map((x) => ({
      id: x.item.id,
      pack: x.item.pack,
      name: x.item.name,
      kind: x.item.kind,
      score: Number(x.score.toFixed(4)),
      matched: x.matched,
      description: x.item.description,
      highlight: highlight(x.item.description, x.matched, "**", "**"),
      tokens: x.item.tokens,
      ...installState(r.project, x.item),
    }));
    writeJson(io, envelope("search", VERSION, { query, results }));
    return 0;
  }
  const c = io.color;
  if (r.results.length === 0) {
    io.out(`no items match "${query}"\n`);
    return 0;
  }
  for (const x of r.results) {
    const hl = (s: string) =>
      highlight(s, x.matched, "\u0001", "\u0002").replace(/\u0001([^\u0002]*)\u0002/g, (_m, w: string) =>
        c.bold(c.yellow(w)),
      );
    const s = installState(r.project, x.item);
    const inst = s.installed
      ? ` ${c.green(`installed${s.installedHosts.length ? ` (${s.installedHosts.join(", ")})` : ""}`)}`
      : "";
    io.out(
      `${c.bold(hl(x.item.name))} ${c.dim(`${x.item.kind} · ${x.item.pack} · ${x.item.tokens} tokens`)}${inst}\n`,
    );
    io.out(`  ${hl(truncate(x.item.description, 200))}\n`);
  }
  return 0;
};

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

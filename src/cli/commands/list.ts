import { installState } from "../../app/catalog.js";
import { listCommand } from "../../app/list.js";
import { usageError } from "../../core/errors.js";
import type { Item } from "../../model/item.js";
import { KINDS } from "../../model/kinds.js";
import type { CommandRun } from "../command.js";
import { envelope, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { emptySourceWarnings, printDiscovery, printEmptySources } from "./_sources.js";

export const run: CommandRun = async (_args, opts, io) => {
  const kind = opts.kind as string | undefined;
  if (kind && !(KINDS as readonly string[]).includes(kind))
    throw usageError(`unknown kind "${kind}"`, `use one of: ${KINDS.join(", ")}`);
  const r = await listCommand({
    cwd: io.cwd,
    sources: opts.source as string[] | undefined,
    env: io.env,
    kind,
    category: opts.category as string | undefined,
    tag: opts.tag as string | undefined,
    pack: opts.pack as string | undefined,
  });
  if (io.json) {
    const items = r.items.map((i) => ({
      id: i.id,
      name: i.name,
      kind: i.kind,
      category: i.category ?? null,
      tags: i.tags,
      tokens: i.tokens,
      pack: i.pack,
      path: i.path,
      description: i.description,
      ...installState(r.project, i),
    }));
    const warnings = emptySourceWarnings(r.sources);
    const project = r.project ? { project: r.project.root } : {};
    const data = { items, count: items.length, total: r.total, sources: r.sources, warnings, ...project };
    writeJson(io, envelope("list", VERSION, data));
    return 0;
  }
  const c = io.color;
  // In a project, a last column names the hosts cadre.lock installs each item for.
  const installed = (i: Item) => {
    const s = installState(r.project, i);
    return s.installed ? c.green(s.installedHosts.join(",") || "yes") : "-";
  };
  const head = ["NAME", "KIND", "CATEGORY", "TOKENS", "SOURCE", ...(r.project ? ["INSTALLED"] : [])];
  const rows = r.items.map((i) => [
    i.name,
    i.kind,
    i.category ?? "-",
    String(i.tokens),
    `${i.pack}`,
    ...(r.project ? [installed(i)] : []),
  ]);
  io.out(`${table([head.map((h) => c.bold(h)), ...rows])}\n`);
  if (!io.quiet) {
    const tokens = r.items.reduce((a, i) => a + i.tokens, 0);
    const inst = r.project
      ? `, ${r.items.filter((i) => installState(r.project, i).installed).length} installed`
      : "";
    io.out(
      c.dim(`\n${r.items.length} of ${r.total} items, ${tokens.toLocaleString("en-US")} tokens${inst}\n`),
    );
  }
  if (opts.explain) printDiscovery(io, r.sources);
  printEmptySources(io, r.sources);
  return 0;
};

import { installState } from "../../app/catalog.js";
import { compositionCommand, infoCommand, sourceInfoCommand } from "../../app/info.js";
import type { CommandRun } from "../command.js";
import { envelope, type Io, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { emptySourceWarnings, printDiscovery, printEmptySources } from "./_sources.js";

export const run: CommandRun = async (args, opts, io) => {
  const m = /^(stack|concern):(.+)$/.exec(args[0] ?? "");
  if (m) return composition(io, m[1] === "stack" ? "stacks" : "concerns", m[2] as string, opts);
  if (!args[0]) return sources(io, opts);
  const r = await infoCommand({
    cwd: io.cwd,
    sources: opts.source as string[] | undefined,
    env: io.env,
    ref: args[0] ?? "",
  });
  const it = r.item;
  if (io.json) {
    const data = {
      id: it.id,
      pack: it.pack,
      name: it.name,
      kind: it.kind,
      category: it.category ?? null,
      tags: it.tags,
      description: it.description,
      tokens: it.tokens,
      hash: it.hash,
      path: it.path,
      files: it.files,
      meta: it.meta,
      hosts: r.hosts,
      alsoIn: r.alsoIn,
      installedAs: r.installedAs ?? null,
      notes: it.notes ?? [],
      ...installState(r.project, it),
    };
    writeJson(io, envelope("info", VERSION, data));
    return 0;
  }
  const c = io.color;
  const meta = Object.entries(it.meta)
    .filter(([k]) => !["name", "description"].includes(k) && it.kind !== "schema")
    .filter(([k]) => it.kind !== "workflow" || k !== "phases")
    .map(([k, v]) => [`  ${k}`, typeof v === "string" ? v : JSON.stringify(v)]);
  io.out(`${c.bold(it.id)} ${c.dim(`(${it.pack})`)}\n\n${it.description}\n\n`);
  io.out(
    `${table([["  tokens", String(it.tokens)], ["  category", it.category ?? "-"], ["  tags", it.tags.join(", ") || "-"], ...meta])}\n`,
  );
  if (it.kind === "workflow") io.out(`\n${c.bold("Phases")}\n${phaseLines(it.meta.phases).join("\n")}\n`);
  io.out(`\n${c.bold("Files")}\n${it.files.map((f) => `  ${f}`).join("\n")}\n`);
  const mark = (s: string) =>
    s === "native" ? c.green(s) : s === "degraded" ? c.yellow(s) : s === "none" ? c.red(s) : c.dim(s);
  io.out(
    `\n${c.bold("Hosts")}\n${table(r.hosts.map((h) => [`  ${h.host}`, mark(h.support), c.dim(h.note)]))}\n`,
  );
  const s = installState(r.project, it);
  if (r.project)
    io.out(
      `\n${c.bold("Installed")} ${s.installed ? c.green(s.installedHosts.join(", ") || "yes") : c.dim("no (not in cadre.lock)")}\n`,
    );
  if (r.alsoIn.length) io.out(`\n${c.yellow("also defined in:")} ${r.alsoIn.join(", ")}\n`);
  const as = r.installedAs;
  if (as)
    io.out(
      `\n${c.yellow("installed as:")} ${as.name} ${"builtin" in as && as.builtin ? `everywhere: /${it.name} is a built-in command of ${as.builtin.join(", ")}` : `when selected with ${as.with.join(", ")}`}\n`,
    );
  for (const n of it.notes ?? [])
    io.out(`\n${c.yellow("loaded leniently:")} ${n.message}\n  ${c.dim(`fix: ${n.hint} (${n.rule})`)}\n`);
  return 0;
};

async function composition(
  io: Io,
  layer: "stacks" | "concerns",
  key: string,
  opts: Record<string, unknown>,
): Promise<number> {
  const info = await compositionCommand({
    cwd: io.cwd,
    sources: opts.source as string[] | undefined,
    env: io.env,
    layer,
    key,
  });
  if (io.json) {
    writeJson(io, envelope("info", VERSION, info));
    return 0;
  }
  const c = io.color;
  io.out(`${c.bold(`${layer === "stacks" ? "stack" : "concern"}:${key}`)} — expertise modules per role\n`);
  for (const [role, mods] of Object.entries(info.roles)) {
    io.out(
      `\n${c.bold(role)}\n${table(mods.map((x) => [`  ${x.module}`, c.dim(x.description.slice(0, 90))]))}\n`,
    );
  }
  return 0;
}

async function sources(io: Io, opts: Record<string, unknown>): Promise<number> {
  const list = await sourceInfoCommand({
    cwd: io.cwd,
    sources: opts.source as string[] | undefined,
    env: io.env,
  });
  if (io.json) {
    writeJson(io, envelope("info", VERSION, { sources: list, warnings: emptySourceWarnings(list) }));
    return 0;
  }
  printDiscovery(io, list);
  printEmptySources(io, list);
  return 0;
}

/** A workflow's phases, one line each: id, its gate, what it reviews, where it leads. */
function phaseLines(phases: unknown): string[] {
  if (!Array.isArray(phases)) return [];
  return phases.map((p: Record<string, unknown>) => {
    const bits = [
      p.artifact ? `artifact ${String(p.artifact)}` : undefined,
      p.gate === "user" ? "user gate" : undefined,
      p.review_of ? `reviews ${String(p.review_of)}` : undefined,
      Array.isArray(p.next) && p.next.length > 0 ? `→ ${p.next.join(", ")}` : "(end)",
    ].filter(Boolean);
    return `  ${String(p.id)}  ${bits.join("; ")}`;
  });
}

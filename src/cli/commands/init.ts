import { initCommand } from "../../app/init.js";
import { splitList } from "../../model/kinds.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { printHookCommand } from "./_hook-command.js";
import { actionJson, printActions, printConflicts, printNotes, summaryLine } from "./_plan.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const list = (v: unknown) =>
    Array.isArray(v)
      ? v.flatMap((x) => splitList(String(x)))
      : typeof v === "string"
        ? splitList(v)
        : undefined;
  const hosts = list(opts.hosts);
  const profiles = list(opts.profile);
  if (opts.yes !== true && io.isTTY && process.stdin.isTTY && !io.json) {
    const { runInitWizard } = await import("./_wizard.js");
    return runInitWizard(io, { global: opts.global === true, force: opts.force === true, hosts, profiles });
  }
  const r = await initCommand({
    cwd: io.cwd,
    env: io.env,
    global: opts.global === true,
    hosts,
    profiles,
    sources: list(opts.source),
    force: opts.force === true,
    noSync: opts.sync === false,
    version: VERSION,
    link: opts.link === true,
    compose: opts.compose === true,
  });
  const conflicts = r.sync?.conflicts ?? [];
  if (io.json) {
    const data = {
      config: r.configPath,
      hosts: r.hosts,
      profiles: r.profiles,
      detected: r.detected,
      hooks: r.hooks ?? null,
      actions: r.sync?.actions.map(actionJson) ?? [],
    };
    writeJson(io, envelope("init", VERSION, data, conflicts.length === 0));
    return conflicts.length ? 1 : 0;
  }
  io.out(`wrote ${r.configPath} (hosts: ${r.hosts.join(", ")}; profiles: ${r.profiles.join(", ")})\n`);
  const found = opts.global === true ? undefined : await (await import("../../app/import.js")).importable(io);
  if (found)
    io.err(
      `hint: ${found.entries} host files cadre did not write (${found.origins.join(", ")}) are here: \`cadre import\` adopts them into a local pack, byte for byte\n`,
    );
  printHookCommand(io, r);
  if (r.sync) {
    printNotes(io, r.sync.notes);
    if (!io.quiet) {
      printActions(io, r.sync.actions);
      io.out(`${summaryLine(r.sync.actions, false)}\n`);
    }
    printConflicts(io, conflicts);
  }
  return conflicts.length ? 1 : 0;
}

import { importCommand } from "../../app/import.js";
import { envelope, type Io, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { actionJson, printConflicts, printNotes } from "./_plan.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const r = await importCommand({
    cwd: io.cwd,
    env: io.env,
    to: typeof opts.to === "string" ? opts.to : undefined,
    dryRun: opts.dryRun === true,
  });
  const conflicts = r.sync?.conflicts ?? [];
  if (io.json) {
    const data = {
      pack: r.pack,
      config: r.configPath,
      dryRun: opts.dryRun === true,
      imported: r.imported,
      skipped: r.skipped,
      include: r.include,
      wazir: r.wazir ?? null,
      actions: r.sync?.actions.map(actionJson) ?? [],
    };
    writeJson(io, envelope("import", VERSION, data, conflicts.length === 0));
    return conflicts.length ? 1 : 0;
  }
  const rows = r.imported.map((e) => [e.host, e.kind, e.path, io.color.dim(e.origin)]);
  const verb = opts.dryRun === true ? "would import" : r.sync ? "imported" : "found";
  if (rows.length) io.out(`${table([["HOST", "KIND", "PATH", "WRITTEN BY"], ...rows])}\n`);
  for (const s of r.skipped) io.out(`${io.color.yellow("left as it is")} ${s.path}: ${s.reason}\n`);
  if (r.wazir) {
    const hosts = r.wazir.hosts.join(", ");
    io.out(
      `${opts.dryRun === true ? "would convert" : "converted"} Wazir's content (${r.wazir.items} items) into ${r.wazir.pack}/, a source in cadre.yaml; nothing of it is selected yet\n`,
    );
    if (!opts.dryRun)
      io.out(
        `  install it with \`cadre add ${r.wazir.name}/*\`${hosts ? ` for Wazir's hosts (${hosts}: \`cadre hosts enable <id>\`)` : ""}\n`,
      );
  }
  if (r.imported.length === 0) {
    if (r.wazir) return 0;
    io.out("nothing to import: no host files cadre could adopt were found\n");
    return 0;
  }
  const kept = Object.values(r.include).flat().length;
  io.out(
    r.sync
      ? `${verb} ${kept} items into ${r.pack}/ and selected them in ${r.configPath}; cadre.lock owns their files now\n`
      : `${verb} ${r.imported.length} entries into ${r.pack}/ (run without --dry-run to write it)\n`,
  );
  if (r.sync) {
    printNotes(io, r.sync.notes);
    printConflicts(io, conflicts);
  }
  return conflicts.length ? 1 : 0;
}

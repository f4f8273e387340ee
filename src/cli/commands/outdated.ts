import { outdatedCommand } from "../../app/outdated.js";
import { envelope, type Io, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const rows = await outdatedCommand({ cwd: io.cwd, env: io.env, global: opts.global === true });
  const code = rows.some((r) => r.outdated) ? 1 : 0;
  if (io.json) {
    writeJson(io, envelope("outdated", VERSION, { sources: rows }));
    return code;
  }
  if (rows.length === 0) {
    io.out("no remote sources in cadre.yaml\n");
    return 0;
  }
  const head = ["SOURCE", "CURRENT", "WANTED", "LATEST", ""];
  const body = rows.map((r) => [
    r.source,
    r.current ?? "-",
    r.wanted ?? "-",
    r.latest ?? "-",
    io.color.dim(r.note ?? ""),
  ]);
  io.out(`${table([head, ...body])}\n`);
  if (code) io.out("run `cadre update` to move the pins (or `cadre update <source>` for one)\n");
  return code;
}

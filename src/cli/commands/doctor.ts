import { doctorCommand } from "../../app/doctor.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const checks = await doctorCommand({ cwd: io.cwd, env: io.env, global: opts.global === true });
  const failed = checks.some((c) => c.level === "error");
  if (io.json) {
    writeJson(io, envelope("doctor", VERSION, { checks }, !failed));
    return failed ? 1 : 0;
  }
  const c = io.color;
  const mark = { ok: c.green("✓"), warning: c.yellow("!"), error: c.red("✗") };
  for (const k of checks) {
    io.out(`${mark[k.level]} ${k.name.padEnd(12)} ${k.message}\n`);
    if (k.hint && k.level !== "ok") io.out(`  ${c.dim(k.hint)}\n`);
  }
  return failed ? 1 : 0;
}

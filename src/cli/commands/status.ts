import { type FileState, statusCommand } from "../../app/status.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { printNotes } from "./_plan.js";

const PROJECT = "project";
const ORDER: FileState[] = ["edited", "missing", "outdated", "pending", "orphaned", "blocked", "up to date"];

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const r = await statusCommand({ cwd: io.cwd, env: io.env, global: opts.global === true });
  const attention = r.files.filter((f) => f.state !== "up to date" && f.state !== "edited");
  if (io.json) {
    writeJson(io, envelope("status", VERSION, r));
    return 0;
  }
  printNotes(io, r.notes, true);
  const c = io.color;
  const paint: Record<FileState, (s: string) => string> = {
    "up to date": c.green,
    edited: c.cyan,
    missing: c.red,
    outdated: c.yellow,
    pending: c.yellow,
    orphaned: c.magenta,
    blocked: c.red,
  };
  const hosts = [...new Set(r.files.flatMap((f) => [...f.hosts, ...f.readers]))].sort();
  // Files of no host are the project's own outputs (.cadre/schemas, .cadre/templates): one group of their own.
  if (r.files.some((f) => f.hosts.length === 0)) hosts.push(PROJECT);
  for (const h of hosts) {
    const mine = r.files.filter((f) => (h === PROJECT ? f.hosts.length === 0 : f.hosts.includes(h)));
    const read = r.files.filter((f) => f.readers.includes(h)).map((f) => f.path);
    const counts = ORDER.map((s) => [s, mine.filter((f) => f.state === s).length] as const).filter(
      ([, n]) => n > 0,
    );
    io.out(`${c.bold(h)}  ${counts.map(([s, n]) => paint[s](`${n} ${s}`)).join(", ")}\n`);
    for (const f of mine)
      if (f.state !== "up to date" || io.verbose)
        io.out(`  ${paint[f.state](f.state.padEnd(10))} ${f.path}  ${c.dim(f.reason)}\n`);
    if (read.length) io.out(`  ${c.dim(`also reads ${read.join(", ")} (written for other hosts)`)}\n`);
  }
  if (r.files.length === 0) io.out("nothing installed; run `cadre sync`\n");
  else if (attention.length) io.out(`${attention.length} files need \`cadre sync\`\n`);
  return 0;
}

import { setHostCommand } from "../../app/edit-config.js";
import { hostsCommand } from "../../app/hosts.js";
import { usageError } from "../../core/errors.js";
import { envelope, type Io, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { printEdit } from "./_edit.js";

const SYMBOL = { native: "✓", degraded: "◐", none: "—" } as const;

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const [action, id] = args;
  const base = { cwd: io.cwd, env: io.env, global: opts.global === true };
  if (action === "enable" || action === "disable") {
    if (!id) throw usageError(`hosts ${action} needs a host id`, "see `cadre hosts`");
    return printEdit(
      io,
      "hosts",
      await setHostCommand({ ...base, id, enable: action === "enable", noSync: opts.sync === false }),
    );
  }
  if (action)
    throw usageError(
      `unknown hosts action "${action}"`,
      "use `cadre hosts`, `cadre hosts enable <id>` or `cadre hosts disable <id>`",
    );
  const r = await hostsCommand(base);
  if (io.json) {
    writeJson(io, envelope("hosts", VERSION, r));
    return 0;
  }
  const c = io.color;
  const rows = [
    ["host", ...r.kinds, "used"],
    ...r.rows.map((h) => [
      h.id,
      ...r.kinds.map((k) => SYMBOL[h.support[k] ?? "none"]),
      h.used ? c.green("yes") : h.detected ? c.dim("detected") : "",
    ]),
  ];
  io.out(`${table(rows)}\n\n${c.dim("✓ native · ◐ degraded to another form · — not supported")}\n`);
  if (!r.configured) io.out("no cadre.yaml here; `cadre init` picks the detected hosts\n");
  else if (r.auto) io.out("hosts: auto (the detected hosts are used)\n");
  return 0;
}

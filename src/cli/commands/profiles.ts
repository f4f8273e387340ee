import { profilesCommand } from "../../app/profiles.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const list = await profilesCommand({ cwd: io.cwd, env: io.env, global: opts.global === true });
  if (io.json) {
    writeJson(io, envelope("profiles", VERSION, { profiles: list }));
    return 0;
  }
  const c = io.color;
  for (const p of list) {
    const ext = p.extends.length ? c.dim(` extends ${p.extends.join(", ")}`) : "";
    io.out(
      `${p.active ? c.green("● ") : "  "}${c.bold(p.name)} ${c.dim(`${p.items} items`)}${ext}\n    ${p.description}\n`,
    );
  }
  if (list.length === 0) io.out("no profiles in the configured sources\n");
  else io.out(`\n${c.dim("● used by cadre.yaml · add one with `cadre add <profile>`")}\n`);
  return 0;
}

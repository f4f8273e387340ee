import { addCommand } from "../../app/edit-config.js";
import { usageError } from "../../core/errors.js";
import type { Io } from "../io.js";
import { VERSION } from "../version.js";
import { printEdit } from "./_edit.js";

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length === 0)
    throw usageError(
      "add needs an item or a profile",
      "e.g. cadre add skill:test-driven-development, or cadre add backend-node",
    );
  const r = await addCommand({
    cwd: io.cwd,
    env: io.env,
    global: opts.global === true,
    refs: args,
    noSync: opts.sync === false,
    version: VERSION,
  });
  return printEdit(io, "add", r);
}

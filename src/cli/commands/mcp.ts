import { resolveIndexTarget } from "../../app/index-open.js";
import type { CommandRun } from "../command.js";

/** Serve the MCP tools over stdio until the client disconnects. */
export const run: CommandRun = async (_args, opts, io) => {
  const { serveMcp } = await import("../../mcp/server.js");
  const t = resolveIndexTarget({ cwd: io.cwd, db: opts.db as string | undefined, env: io.env });
  await serveMcp({ target: t, env: io.env, sources: opts.source as string[] | undefined });
  return 0;
};

import type { Io } from "./io.js";

/** What a command module exports: run with positional args, parsed options and the Io; returns the exit code. */
export type CommandRun = (
  args: string[],
  opts: Record<string, unknown>,
  io: Io,
) => Promise<number | undefined>;

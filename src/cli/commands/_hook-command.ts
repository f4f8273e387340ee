import { HOOK_COMMAND_SOURCES, PROJECT_BIN } from "../../app/hook-command.js";
import type { InitResult } from "../../app/init.js";
import type { Io } from "../io.js";

/** Which command the installed hooks start cadre with (just run here), or a warning when none works. */
export function printHookCommand(io: Io, r: InitResult): void {
  if (r.hooks) {
    if (!io.quiet)
      io.out(`hooks run \`${r.hooks.command} hook\` (${HOOK_COMMAND_SOURCES[r.hooks.source]})\n`);
    return;
  }
  io.err(`${io.color.yellow("warning:")} ${noHookCommand}\n`);
}

export const noHookCommand = `no command starts cadre from this project (tried ${PROJECT_BIN}, cadre on PATH, npx in a parent folder and this cadre's own path): hosts will skip cadre's hooks, so its guards are not active. Install cadre in the project (npm i -D cadre), set \`hooks: { command: ${PROJECT_BIN} }\` in cadre.yaml and run \`cadre sync\``;

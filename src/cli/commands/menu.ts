import * as p from "@clack/prompts";
import { hasConfig } from "../../app/menu-data.js";
import { ExitError, usageError } from "../../core/errors.js";
import type { Io } from "../io.js";
import { VERSION } from "../version.js";
import { type MenuAction, step } from "./_menu.js";
import { answer } from "./_wizard.js";

type Action = MenuAction | "exit";

/** `cadre menu` (and `cadre` with no arguments in a terminal): the interactive menu. */
export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  if (!io.isTTY || !process.stdin.isTTY)
    throw usageError("the menu needs a terminal", "run cadre --help for the commands");
  const base = { cwd: io.cwd, env: io.env, global: opts.global === true, version: VERSION };
  p.intro("cadre");
  if (!(await hasConfig(base))) {
    p.outro("No cadre.yaml here yet: run `cadre init` first.");
    return 1;
  }
  for (;;) {
    const action = (await p.select({
      message: "What do you want to do?",
      options: [
        { value: "add", label: "Add items or a profile" },
        { value: "remove", label: "Remove items" },
        { value: "list", label: "List the selected items" },
        { value: "search", label: "Search the library" },
        { value: "sync", label: "Sync the hosts now" },
        { value: "hosts", label: "Choose hosts" },
        { value: "profiles", label: "Choose profiles" },
        { value: "repair", label: "Repair (restore missing files)" },
        { value: "exit", label: "Exit" },
      ],
    })) as Action | symbol;
    if (answer(action, "Cancelled.") === "exit") break;
    try {
      await step(action as MenuAction, base);
    } catch (e) {
      if (e instanceof ExitError) throw e;
      p.log.error((e as Error).message);
    }
  }
  p.outro("Bye.");
  return 0;
}

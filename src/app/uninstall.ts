import { rm } from "node:fs/promises";
import { applyComputed, computePlan, layoutOf, type ProjectOptions, withProjectLock } from "./project.js";

export interface UninstallOptions extends ProjectOptions {
  /** Also delete files the user edited. */
  force?: boolean;
  dryRun?: boolean;
}

/** `cadre uninstall`: remove everything cadre owns; edited files are kept (released) unless forced. */
export async function uninstallCommand(o: UninstallOptions) {
  const layout = layoutOf(o);
  const run = async () => {
    const c = await computePlan(o, { uninstall: true, force: o.force });
    if (o.dryRun) return { actions: c.plan.actions, touched: [] as string[] };
    const touched = await applyComputed(c);
    await rm(layout.lockPath, { force: true });
    return { actions: c.plan.actions, touched };
  };
  if (o.dryRun) return run();
  // The lock is held until the state folder is emptied; the folder itself goes once the lock is released.
  return withProjectLock(layout, run, { dropState: true });
}

import { readNoFollow } from "../apply/fs.js";
import { salvageTrust } from "../apply/lock.js";
import { UserError } from "../core/errors.js";
import { emptyLock, type Lock } from "../plan/types.js";
import { RENDERER_VERSION } from "../render/compose.js";
import {
  applyComputed,
  computePlan,
  layoutOf,
  type ProjectOptions,
  readLock,
  withProjectLock,
} from "./project.js";

export interface RepairOptions extends ProjectOptions {
  /** Also restore managed files whose content changed (a user edit or a corruption). */
  force?: boolean;
}

/**
 * `cadre repair`: finish or roll back an interrupted run, rebuild a damaged cadre.lock from the files on
 * disk, and restore missing managed files on every host.
 */
export async function repairCommand(o: RepairOptions) {
  const layout = layoutOf(o);
  return withProjectLock(layout, async () => {
    let rebuilt: string | undefined;
    let lock: Lock;
    try {
      lock = await readLock(layout);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      lock = emptyLock(layout.scope, RENDERER_VERSION);
      const raw = await readNoFollow(layout.lockPath).catch(() => null);
      const trust = raw ? salvageTrust(new TextDecoder().decode(raw)) : undefined;
      if (trust) lock.trust = trust;
      const kept = Object.values(trust ?? {}).reduce((n, items) => n + Object.keys(items).length, 0);
      rebuilt = `${e.message}; ${trust ? `kept its ${kept} trust record(s)` : "no trust record could be kept: run `cadre trust <source>` again for the sources you trusted"}`;
    }
    const c = await computePlan(o, { force: o.force, lock });
    const touched = await applyComputed(c);
    return { actions: c.plan.actions, touched, rebuilt, notes: c.notes };
  });
}

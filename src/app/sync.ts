import type { Action } from "../plan/types.js";
import type { RenderNote } from "../render/compose.js";
import { writeFingerprint } from "./fast-path.js";
import {
  applyComputed,
  computePlan,
  layoutOf,
  type ProjectOptions,
  probePaths,
  withProjectLock,
} from "./project.js";

export interface SyncOptions extends ProjectOptions {
  /** cadre's version, part of the fast-path fingerprint. */
  version?: string;
  /** Plan only: write nothing. */
  dryRun?: boolean;
  /** Overwrite files the user edited (never files cadre did not write). */
  force?: boolean;
  /** Symlink skill files to the pack for this run (cadre.yaml `link: true` makes it the default). */
  link?: boolean;
}

export interface SyncResult {
  actions: Action[];
  notes: RenderNote[];
  applied: boolean;
  /** Paths written or deleted. */
  touched: string[];
  conflicts: Action[];
  /** Item ids whose content changed since the last sync (for `update`). */
  changedItems: string[];
}

/** `cadre sync`: plan, then (unless a dry run) apply under the process lock. */
export async function syncCommand(o: SyncOptions): Promise<SyncResult> {
  const run = async () => {
    const c = await computePlan(o, { force: o.force, link: o.link });
    const touched = o.dryRun ? [] : await applyComputed(c);
    const clean = !c.plan.actions.some((a) => a.type === "conflict");
    if (!o.dryRun && clean && o.version) {
      await writeFingerprint(
        c.layout,
        o.version,
        c.sources,
        probePaths(c.layout),
        Object.keys(c.plan.lock.files),
      );
    }
    const changedItems = Object.entries(c.plan.lock.items)
      .filter(([id, v]) => c.lock.items[id] !== undefined && c.lock.items[id]?.hash !== v.hash)
      .map(([id]) => id);
    return {
      actions: c.plan.actions,
      notes: c.notes,
      applied: !o.dryRun,
      touched,
      conflicts: c.plan.actions.filter((a) => a.type === "conflict"),
      changedItems,
    };
  };
  return o.dryRun ? run() : withProjectLock(layoutOf(o), run);
}

/** Actions that change something (or could not), as opposed to skip/adopt/untrack of unchanged files. */
export function pendingActions(actions: readonly Action[]): Action[] {
  return actions.filter((a) => a.write !== undefined || a.type === "conflict");
}

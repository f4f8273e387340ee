import { ErrorCodes, UserError } from "../core/errors.js";
import type { Action, Lock } from "../plan/types.js";
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
import type { SourceOptions } from "./sources.js";
import { type FileStatus, fileStatuses } from "./status.js";

export interface SyncOptions extends ProjectOptions {
  /** cadre's version, part of the fast-path fingerprint. */
  version?: string;
  /** Plan only: write nothing. */
  dryRun?: boolean;
  /** Overwrite files the user edited (never files cadre did not write). */
  force?: boolean;
  /** Symlink skill files to the pack for this run (cadre.yaml `link: true` makes it the default). */
  link?: boolean;
  /**
   * Asked before applying a plan that looks like a mistake (see `riskyRemoval`); false cancels the sync.
   * Without it, such a plan is applied (`add`, `remove`, `init` and `update` edit the selection on purpose).
   */
  confirmRemoval?: (r: RiskyRemoval) => Promise<boolean>;
  /** Sources: `frozen` (use only cadre.lock's pins), `update` (re-resolve these). */
  resolve?: SourceOptions;
  /** Mark the files found already in place `adopted` in cadre.lock (`cadre import`). */
  adopt?: boolean;
}

/** A plan that deletes more of what cadre installed than it keeps, or everything because nothing is selected. */
export interface RiskyRemoval {
  /** Owned files, blocks and key sets the plan removes. */
  removed: string[];
  /** Paths cadre still owns after the plan. */
  kept: number;
  /** The selection resolved to no item at all. */
  emptySelection: boolean;
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
  /** Every planned file's state before this run, as `cadre status` reports it. */
  files: FileStatus[];
  /** cadre.lock before and after this run (items and source pins, for `update`). */
  lockBefore: Lock;
  lockAfter: Lock;
}

/** Whether a plan removes more than it keeps, or removes anything while the selection is empty. */
export function riskyRemoval(
  actions: readonly Action[],
  kept: number,
  items: number,
): RiskyRemoval | undefined {
  const removed = actions.filter((a) => a.type === "delete").map((a) => a.path);
  if (removed.length === 0 || (items > 0 && removed.length <= kept)) return undefined;
  return { removed, kept, emptySelection: items === 0 };
}

/** `cadre sync`: plan, then (unless a dry run) apply under the process lock. */
export async function syncCommand(o: SyncOptions): Promise<SyncResult> {
  const run = async () => {
    const c = await computePlan(o, { force: o.force, link: o.link, sources: o.resolve, adopt: o.adopt });
    const risky = o.dryRun
      ? undefined
      : riskyRemoval(c.plan.actions, Object.keys(c.plan.lock.files).length, c.items.length);
    if (risky && o.confirmRemoval && !(await o.confirmRemoval(risky)))
      throw new UserError(ErrorCodes.findings, "sync cancelled; nothing was changed", removalHint(risky));
    const touched = o.dryRun ? [] : await applyComputed(c);
    // An untrusted item is warned about on every sync, so the no-op fast path is not armed.
    const clean = !c.plan.actions.some((a) => a.type === "conflict") && !c.untrusted;
    if (!o.dryRun && clean && o.version) {
      await writeFingerprint(
        c.layout,
        o.version,
        c.sources,
        probePaths(c.layout),
        // With compose on, the files stack detection read (and their folders) decide too.
        [...Object.keys(c.plan.lock.files), ...(c.watch ?? [])],
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
      files: fileStatuses(c.plan.actions, c.lock),
      lockBefore: c.lock,
      lockAfter: c.plan.lock,
    };
  };
  return o.dryRun ? run() : withProjectLock(layoutOf(o), run);
}

/** Actions that change something (or could not), as opposed to skip/adopt/untrack of unchanged files. */
export function pendingActions(actions: readonly Action[]): Action[] {
  return actions.filter((a) => a.write !== undefined || a.type === "conflict");
}

/** What to do about a risky removal. */
export function removalHint(r: RiskyRemoval): string {
  return r.emptySelection
    ? "cadre.yaml selects nothing: check `profiles` and `include` (see `cadre profiles`), pass --yes to remove the files anyway, or run `cadre uninstall` to remove everything"
    : "check `profiles`, `include` and `exclude` in cadre.yaml, or pass --yes to remove the files anyway";
}

/** One line saying what a risky removal would do. */
export function removalSummary(r: RiskyRemoval): string {
  const what = `sync would remove ${r.removed.length} of the files cadre installed and keep ${r.kept}`;
  return r.emptySelection ? `${what}: the selection in cadre.yaml resolves to no item` : what;
}

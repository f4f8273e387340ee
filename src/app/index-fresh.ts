import { ErrorCodes, UserError } from "../core/errors.js";
import { dbExists } from "../index/db.js";
import { refreshFiles } from "../index/refresh-files.js";
import type { IndexTarget } from "./index-open.js";

/**
 * Bring the files a query touches up to date before answering from them (recall, the MCP tools). Returns
 * the paths re-indexed or dropped. When another process holds the index's write lock, nothing is refreshed
 * and `onNote` says so: the answer then comes from the index as it is, with freshness reported per item.
 */
export async function freshen(
  t: IndexTarget,
  paths: readonly string[],
  onNote?: (m: string) => void,
): Promise<string[]> {
  if (paths.length === 0 || !dbExists(t.dbPath)) return [];
  try {
    const r = await refreshFiles({ root: t.root, dbPath: t.dbPath, paths });
    const changed = [...r.updated, ...r.removed];
    if (changed.length) onNote?.(`re-indexed ${changed.join(", ")} (changed since the index was built)`);
    return changed;
  } catch (e) {
    if ((e as { code?: string }).code !== "SQLITE_BUSY") throw e;
    onNote?.(
      `${paths.join(", ")} may have changed since indexing, but another cadre process is updating the index; answered from the index as it is`,
    );
    return [];
  }
}

/**
 * Answer a query from up-to-date files: refresh `before` (paths the query names), run it, then refresh the
 * files its answer comes from (`touched`) and, if any had changed, run it again. An unchanged file costs one
 * `stat`. A miss (a not-found error, or `empty` says the answer is empty) may come from a file added or
 * edited since the last refresh: `onMiss` (a whole refresh) runs, then the query once more.
 */
export async function answerFresh<T>(
  t: IndexTarget,
  run: () => Promise<T>,
  o: {
    touched?: (r: T) => readonly string[];
    before?: readonly string[];
    empty?: (r: T) => boolean;
    onMiss?: () => Promise<boolean>;
  } = {},
): Promise<T> {
  if (o.before?.length) await freshen(t, o.before);
  let r: T;
  try {
    r = await run();
  } catch (e) {
    if (!(e instanceof UserError && e.code === ErrorCodes.notFound && (await o.onMiss?.()))) throw e;
    return run();
  }
  if (o.empty?.(r) && (await o.onMiss?.())) return run();
  const changed = await freshen(t, [...new Set(o.touched?.(r) ?? [])]);
  return changed.length ? run() : r;
}

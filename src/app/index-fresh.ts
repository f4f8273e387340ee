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

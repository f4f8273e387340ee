import { ErrorCodes, UserError } from "../core/errors.js";
import { type Fitted, fitToBudget, type RecallItem } from "../index/budget.js";
import { fileItem, snippetItem, symbolItem, WorkingTree } from "../index/recall.js";
import { findSymbols, getFile, searchFiles, searchSymbols } from "../index/store.js";
import { type IndexTarget, withIndex } from "./index-open.js";

/** `cadre recall file | symbol | query`: the most useful content that fits the token budget. */

export type RecallMode = "file" | "symbol" | "query";
export interface RecallResult extends Fitted {
  mode: RecallMode;
  target: string;
  budget: number;
  /** Every returned item matches the working tree (re-read and re-hashed). */
  fresh: boolean;
  /** Files that were not read, and why (a link that leads outside the repository, not a regular file…). */
  notes: string[];
}

export async function recall(
  t: IndexTarget,
  mode: RecallMode,
  target: string,
  budget: number,
  onNote?: (m: string) => void,
): Promise<RecallResult> {
  if (!Number.isInteger(budget) || budget < 1)
    throw new UserError(ErrorCodes.usage, "--budget needs a whole number of tokens ≥ 1");
  const tree = new WorkingTree(t.root);
  const items = await withIndex(t, (db) => collect(db, tree, mode, target), { autoBuild: true, onNote });
  for (const n of tree.notes) onNote?.(n);
  const fitted = await fitToBudget(items, budget);
  return { ...fitted, mode, target, budget, fresh: fitted.items.every((i) => i.fresh), notes: tree.notes };
}

function collect(
  db: import("../index/db.js").Db,
  tree: WorkingTree,
  mode: RecallMode,
  target: string,
): RecallItem[] {
  if (mode === "file") {
    const f = getFile(db, target.replace(/^\.\//, ""));
    if (!f)
      throw new UserError(
        ErrorCodes.notFound,
        `"${target}" is not in the index`,
        "run `cadre index refresh`",
      );
    return [fileItem(db, tree, f)];
  }
  if (mode === "symbol") {
    const rows = findSymbols(db, target, { limit: 20, offset: 0 });
    if (rows.length === 0)
      throw new UserError(ErrorCodes.notFound, `no symbol "${target}"`, "try `cadre recall query <words>`");
    return rows.map((r) => symbolItem(db, tree, r));
  }
  const page = { limit: 12, offset: 0 };
  const syms = searchSymbols(db, target, page);
  const items = syms.map((s) => symbolItem(db, tree, s));
  const covered = new Set(syms.map((s) => s.path));
  for (const f of searchFiles(db, target, page)) {
    if (covered.has(f.path)) continue;
    const it = snippetItem(db, tree, f.path, target);
    if (it) items.push(it);
  }
  // Interleave: best symbol, best file snippet, next symbol… so both kinds of evidence survive a small budget.
  const a = items.filter((i) => !i.ref.includes(":") || i.ref.includes("#"));
  const b = items.filter((i) => !a.includes(i));
  const out: RecallItem[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) out.push(a[i] as RecallItem);
    if (b[i]) out.push(b[i] as RecallItem);
  }
  return out;
}

import { ErrorCodes, UserError } from "../core/errors.js";
import { countTokensMany } from "../core/tokens.js";
import { type Fitted, fitToBudget, type RecallItem } from "../index/budget.js";
import { fileItem, snippetItem, symbolItem, WorkingTree } from "../index/recall.js";
import { findSymbols, getFile, searchFiles, searchSymbols } from "../index/store.js";
import { recordAnswer } from "../runs/usage-log.js";
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
  via: "cli" | "mcp" = "cli",
): Promise<RecallResult> {
  if (!Number.isInteger(budget) || budget < 1)
    throw new UserError(ErrorCodes.usage, "--budget needs a whole number of tokens ≥ 1");
  const tree = new WorkingTree(t.root);
  const items = await withIndex(t, (db) => collect(db, tree, mode, target), { autoBuild: true, onNote });
  for (const n of tree.notes) onNote?.(n);
  const fitted = await fitToBudget(items, budget);
  await logAnswer(t.root, tree, fitted, via).catch((e: Error) =>
    onNote?.(`usage not recorded: ${e.message}`),
  );
  return { ...fitted, mode, target, budget, fresh: fitted.items.every((i) => i.fresh), notes: tree.notes };
}

/**
 * Record the answer in the active run (or the project's usage log): its tier and tokens, and the tokens of
 * the whole files its items come from, as the working tree holds them now (files it could not read are left
 * out of full_tokens and named nowhere else: the answer then stands for less than it shows).
 */
async function logAnswer(root: string, tree: WorkingTree, f: Fitted, via: "cli" | "mcp"): Promise<void> {
  const files = [...new Set(f.items.map((i) => i.path))].filter((p) => tree.read(p) !== undefined);
  const counts = await countTokensMany(files.map((p) => tree.read(p) as string));
  await recordAnswer(root, {
    via,
    tool: "recall",
    tier: f.tier,
    text: f.text,
    ...(files.length ? { full_tokens: counts.reduce((a, b) => a + b, 0), files } : {}),
  });
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

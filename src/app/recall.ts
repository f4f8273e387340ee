import { ErrorCodes, UserError } from "../core/errors.js";
import { countTokensMany } from "../core/tokens.js";
import { chooseCandidates, type Fitted, fitToBudget, type RecallItem, type Tier } from "../index/budget.js";
import type { Db } from "../index/db.js";
import { fileItem, sliceItem, snippetItem, symbolItem, WorkingTree } from "../index/recall.js";
import { calleesItem, calleesOf, callersItem, callersOf } from "../index/refgraph.js";
import { findSymbols, getFile, searchFiles, searchSymbols } from "../index/store.js";
import { recordAnswer } from "../runs/usage-log.js";
import { freshen } from "./index-fresh.js";
import { type IndexTarget, withIndex } from "./index-open.js";

/** `cadre recall file | symbol | query`: the most useful content that fits the token budget. */

export type RecallMode = "file" | "symbol" | "query";
export interface RecallResult extends Fitted {
  mode: RecallMode;
  target: string;
  budget: number;
  /** The tier asked for with `--tier`, if one was. */
  forcedTier?: Tier;
  /** Every returned item matches the working tree (re-read and re-hashed). */
  fresh: boolean;
  /** Files re-indexed before answering because they had changed since the index was built. */
  refreshed: string[];
  /** Files that were not read, and why (a link that leads outside the repository, not a regular file…). */
  notes: string[];
}

export interface LineRange {
  from: number;
  to: number;
}

export interface RecallOptions {
  budget: number;
  /** Force this tier for every item (`--tier`), whatever the budget; the budget still caps the total. */
  tier?: Tier;
  /** File mode: only these lines (`--lines A-B`), with `context` lines either side (`--context N`). */
  lines?: LineRange;
  context?: number;
  onNote?: (m: string) => void;
  /** Who asked, for the usage log: the CLI or the MCP server. */
  via?: "cli" | "mcp";
}

const TIERS: readonly string[] = ["L0", "L1", "L2"];

/** `--tier`: L0, L1 or L2 (any case). */
export function parseTier(v: unknown): Tier | undefined {
  if (v === undefined) return undefined;
  const t = String(v).toUpperCase();
  if (!TIERS.includes(t)) throw new UserError(ErrorCodes.usage, `--tier needs L0, L1 or L2, not "${v}"`);
  return t as Tier;
}

/** `--lines A-B` (or `A`): 1-based, inclusive, A ≤ B. */
export function parseLineRange(v: unknown): LineRange | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*(\d+)\s*(?:[-:,]\s*(\d+)\s*)?$/.exec(String(v));
  const from = m ? Number(m[1]) : Number.NaN;
  const to = m?.[2] !== undefined ? Number(m[2]) : from;
  if (!m || from < 1 || to < from)
    throw new UserError(
      ErrorCodes.usage,
      `--lines needs a range like 10-20 (first line ≥ 1, last ≥ first), not "${v}"`,
    );
  return { from, to };
}

/** `--context N`: a whole number of lines ≥ 0. */
export function parseContext(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 10_000)
    throw new UserError(ErrorCodes.usage, "--context needs a whole number of lines from 0 to 10000");
  return n;
}

export async function recall(
  t: IndexTarget,
  mode: RecallMode,
  target: string,
  o: RecallOptions,
): Promise<RecallResult> {
  const budget = o.budget;
  if (!Number.isInteger(budget) || budget < 1)
    throw new UserError(ErrorCodes.usage, "--budget needs a whole number of tokens ≥ 1");
  if ((o.lines || o.context !== undefined) && mode !== "file")
    throw new UserError(ErrorCodes.usage, "--lines and --context apply to `recall file` only");
  if (o.context !== undefined && !o.lines)
    throw new UserError(ErrorCodes.usage, "--context needs --lines", "e.g. --lines 10-20 --context 3");
  const path = target.replace(/^\.\//, "");
  const refreshed: string[] = [];
  // A file asked for by path is checked first: changed since indexed → re-indexed before the answer.
  if (mode === "file") refreshed.push(...(await freshen(t, [path], o.onNote)));
  let tree = new WorkingTree(t.root);
  let items = await withIndex(t, (db) => collect(db, tree, mode, mode === "file" ? path : target, o), {
    autoBuild: true,
    onNote: o.onNote,
  });
  // Symbols and hits whose files changed since indexing: refresh those files, then answer again.
  const stale = [...new Set(items.filter((i) => !i.fresh).map((i) => i.path))];
  if (stale.length && mode !== "file") {
    const done = await freshen(t, stale, o.onNote);
    if (done.length) {
      refreshed.push(...done);
      tree = new WorkingTree(t.root);
      items = await withIndex(t, (db) => collect(db, tree, mode, target, o));
    }
  }
  for (const n of tree.notes) o.onNote?.(n);
  const fitted = await fitToBudget(chooseCandidates(items, o.tier), budget);
  await logAnswer(t.root, tree, fitted, o.via ?? "cli").catch((e: Error) =>
    o.onNote?.(`usage not recorded: ${e.message}`),
  );
  return {
    ...fitted,
    mode,
    target,
    budget,
    ...(o.tier ? { forcedTier: o.tier } : {}),
    fresh: fitted.items.every((i) => i.fresh),
    refreshed,
    notes: tree.notes,
  };
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
  db: Db,
  tree: WorkingTree,
  mode: RecallMode,
  target: string,
  o: RecallOptions,
): RecallItem[] {
  if (mode === "file") {
    const f = getFile(db, target);
    if (!f)
      throw new UserError(
        ErrorCodes.notFound,
        `"${target}" is not in the index`,
        "run `cadre index refresh`",
      );
    if (o.lines) return [sliceItem(db, tree, f, { ...o.lines, context: o.context ?? 0 })];
    return [fileItem(db, tree, f)];
  }
  if (mode === "symbol") {
    const rows = findSymbols(db, target, { limit: 20, offset: 0 });
    const top = rows[0];
    if (!top)
      throw new UserError(ErrorCodes.notFound, `no symbol "${target}"`, "try `cadre recall query <words>`");
    // The best definition, then its callers and callees, then the other definitions of that name.
    const graph = [callersItem(top, callersOf(db, tree, top)), calleesItem(top, calleesOf(db, tree, top))];
    return [symbolItem(db, tree, top), ...graph, ...rows.slice(1).map((r) => symbolItem(db, tree, r))];
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

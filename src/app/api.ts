/**
 * The programmatic API: the use cases the CLI runs, with plain options and typed results. Each function is
 * the same code path as its command (`cadre lint`, `sync --dry-run`, `sync`, `index build`, `recall`); none
 * prints, none exits the process. Errors are `UserError`s carrying the exit code the CLI would use.
 */

import type { LintResult } from "../lint/types.js";
import type { Catalog } from "../model/catalog.js";
import type { BuildResult } from "./index-build.js";
import type { RecallMode, RecallOptions, RecallResult } from "./recall.js";
import type { RiskyRemoval, SyncResult } from "./sync.js";

export interface ApiOptions {
  /** The project (or any folder inside it; cadre.yaml is looked for in parent folders). Default: process.cwd(). */
  cwd?: string;
  /** The environment (XDG folders, HOME, CADRE_* settings). Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

function base(o: ApiOptions = {}): { cwd: string; env: NodeJS.ProcessEnv } {
  return { cwd: o.cwd ?? process.cwd(), env: o.env ?? process.env };
}

/** Load pack folders (relative to `cwd`) into a catalog, with the built-in library first unless `builtin: false`. */
export async function load(paths: string[], o: ApiOptions & { builtin?: boolean } = {}): Promise<Catalog> {
  const { loadCatalog } = await import("../sources/load.js");
  return loadCatalog({ ...base(o), paths, builtin: o.builtin });
}

/** Lint pack folders or files; `errors` > 0 is what makes `cadre lint` exit 1. */
export async function lint(
  paths: string[],
  o: ApiOptions & { strict?: boolean; rules?: string[]; host?: string } = {},
): Promise<LintResult & { packs: string[] }> {
  const { lintCommand } = await import("./lint.js");
  const { catalog: _catalog, ...result } = await lintCommand({
    ...base(o),
    paths,
    strict: o.strict ?? false,
    rules: o.rules,
    host: o.host,
  });
  return result;
}

/** What `cadre sync` would do, writing nothing (`sync --dry-run`). */
export async function plan(o: ApiOptions & { force?: boolean } = {}): Promise<SyncResult> {
  const { syncCommand } = await import("./sync.js");
  return syncCommand({ ...base(o), dryRun: true, force: o.force });
}

/**
 * Install the project's selection into its hosts (`cadre sync`). A plan that would remove more than it keeps
 * is applied only when `confirmRemoval` says yes; conflicts are returned in `conflicts`, never overwritten
 * unless `force`.
 */
export async function sync(
  o: ApiOptions & { force?: boolean; confirmRemoval?: (r: RiskyRemoval) => Promise<boolean> } = {},
): Promise<SyncResult> {
  const { syncCommand } = await import("./sync.js");
  return syncCommand({ ...base(o), force: o.force, confirmRemoval: o.confirmRemoval ?? (async () => false) });
}

/** Build (or, unless `full`, refresh) the project's code index at `.cadre/index.db` (`cadre index build`). */
export async function index(o: ApiOptions & { full?: boolean } = {}): Promise<BuildResult> {
  const { resolveIndexTarget } = await import("./index-open.js");
  const { buildIndex } = await import("./index-build.js");
  return buildIndex(resolveIndexTarget(base(o)), { full: o.full ?? false });
}

/** The most useful code for a file, a symbol or a query within a token budget (`cadre recall`). */
export async function recall(
  mode: RecallMode,
  target: string,
  o: ApiOptions & Partial<Pick<RecallOptions, "budget" | "tier" | "lines" | "context">> = {},
): Promise<RecallResult> {
  const { resolveIndexTarget } = await import("./index-open.js");
  const { recall: run } = await import("./recall.js");
  return run(resolveIndexTarget(base(o)), mode, target, {
    budget: o.budget ?? 2000,
    tier: o.tier,
    lines: o.lines,
    context: o.context,
  });
}

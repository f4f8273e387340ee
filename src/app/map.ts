import { ErrorCodes, UserError } from "../core/errors.js";
import { buildRepoMap, type RepoMap } from "../index/repo-map.js";
import { type IndexTarget, withIndex } from "./index-open.js";

/** `cadre map`: files ranked by the reference graph, personalised to a focus, cut to the budget. */
export async function repoMap(
  t: IndexTarget,
  opts: { budget: number; focus?: string[]; onNote?: (m: string) => void },
): Promise<RepoMap & { budget: number }> {
  if (!Number.isInteger(opts.budget) || opts.budget < 1)
    throw new UserError(ErrorCodes.usage, "--budget needs a whole number of tokens ≥ 1");
  const map = await withIndex(t, (db) => buildRepoMap(db, { budget: opts.budget, focus: opts.focus }), {
    autoBuild: true,
    onNote: opts.onNote,
  });
  return { ...map, budget: opts.budget };
}

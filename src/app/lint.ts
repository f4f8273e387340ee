import { resolve } from "node:path";
import { lintPacks } from "../lint/run.js";
import type { LintResult } from "../lint/types.js";
import type { Catalog } from "../model/catalog.js";
import { loadCatalog } from "../sources/load.js";
import { builtinLibraryDir } from "../sources/paths.js";

export interface LintCommandOptions {
  cwd: string;
  paths: string[];
  strict: boolean;
  rules?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Load the given packs (with the built-in pack for resolving references) and lint them. */
export async function lintCommand(
  opts: LintCommandOptions,
): Promise<LintResult & { packs: string[]; catalog: Catalog }> {
  const paths = opts.paths.length ? opts.paths : ["."];
  const catalog = await loadCatalog({ cwd: opts.cwd, paths, env: opts.env });
  const builtin = builtinLibraryDir();
  const wanted = paths.map((p) => resolve(opts.cwd, p));
  // The built-in pack is loaded first for resolving references; it is linted only when asked for by path.
  const targets = wanted.includes(builtin) ? catalog.packs : catalog.packs.slice(1);
  const result = lintPacks(catalog, targets, { strict: opts.strict, rules: opts.rules });
  return { ...result, packs: targets.map((p) => p.root), catalog };
}

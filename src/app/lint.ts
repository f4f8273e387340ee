import { resolve } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { findSecrets, packTexts } from "../lint/rules/secrets.js";
import { lintPacks } from "../lint/run.js";
import type { LintResult } from "../lint/types.js";
import type { Catalog } from "../model/catalog.js";
import { displayPath, type Item, qualifiedId } from "../model/item.js";
import { expandProfile } from "../model/profiles.js";
import { loadCatalog } from "../sources/load.js";
import { builtinLibraryDir } from "../sources/paths.js";

export interface LintCommandOptions {
  cwd: string;
  paths: string[];
  strict: boolean;
  rules?: string[];
  /** Lint for one host's rules (`--host`). */
  host?: string;
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
  const result = lintPacks(catalog, targets, { strict: opts.strict, rules: opts.rules, host: opts.host });
  return { ...result, packs: targets.map((p) => p.root), catalog };
}

/**
 * `cadre add`: refuse items (a profile: its items) whose files hold a secret, from any source, before they
 * are selected and copied into the project. Throws a UserError listing where, with the secrets masked.
 */
export function assertNoSecrets(catalog: Catalog, items: readonly Item[]): void {
  const all = items.flatMap((it) => (it.kind === "profile" ? expandProfile(catalog, it).items : [it]));
  const found: string[] = [];
  for (const it of all) {
    const pack = catalog.packs.find((p) => p.name === it.pack);
    if (!pack) continue;
    for (const [path, text] of packTexts(pack, [it]))
      for (const f of findSecrets(path, text))
        found.push(`${displayPath(pack, path)}:${f.line}:${f.column}: ${f.message} (${qualifiedId(it)})`);
  }
  if (found.length === 0) return;
  const shown = found.slice(0, 10).join("\n  ");
  throw new UserError(
    ErrorCodes.findings,
    `refusing to add items that contain secrets (security/secret):\n  ${shown}${found.length > 10 ? `\n  … and ${found.length - 10} more` : ""}`,
    "remove the secret from the pack and rotate it; see `cadre lint <pack> --rule security/secret`",
  );
}

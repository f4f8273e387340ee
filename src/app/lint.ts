import { stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { toPosix } from "../core/names.js";
import { findSecrets, packTexts } from "../lint/rules/secrets.js";
import { lintPacks } from "../lint/run.js";
import type { LintResult } from "../lint/types.js";
import type { Catalog } from "../model/catalog.js";
import { LAYOUTS_HINT } from "../model/discover.js";
import { displayPath, type Item, type Pack, qualifiedId } from "../model/item.js";
import { expandProfile } from "../model/profiles.js";
import { loadCatalog, loadPack } from "../sources/load.js";
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
  const given = opts.paths.length ? opts.paths : ["."];
  const files = new Map<string, { dir: string; file: string }>();
  const paths: string[] = [];
  for (const p of given) {
    const st = await stat(resolve(opts.cwd, p)).catch(() => undefined);
    if (st?.isFile()) files.set(p, await packOfFile(opts, p));
    else paths.push(p);
  }
  for (const f of files.values()) if (!paths.includes(f.dir)) paths.push(f.dir);
  const catalog = await loadCatalog({ cwd: opts.cwd, paths, env: opts.env });
  const builtin = builtinLibraryDir();
  const wanted = paths.map((p) => resolve(opts.cwd, p));
  // The built-in pack is loaded first for resolving references; it is linted only when asked for by path.
  const targets = wanted.includes(builtin) ? catalog.packs : catalog.packs.slice(1);
  const result = lintPacks(catalog, targets, { strict: opts.strict, rules: opts.rules, host: opts.host });
  if (files.size === 0 || given.some((p) => !files.has(p)))
    return { ...result, packs: targets.map((p) => p.root), catalog };
  return { ...onlyFiles(result, targets, [...files.values()]), packs: [...files.keys()], catalog };
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );
const PACK_MARKERS = ["cadre-pack.yaml", ".claude-plugin", "gemini-extension.json", ".cursor-plugin"];

/** The folders above a file, nearest first, up to a repository root, the working folder or 6 levels. */
async function foldersAbove(cwd: string, abs: string): Promise<Array<{ dir: string; marked: boolean }>> {
  const out: Array<{ dir: string; marked: boolean }> = [];
  let dir = dirname(abs);
  for (let up = 0; up < 6; up++) {
    const marks = await Promise.all([...PACK_MARKERS, ".git"].map((m) => exists(join(dir, m))));
    out.push({ dir, marked: marks.slice(0, PACK_MARKERS.length).some(Boolean) });
    const parent = dirname(dir);
    if (parent === dir || marks.some(Boolean) || dir === resolve(cwd)) break;
    dir = parent;
  }
  return out;
}

/**
 * `cadre lint <file>`: the pack the file belongs to, so references, pack rules and the pack's own strictness
 * apply: the nearest folder with a pack manifest above it, else the nearest folder in which it is an item.
 */
async function packOfFile(opts: LintCommandOptions, path: string): Promise<{ dir: string; file: string }> {
  const abs = resolve(opts.cwd, path);
  const above = await foldersAbove(opts.cwd, abs);
  const order = [...above.filter((f) => f.marked), ...above.filter((f) => !f.marked)].slice(0, 4);
  for (const { dir } of order) {
    const rel0 = toPosix(relative(opts.cwd, dir)) || ".";
    const shown = rel0.startsWith("../../..") ? toPosix(dir) : rel0; // as sources/load.ts shows a pack's root
    const pack = await loadPack(shown, { cwd: opts.cwd, env: opts.env });
    const rel = toPosix(relative(dir, abs));
    const named = pack.diagnostics.some((d) => d.file === displayPath(pack, rel));
    if (named || pack.items.some((i) => i.files.includes(rel) || i.path === rel))
      return { dir: shown, file: rel };
  }
  throw new UserError(
    ErrorCodes.usage,
    `${path} is not an item of any pack folder above it`,
    `lint a skill's SKILL.md, an agent, command or rule file, or a folder. ${LAYOUTS_HINT}`,
  );
}

/** Keep the findings of the given files (a skill: its whole folder) and count only their items. */
function onlyFiles(
  result: LintResult,
  packs: readonly Pack[],
  files: ReadonlyArray<{ dir: string; file: string }>,
): LintResult {
  const shown = new Set<string>();
  let items = 0;
  for (const f of files) {
    const pack = packs.find((p) => p.root === f.dir || (f.dir === "." && p.root === "."));
    if (pack) shown.add(displayPath(pack, f.file));
    for (const it of pack?.items ?? [])
      if (it.path === f.file || it.files.includes(f.file)) {
        items++;
        for (const x of it.files) shown.add(displayPath(pack as Pack, x));
      }
  }
  const diagnostics = result.diagnostics.filter((d) => shown.has(d.file));
  return {
    ...result,
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === "error").length,
    warnings: diagnostics.filter((d) => d.severity === "warning").length,
    itemsChecked: items,
  };
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

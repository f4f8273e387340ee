import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Scope } from "../hosts/define.js";
import { CADRE_BIN, shellQuote } from "../render/hooks.js";
import { packageRoot } from "../sources/paths.js";

/** Where a hook command that starts cadre came from. */
export type HookCommandSource = "project" | "path" | "npx" | "absolute";

export interface HookCommand {
  /** What hosts run before `hook <name> --host <host>`. */
  command: string;
  source: HookCommandSource;
}

export const HOOK_COMMAND_SOURCES: Record<HookCommandSource, string> = {
  project: "the project's own node_modules/.bin/cadre",
  path: "cadre on PATH",
  npx: "npx --no-install cadre, from a node_modules/.bin in a parent folder",
  absolute: "the absolute path of this cadre",
};

/** The project's own cadre (a devDependency), as a command run from the project root. */
export const PROJECT_BIN = "node_modules/.bin/cadre";

const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() === true;

/** The candidates, in order of preference: the project's own, PATH, npx (a parent's), this very cadre. */
export function hookCommandCandidates(root: string, scope: Scope = "project"): HookCommand[] {
  const out: HookCommand[] = [];
  const project = scope === "project";
  if (project && isFile(join(root, PROJECT_BIN))) out.push({ command: PROJECT_BIN, source: "project" });
  out.push({ command: CADRE_BIN, source: "path" });
  // npx finds a devDependency from any folder below it; without one it would ask the registry.
  for (let d = dirname(root); project && d !== dirname(d); d = dirname(d))
    if (isFile(join(d, PROJECT_BIN))) {
      out.push({ command: "npx --no-install cadre", source: "npx" });
      break;
    }
  out.push({ command: shellQuote(join(packageRoot(), "bin", "cadre.js")), source: "absolute" });
  return out;
}

/** Whether `<command> --version`, run by a shell in the project root as a host would, prints a version. */
export function runsCadre(command: string, root: string, env: NodeJS.ProcessEnv): boolean {
  const r = spawnSync(`${command} --version`, {
    shell: true,
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 15_000,
    stdio: ["ignore", "pipe", "ignore"],
  });
  return r.status === 0 && /^\d+\.\d+\.\d+/.test(r.stdout.trim());
}

/**
 * The first hook command that has just started cadre on this machine, from the project root, with this
 * environment; undefined when none does (the hooks would then fail as "command not found").
 */
export function chooseHookCommand(
  root: string,
  env: NodeJS.ProcessEnv,
  scope: Scope = "project",
): HookCommand | undefined {
  return hookCommandCandidates(root, scope).find((c) => runsCadre(c.command, root, env));
}

/** The fix for hooks that start no cadre: a devDependency (or this cadre's absolute path), never a global install. */
export function hookCommandFix(root: string, env: NodeJS.ProcessEnv, scope: Scope = "project"): string {
  const found = chooseHookCommand(root, env, scope);
  const set = (c: string) =>
    `set \`hooks: { command: ${JSON.stringify(c)} }\` in cadre.yaml and run \`cadre sync\``;
  if (found) return `${set(found.command)} (${HOOK_COMMAND_SOURCES[found.source]} works here)`;
  return `install cadre in the project (npm i -D cadre), then ${set(PROJECT_BIN)}; see docs/hooks.md`;
}

import { isSafeRelativePath } from "../core/names.js";
import type { Scope, ScopedPath } from "./define.js";

/** The environment path templates are resolved against. Passed in; never read at import time. */
export interface HostEnv {
  scope: Scope;
  /** The user's home folder (absolute, posix). */
  home: string;
  /** XDG config home (absolute, posix); defaults to {home}/.config. */
  xdgConfig?: string;
  /** How installed hook commands start cadre (cadre.yaml `hooks.command`); `cadre` when unset. */
  cadreCommand?: string;
  /** Root-relative paths known to exist, among those a host's reads depend on (`ReadPath.unless`). */
  present?: ReadonlySet<string>;
}

/**
 * Resolve a template to a path relative to the scope root (the project folder, or home for `user`).
 * Returns undefined when the template does not apply to the scope, and throws on an unsafe result.
 */
export function resolveTemplate(
  t: ScopedPath,
  env: HostEnv,
  vars: Record<string, string> = {},
): string | undefined {
  const tpl = t[env.scope];
  if (tpl === undefined) return undefined;
  const xdg = env.xdgConfig ?? `${env.home}/.config`;
  let xdgRel = xdg.startsWith(`${env.home}/`) ? xdg.slice(env.home.length + 1) : ".config";
  if (xdg === env.home) xdgRel = "";
  let s = tpl
    .replace(/^\{project\}\/?/, "")
    .replace(/^\{home\}\/?/, "")
    .replace(/^\{xdgConfig\}/, xdgRel);
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(v);
  s = s.replace(/^\/+/, "");
  if (/\{[a-zA-Z]+\}/.test(s) || !isSafeRelativePath(s))
    throw new Error(`unsafe or unresolved path template: ${tpl}`);
  return s;
}

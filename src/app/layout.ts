import { statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { StateDir } from "../apply/state.js";
import { toPosix } from "../core/names.js";
import type { Scope } from "../hosts/define.js";
import type { HostEnv } from "../hosts/paths.js";
import { xdgDir } from "../sources/paths.js";

/** Kept free of heavy imports: the no-op fast path of `cadre sync` uses it before loading anything else. */
export interface ProjectOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Use the hosts' user-level paths, with config and lock under the XDG folders. */
  global?: boolean;
  /** Use `cwd` itself as the project root (`init`): do not look for a cadre.yaml in its parent folders. */
  here?: boolean;
}

/** Where a project's (or the user's) files live. */
export interface Layout {
  scope: Scope;
  root: string;
  configPath: string;
  lockPath: string;
  state: StateDir;
  hostEnv: HostEnv;
  /** The environment the layout was made for (XDG folders, the library's caches). */
  env: NodeJS.ProcessEnv;
}

export function layoutOf(o: ProjectOptions): Layout {
  const home = homeOf(o.env);
  const xdgConfig = o.env.XDG_CONFIG_HOME ? resolve(o.env.XDG_CONFIG_HOME) : undefined;
  const hostEnv = (scope: Scope): HostEnv => ({
    scope,
    home: toPosix(home),
    xdgConfig: xdgConfig ? toPosix(xdgConfig) : undefined,
  });
  if (o.global) {
    const state = xdgDir("state", o.env);
    return {
      scope: "user",
      root: home,
      configPath: join(xdgDir("config", o.env), "cadre.yaml"),
      lockPath: join(state, "cadre.lock"),
      state: { dir: state },
      hostEnv: hostEnv("user"),
      env: o.env,
    };
  }
  const root = o.here ? resolve(o.cwd) : (findProjectRoot(o.cwd, home) ?? resolve(o.cwd));
  return {
    scope: "project",
    root,
    configPath: join(root, "cadre.yaml"),
    lockPath: join(root, "cadre.lock"),
    state: { dir: join(root, ".cadre") },
    hostEnv: hostEnv("project"),
    env: o.env,
  };
}

/**
 * The nearest folder from `cwd` upward that holds a cadre.yaml, so commands work from any subfolder of a
 * project. The search stops at the filesystem root, and below the home folder (a cadre.yaml in $HOME is
 * found only from $HOME itself); undefined when there is none.
 */
export function findProjectRoot(cwd: string, home: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    if (statSync(join(dir, "cadre.yaml"), { throwIfNoEntry: false })?.isFile()) return dir;
    const up = dirname(dir);
    if (up === dir || up === home) return undefined;
    dir = up;
  }
}

/** The home folder layoutOf uses. */
export function homeOf(env: NodeJS.ProcessEnv): string {
  return resolve(env.HOME || env.USERPROFILE || homedir());
}

import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root (where package.json and library/ live), found from this module's location. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "library"))) return dir;
    dir = dirname(dir);
  }
  throw new Error("cadre's package root (with library/) was not found");
}

export function builtinLibraryDir(): string {
  return join(packageRoot(), "library");
}

/** XDG base directories, with the usual fallbacks (and LOCALAPPDATA on Windows). */
export function xdgDir(kind: "cache" | "state" | "config", env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  const vars = { cache: "XDG_CACHE_HOME", state: "XDG_STATE_HOME", config: "XDG_CONFIG_HOME" } as const;
  const fallback = { cache: ".cache", state: ".local/state", config: ".config" } as const;
  const v = env[vars[kind]];
  if (v) return resolve(v, "cadre");
  if (process.platform === "win32" && env.LOCALAPPDATA) return resolve(env.LOCALAPPDATA, "cadre", kind);
  return resolve(home, fallback[kind], "cadre");
}

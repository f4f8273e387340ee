import { mkdir, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, relative } from "node:path";
import { ErrorCodes, UserError, usageError } from "../core/errors.js";
import { HOST_IDS } from "../hosts/registry.js";
import { loadPack } from "../sources/load.js";
import { packageRoot } from "../sources/paths.js";
import { CONFIG_FILE, readConfig, renderConfig } from "./config.js";
import { detectHosts, layoutOf, type ProjectOptions } from "./project.js";
import { type SyncResult, syncCommand } from "./sync.js";

export interface InitOptions extends ProjectOptions {
  hosts?: string[];
  profiles?: string[];
  sources?: string[];
  /** Replace an existing cadre.yaml. */
  force?: boolean;
  /** Symlink skill files instead of copying them. */
  link?: boolean;
  /** cadre's version (for the sync fast path). */
  version?: string;
  /** Write cadre.yaml only; do not sync. */
  noSync?: boolean;
}

export interface InitResult {
  configPath: string;
  hosts: string[];
  profiles: string[];
  detected: string[];
  sync?: SyncResult;
}

/** The default selection: the `core` profile. */
export const DEFAULT_PROFILES = ["core"];

/** `cadre init --yes`: write cadre.yaml without a prompt, then install the selection. */
export async function initCommand(o: InitOptions): Promise<InitResult> {
  const layout = layoutOf(o);
  if (!o.force && (await readConfig(layout.configPath, CONFIG_FILE).catch(() => ({})))) {
    throw new UserError(
      ErrorCodes.usage,
      `${CONFIG_FILE} already exists`,
      "edit it and run `cadre sync`, or pass --force to replace it",
    );
  }
  const unknown = (o.hosts ?? []).filter((h) => h !== "auto" && !(HOST_IDS as string[]).includes(h));
  if (unknown.length)
    throw usageError(
      `unknown host ${unknown.map((h) => `"${h}"`).join(", ")}`,
      `use one of: ${HOST_IDS.join(", ")}`,
    );
  const detected = await detectHosts(layout);
  const hosts = o.hosts?.length
    ? o.hosts.includes("auto")
      ? "auto"
      : o.hosts
    : detected.length
      ? detected
      : ["agents-standard"];
  const profiles = o.profiles?.length ? o.profiles : DEFAULT_PROFILES;
  const include: string[] = [];
  for (const s of o.sources ?? []) include.push(`${(await loadPack(s, { cwd: o.cwd, env: o.env })).name}/*`);
  const sources = ["builtin", ...(o.sources ?? [])];
  const text = renderConfig({
    hosts,
    profiles,
    scope: layout.scope,
    sources,
    include,
    link: o.link,
    hooksCommand: localInstall(layout.root) ? LOCAL_HOOK_COMMAND : undefined,
  });
  await mkdir(dirname(layout.configPath), { recursive: true });
  await writeFile(layout.configPath, text);
  const sync = o.noSync ? undefined : await syncCommand(o);
  return {
    configPath: layout.configPath,
    hosts: hosts === "auto" ? detected : hosts,
    profiles,
    detected,
    sync,
  };
}

/** The hook command for a cadre installed as the project's dependency: found from any folder of it. */
export const LOCAL_HOOK_COMMAND = "npx --no-install cadre";

/**
 * Whether this cadre runs from the project's own node_modules (a devDependency) rather than a global
 * install: its hook commands then cannot count on `cadre` being on the PATH hosts start with.
 */
function localInstall(root: string): boolean {
  const rel = relative(root, packageRoot());
  return rel.startsWith("node_modules") && !rel.startsWith("..") && !isAbsolute(rel);
}

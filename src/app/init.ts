import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ErrorCodes, UserError, usageError } from "../core/errors.js";
import { didYouMean } from "../core/names.js";
import { HOST_IDS, resolveHostId } from "../hosts/registry.js";
import { CONFIG_FILE, parseConfigText, readConfig, renderConfig } from "./config.js";
import { chooseHookCommand, type HookCommand } from "./hook-command.js";
import { findProjectRoot, homeOf } from "./layout.js";
import {
  catalogOf,
  detectHosts,
  type Layout,
  layoutOf,
  type ProjectOptions,
  selectItems,
} from "./project.js";
import { loadSource, parseSpecAt } from "./sources.js";
import { type SyncResult, syncCommand } from "./sync.js";

export interface InitOptions extends ProjectOptions {
  hosts?: string[];
  profiles?: string[];
  sources?: string[];
  /** Replace an existing cadre.yaml. */
  force?: boolean;
  /** Symlink skill files instead of copying them. */
  link?: boolean;
  /** Write `compose: true` (install-time composition of the role agents' expertise). */
  compose?: boolean;
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
  /** The command hooks start cadre with, just run successfully here; undefined when none worked. */
  hooks?: HookCommand;
  sync?: SyncResult;
}

/** The default selection: the `core` profile. */
export const DEFAULT_PROFILES = ["core"];

/** `cadre init --yes`: write cadre.yaml without a prompt, then install the selection. */
export async function initCommand(o: InitOptions): Promise<InitResult> {
  const layout = layoutOf({ ...o, here: true });
  if (!o.force) await refuseExisting(o, layout);
  const unknown = (o.hosts ?? []).filter((h) => h !== "auto" && !resolveHostId(h));
  if (unknown.length)
    throw usageError(
      `unknown host ${unknown.map((h) => `"${h}"`).join(", ")}`,
      `${didYouMean(unknown[0] as string, HOST_IDS)} use one of: ${HOST_IDS.join(", ")}`.trim(),
    );
  const detected = await detectHosts(layout);
  const hosts: string[] | "auto" = o.hosts?.length
    ? o.hosts.includes("auto")
      ? "auto"
      : o.hosts
    : detected.length
      ? detected
      : ["agents-standard"];
  const profiles = o.profiles?.length ? o.profiles : DEFAULT_PROFILES;
  const include: string[] = [];
  for (const s of o.sources ?? []) {
    const { pack } = await loadSource(parseSpecAt(s, layout.root), {
      base: layout.root,
      env: o.env,
      root: layout.root,
    });
    if (!pack.builtin) include.push(`${pack.name}/*`);
  }
  const sources = ["builtin", ...(o.sources ?? [])];
  const hook = chooseHookCommand(layout.root, o.env, layout.scope);
  const fields = { hosts, profiles, scope: layout.scope, sources, include, link: o.link, compose: o.compose };
  const text = renderConfig({ ...fields, hooksCommand: hook?.source === "path" ? undefined : hook?.command });
  // Check the selection before anything is written: an unknown profile is an error, not an empty install.
  const config = parseConfigText(text, CONFIG_FILE);
  selectItems(await catalogOf(config, layout, o.env), config);
  await mkdir(dirname(layout.configPath), { recursive: true });
  await writeFile(layout.configPath, text);
  const sync = o.noSync ? undefined : await syncCommand(o);
  return {
    configPath: layout.configPath,
    hosts: hosts === "auto" ? detected : hosts,
    profiles,
    detected,
    hooks: hook,
    sync,
  };
}

/** A cadre.yaml here, or in a parent folder (this folder is inside that project), is not replaced silently. */
async function refuseExisting(o: InitOptions, layout: Layout): Promise<void> {
  if (await readConfig(layout.configPath, CONFIG_FILE).catch(() => ({}))) {
    throw new UserError(
      ErrorCodes.usage,
      `${layout.configPath} already exists`,
      "edit it and run `cadre sync`, or pass --force to replace it",
    );
  }
  if (o.global) return;
  const parent = findProjectRoot(layout.root, homeOf(o.env));
  if (parent)
    throw new UserError(
      ErrorCodes.usage,
      `this folder is inside the project configured by ${join(parent, CONFIG_FILE)}`,
      "cadre commands work from any folder of that project; pass --force to start a separate project here",
    );
}

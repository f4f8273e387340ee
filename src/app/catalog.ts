import type { Catalog } from "../model/catalog.js";
import { type Item, qualifiedId } from "../model/item.js";
import type { Lock } from "../plan/types.js";
import { loadCatalog } from "../sources/load.js";
import { CONFIG_FILE, type Config, readConfig } from "./config.js";
import { layoutOf } from "./layout.js";
import { catalogOf, readLock } from "./project.js";

export interface CatalogOptions {
  cwd: string;
  sources?: string[];
  env?: NodeJS.ProcessEnv;
}

/** The project a catalog command runs in: its root and, per qualified item id, the hosts cadre.lock installs it for. */
export interface ProjectView {
  root: string;
  installed: ReadonlyMap<string, string[]>;
}

export interface OpenedCatalog {
  cat: Catalog;
  /** Set inside a project (a cadre.yaml here or in a parent folder); undefined elsewhere. */
  project?: ProjectView;
  /** The project's cadre.yaml, when there is one. */
  config?: Config;
}

/**
 * The catalog a command reads: `--source` folders when given (plus the built-in pack); else, inside a
 * project, cadre.yaml's sources (as sync reads them); else the built-in pack. In a project, the lock says
 * which items are installed.
 */
export async function openCatalog(opts: CatalogOptions): Promise<OpenedCatalog> {
  const env = opts.env ?? process.env;
  const layout = layoutOf({ cwd: opts.cwd, env });
  const config = await readConfig(layout.configPath, CONFIG_FILE);
  const cat =
    config && !opts.sources?.length
      ? await catalogOf(config, layout, env)
      : await loadCatalog({ cwd: opts.cwd, paths: opts.sources ?? [], env: opts.env });
  if (!config) return { cat };
  return {
    cat,
    config,
    project: { root: layout.root, installed: installedHosts(await readLock(layout)) },
  };
}

/** Qualified item id → the hosts whose files cadre.lock records for it (sorted). */
export function installedHosts(lock: Lock): Map<string, string[]> {
  const hosts = new Map<string, Set<string>>();
  for (const qid of Object.keys(lock.items)) hosts.set(qid, new Set());
  for (const e of Object.values(lock.files))
    for (const qid of e.items) {
      const s = hosts.get(qid) ?? new Set<string>();
      for (const h of e.hosts) s.add(h);
      hosts.set(qid, s);
    }
  return new Map([...hosts].map(([q, s]) => [q, [...s].sort()]));
}

/** An item's install state for `--json`: present only inside a project. */
export function installState(project: ProjectView | undefined, item: Item) {
  if (!project) return {};
  const hosts = project.installed.get(qualifiedId(item));
  return { installed: hosts !== undefined, installedHosts: hosts ?? [] };
}

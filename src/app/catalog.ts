import type { Catalog } from "../model/catalog.js";
import { loadCatalog } from "../sources/load.js";

export interface CatalogOptions {
  cwd: string;
  sources?: string[];
  env?: NodeJS.ProcessEnv;
}

/** The built-in pack plus any extra pack folders. */
export function openCatalog(opts: CatalogOptions): Promise<Catalog> {
  return loadCatalog({ cwd: opts.cwd, paths: opts.sources ?? [], env: opts.env });
}

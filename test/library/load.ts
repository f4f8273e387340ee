import { join } from "node:path";
import type { Catalog } from "../../src/model/catalog.js";
import { loadCatalog } from "../../src/sources/load.js";

export const ROOT = join(import.meta.dirname, "..", "..");
export const LIBRARY = join(ROOT, "library");

let cached: Promise<Catalog> | undefined;

/** The built-in library, loaded once per test file. */
export function library(): Promise<Catalog> {
  cached ??= loadCatalog({ cwd: ROOT, paths: [] });
  return cached;
}

/** cadre's programmatic API. */
export { loadCatalog, loadPack } from "./sources/load.js";
export { lintPacks } from "./lint/run.js";
export { buildCatalog, resolveRef } from "./model/catalog.js";
export { parsePack } from "./model/parse-pack.js";
export { KINDS } from "./model/kinds.js";
export type { Item, Pack } from "./model/item.js";
export type { Catalog } from "./model/catalog.js";
export type { Diagnostic } from "./core/diagnostics.js";

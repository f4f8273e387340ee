/** cadre's programmatic API. */
export { loadCatalog, loadPack } from "./sources/load.js";
export { lintPacks } from "./lint/run.js";
export { buildCatalog, resolveRef } from "./model/catalog.js";
export { parsePack } from "./model/parse-pack.js";
export { KINDS } from "./model/kinds.js";
export type { Item, Pack } from "./model/item.js";
export type { Catalog } from "./model/catalog.js";
export type { Diagnostic } from "./core/diagnostics.js";
export { HOSTS, HOST_IDS } from "./hosts/registry.js";
export { HOST_KINDS, supportOf } from "./hosts/define.js";
export { filterItems } from "./app/list.js";
export { LOAD_RULES, RULES } from "./lint/registry.js";
export { compositionMapJsonSchema } from "./model/composition.js";
export { buildIndex, search } from "./search/bm25f.js";
export { itemDocs, searchItems } from "./app/search.js";

/** cadre's programmatic API. */

export { filterItems } from "./app/list.js";
export { itemDocs, searchItems } from "./app/search.js";
export type { Diagnostic } from "./core/diagnostics.js";
export { HOST_KINDS, noteOf, supportOf } from "./hosts/define.js";
export { HOST_IDS, HOSTS } from "./hosts/registry.js";
export { LOAD_RULES, RULES } from "./lint/registry.js";
export { lintPacks } from "./lint/run.js";
export type { Catalog } from "./model/catalog.js";
export { buildCatalog, resolveRef } from "./model/catalog.js";
export { compositionMapJsonSchema } from "./model/composition.js";
export type { Item, Pack } from "./model/item.js";
export { KINDS } from "./model/kinds.js";
export { parsePack } from "./model/parse-pack.js";
export { buildIndex, search } from "./search/bm25f.js";
export { loadCatalog, loadPack } from "./sources/load.js";

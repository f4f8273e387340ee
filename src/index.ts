/**
 * cadre's programmatic API (`import … from "cadre"`). The use cases (`load`, `lint`, `plan`, `sync`, `index`,
 * `recall`) are the functions the CLI runs; the rest are the pure building blocks under them. See docs/api.md.
 */

export type { ApiOptions } from "./app/api.js";
export { index, lint, load, plan, recall, sync } from "./app/api.js";
export type { BuildResult } from "./app/index-build.js";
export { filterItems } from "./app/list.js";
export type { RecallMode, RecallResult } from "./app/recall.js";
export { itemDocs, searchItems } from "./app/search.js";
export type { RiskyRemoval, SyncResult } from "./app/sync.js";
export type { Diagnostic } from "./core/diagnostics.js";
export { ErrorCodes, UserError } from "./core/errors.js";
export { HOST_KINDS, noteOf, supportOf } from "./hosts/define.js";
export { HOST_IDS, HOSTS } from "./hosts/registry.js";
export { LOAD_RULES, RULES } from "./lint/registry.js";
export { lintPacks } from "./lint/run.js";
export type { LintResult } from "./lint/types.js";
export type { Catalog } from "./model/catalog.js";
export { buildCatalog, resolveRef } from "./model/catalog.js";
export { compositionMapJsonSchema } from "./model/composition.js";
export type { Item, Pack } from "./model/item.js";
export { KINDS } from "./model/kinds.js";
export { parsePack } from "./model/parse-pack.js";
export type { Action, Lock } from "./plan/types.js";
export type { PackDocsInput } from "./render/pack-docs.js";
export { catalogDoc, llmsFullTxt, llmsTxt, readmeSection } from "./render/pack-docs.js";
export { buildIndex, search } from "./search/bm25f.js";
export { loadCatalog, loadPack } from "./sources/load.js";

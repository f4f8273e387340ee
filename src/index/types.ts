/** What the extractors produce for one file; pure data, shared by the index layer. */

export type SymbolKind =
  | "class"
  | "interface"
  | "struct"
  | "enum"
  | "union"
  | "trait"
  | "type"
  | "function"
  | "method"
  | "constructor"
  | "field"
  | "property"
  | "constant"
  | "variable"
  /** A variable declared inside a function body (JS/TS `const`/`let`/`var`), qualified by the function. */
  | "local"
  | "enum_member"
  | "module"
  | "macro"
  | "heading"
  | "key"
  /** SQL (`extract-sql.ts`). */
  | "table"
  | "view"
  | "procedure"
  | "trigger"
  | "index";

export interface SymbolDef {
  /** The bare name, e.g. `get`. */
  name: string;
  /** The name with its containers, e.g. `Map.get` or `http.Get`. */
  qualname: string;
  kind: SymbolKind;
  /** 1-based, inclusive. */
  line: number;
  endLine: number;
  signature: string;
  doc: string;
  /** Nesting depth for outlines (0 = top level). */
  depth: number;
}

export interface FileExtract {
  language: string;
  symbols: SymbolDef[];
  /** Distinct identifiers referenced in the file (for ranking). */
  refs: string[];
  /** Import lines, verbatim, for L1 structure. */
  imports: string[];
  /** Set when the parser failed; the file still gets full-text content. */
  error?: string;
  /** Store rows computed beside the parse (see `prepare.ts`). */
  prepared?: Prepared;
}

export interface Prepared {
  lines: number;
  /** sha1 of each symbol's source lines, for freshness and summary reuse. */
  symbolHashes: string[];
  /** name, qualified name, signature with identifiers split for FTS. */
  symbolFts: Array<[string, string, string]>;
  /** The split parts of the file's camelCase identifiers, appended to its FTS body. */
  bodySuffix: string;
  /** `refs` joined with spaces, when a parser worker sent them as one string (then `refs` is empty). */
  refsText?: string;
}

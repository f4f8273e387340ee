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
  | "enum_member"
  | "module"
  | "macro"
  | "heading"
  | "key";

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
}

import type { Node, Tree } from "web-tree-sitter";
import type { CodeLanguage } from "./languages.js";
import type { FileExtract, SymbolDef, SymbolKind } from "./types.js";

/**
 * A table-driven walk over a tree-sitter syntax tree. Each language declares, per node type, a rule that
 * records definitions and may open a scope (class, function, namespace) that qualifies the names below it.
 */

export type ScopeKind = "type" | "function" | "namespace";
interface Scope {
  depth: number;
  qual: string;
  kind: ScopeKind;
}
export interface ScopeDecl {
  qual: string;
  kind: ScopeKind;
  /** The scope covers the node's following siblings (C# / PHP file-scoped namespaces). */
  siblings?: boolean;
}

export interface Ctx {
  src: string;
  lang: CodeLanguage;
  scopes: Scope[];
  out: SymbolDef[];
  spec: LangSpec;
  /** Go package name, the prefix of top-level qualified names. */
  pkg?: string;
}

export type Rule = (node: Node, ctx: Ctx) => ScopeDecl | undefined;

export interface LangSpec {
  rules: Record<string, Rule>;
  refs: ReadonlySet<string>;
  imports: ReadonlySet<string>;
  /** Node types that wrap a definition and carry its leading comments (export, decorators, templates). */
  wrappers?: ReadonlySet<string>;
  docstrings?: boolean;
  /**
   * A line-based pass after the tree walk, for syntax the grammar cannot place (C `#define` inside an
   * expression, shell functions after an extglob pattern the grammar rejects). `broken`: the tree has errors.
   */
  lexical?: (ctx: Ctx, broken: boolean) => void;
  /**
   * Rewrite the source before parsing, around syntax the grammar rejects. It must keep every line break
   * (it may move one within a declaration) so that line numbers stay those of the file.
   */
  preparse?: (src: string) => string;
}

export function parentQual(c: Ctx): string {
  return c.scopes.length ? (c.scopes[c.scopes.length - 1] as Scope).qual : "";
}
export function inType(c: Ctx): boolean {
  return c.scopes.length > 0 && (c.scopes[c.scopes.length - 1] as Scope).kind === "type";
}
export function inFunction(c: Ctx): boolean {
  return c.scopes.some((s) => s.kind === "function");
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function signatureOf(node: Node, src: string): string {
  const body = node.childForFieldName("body");
  if (body && body.startIndex > node.startIndex)
    return oneLine(src.slice(node.startIndex, body.startIndex), 240);
  const text = src.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 400));
  const nl = text.indexOf("\n");
  return oneLine(nl >= 0 ? text.slice(0, nl) : text, 200);
}

function cleanComment(text: string): string {
  return text
    .split("\n")
    .map((l) =>
      l
        .trim()
        .replace(/^(\/\*\*?|\/\/\/?!?|#+|\*\/|\*)\s?/, "")
        .replace(/\*\/$/, "")
        .trim(),
    )
    .filter((l) => l.length > 0)
    .join(" ");
}

function docOf(node: Node, c: Ctx, spec: LangSpec): string {
  let target = node;
  // Each `parent` is a call into the parser: ask once per level, and not at all without wrappers.
  for (let up = spec.wrappers ? target.parent : null; up && spec.wrappers?.has(up.type); up = up.parent)
    target = up;
  const parts: string[] = [];
  let row = target.startPosition.row;
  let prev = target.previousNamedSibling;
  while (prev?.type.includes("comment") && prev.endPosition.row >= row - 1 && parts.length < 20) {
    parts.unshift(cleanComment(c.src.slice(prev.startIndex, prev.endIndex)));
    row = prev.startPosition.row;
    prev = prev.previousNamedSibling;
  }
  if (parts.length === 0 && spec.docstrings) {
    const first = node.childForFieldName("body")?.firstNamedChild;
    const str = first?.type === "expression_statement" ? first.firstNamedChild : undefined;
    if (str && str.type === "string")
      parts.push(str.text.replace(/^[rRbBuUfF]*("""|'''|"|')|("""|'''|"|')$/g, ""));
  }
  const doc = oneLine(parts.join(" "), 400);
  return doc;
}

/** Record one definition under the current scope; returns its qualified name. */
export function addDef(
  c: Ctx,
  node: Node,
  name: string,
  kind: SymbolKind,
  opts: { qual?: string; sigNode?: Node } = {},
): string {
  const parent = parentQual(c);
  const top = c.lang === "go" && c.scopes.length === 0 && c.pkg ? c.pkg : parent;
  const qual = opts.qual ?? (top ? `${top}.${name}` : name);
  const sigNode = opts.sigNode ?? node;
  c.out.push({
    name,
    qualname: qual,
    kind,
    line: node.startPosition.row + 1,
    endLine: node.endPosition.row + 1,
    signature: signatureOf(sigNode, c.src),
    doc: docOf(node, c, c.spec),
    depth: c.scopes.length,
  });
  return qual;
}

/** The name of a node from its `name` field (or another field), as source text. */
export function nameOf(node: Node, field = "name"): Node | null {
  return node.childForFieldName(field);
}

/** All node types a spec cares about, cached per spec. */
const typeLists = new WeakMap<LangSpec, string[]>();

/**
 * Extract definitions, references and imports. One `descendantsOfType` call fetches every interesting node in
 * document order (far cheaper than visiting each node through a cursor); scopes are tracked by containment.
 */
export function extractTree(tree: Tree, src: string, lang: CodeLanguage, spec: LangSpec): FileExtract {
  const ctx: Ctx = { src, lang, spec, scopes: [], out: [] };
  const refs = new Set<string>();
  const imports: string[] = [];
  let types = typeLists.get(spec);
  if (!types) {
    types = [...new Set([...Object.keys(spec.rules), ...spec.refs, ...spec.imports])];
    typeLists.set(spec, types);
  }
  const ends: number[] = [];
  for (const node of tree.rootNode.descendantsOfType(types)) {
    if (!node) continue;
    const start = node.startIndex;
    while (ends.length && (ends[ends.length - 1] as number) <= start) {
      ends.pop();
      ctx.scopes.pop();
    }
    const type = node.type;
    if (spec.refs.has(type)) {
      if (refs.size >= 4000) continue;
      const end = node.endIndex; // one call into the parser per reference, not two
      if (end - start >= 2 && end - start <= 64) refs.add(src.slice(start, end));
      continue;
    }
    if (spec.imports.has(type)) {
      if (!inFunction(ctx) && imports.length < 200)
        imports.push(oneLine(src.slice(start, Math.min(node.endIndex, start + 300)), 200));
      // An import may also define a name (C# `using Hash = System.Collections.Hashtable;`).
      if (!spec.rules[type]) continue;
    }
    const rule = spec.rules[type];
    const scope = rule?.(node, ctx);
    if (scope) {
      const end = scope.siblings ? (node.parent?.endIndex ?? src.length) : node.endIndex;
      ctx.scopes.push({ depth: 0, qual: scope.qual, kind: scope.kind });
      ends.push(end);
    }
  }
  spec.lexical?.(ctx, tree.rootNode.hasError);
  return { language: lang, symbols: ctx.out, refs: [...refs], imports };
}

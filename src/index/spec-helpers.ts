import type { Node } from "web-tree-sitter";
import { addDef, type Ctx, inFunction, inType, type Rule } from "./extract-code.js";
import type { SymbolKind } from "./types.js";

/** Rule builders shared by the language tables. */

export function textOf(n: Node, c: Ctx): string {
  return c.src.slice(n.startIndex, n.endIndex);
}

/** A name without quotes (TS `declare module "x"`) or sigils (PHP `$x`). */
export function cleanName(s: string): string {
  return s.replace(/^["'`$]+|["'`]+$/g, "");
}

/** A definition that opens a type scope (class, struct, interface…). */
export function typeRule(kind: SymbolKind, field = "name"): Rule {
  return (n, c) => {
    const id = n.childForFieldName(field);
    if (!id) return undefined;
    const name = cleanName(textOf(id, c));
    const qual = addDef(c, n, name, kind);
    return { qual: c.lang === "go" ? name : qual, kind: "type" };
  };
}

/**
 * A namespace or module: opens a scope whose qualified name is the full dotted path. Without a body it
 * either covers the rest of the file (C# `namespace X;`, PHP `namespace X;`) or declares nothing (Rust `mod x;`).
 */
export function namespaceRule(field = "name", bodiless: "rest-of-file" | "none" = "rest-of-file"): Rule {
  return (n, c) => {
    const id = n.childForFieldName(field);
    if (!id) return undefined;
    const full = cleanName(textOf(id, c)).replace(/::|\\/g, ".");
    const name = full.slice(full.lastIndexOf(".") + 1);
    const qual = addDef(c, n, name, "module", {
      qual: c.scopes.length ? `${c.scopes[c.scopes.length - 1]?.qual}.${full}` : full,
    });
    const hasBody = n.childForFieldName("body") !== null;
    if (!hasBody && bodiless === "none") return undefined;
    return { qual, kind: "namespace", siblings: !hasBody };
  };
}

/** A function, or a method when directly inside a type. */
export function fnRule(field = "name", ctorNames: readonly string[] = []): Rule {
  return (n, c) => {
    const id = n.childForFieldName(field);
    if (!id) return undefined;
    const name = cleanName(textOf(id, c));
    const kind: SymbolKind = inType(c) ? (ctorNames.includes(name) ? "constructor" : "method") : "function";
    return { qual: addDef(c, n, name, kind), kind: "function" };
  };
}

/** A definition without children worth qualifying (field, constant, type alias…). */
export function leafRule(kind: SymbolKind, field = "name", opts: { skipInFunction?: boolean } = {}): Rule {
  return (n, c) => {
    if (opts.skipInFunction && inFunction(c)) return undefined;
    const id = n.childForFieldName(field);
    if (id) addDef(c, n, cleanName(textOf(id, c)), kind);
    return undefined;
  };
}

/** Every identifier inside a declarator-ish node (C declarators, Python pattern lists). */
export function identifiersIn(
  n: Node,
  types: ReadonlySet<string>,
  stop: ReadonlySet<string> = new Set(),
): Node[] {
  if (types.has(n.type)) return [n];
  if (stop.has(n.type)) return [];
  const out: Node[] = [];
  for (const ch of n.namedChildren) if (ch) out.push(...identifiersIn(ch, types, stop));
  return out;
}

/** The first descendant (or self) of one of the types, depth first. */
export function firstOfType(n: Node, types: ReadonlySet<string>): Node | undefined {
  if (types.has(n.type)) return n;
  for (const ch of n.namedChildren) {
    const f = ch ? firstOfType(ch, types) : undefined;
    if (f) return f;
  }
  return undefined;
}

export const set = (...xs: string[]): ReadonlySet<string> => new Set(xs);

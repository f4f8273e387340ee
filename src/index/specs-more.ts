import type { Node } from "web-tree-sitter";
import { addDef, type Ctx, inFunction, inType, type LangSpec, type Rule } from "./extract-code.js";
import { cleanName, fnRule, leafRule, namespaceRule, set, textOf, typeRule } from "./spec-helpers.js";
import type { SymbolKind } from "./types.js";

/** Definition tables for Kotlin, Swift, Scala, Lua, Elixir, Dart and HCL/Terraform. */

/** The first named child of one of the types (for grammars without field names). */
function childOf(n: Node, types: ReadonlySet<string>): Node | undefined {
  for (const ch of n.namedChildren) if (ch && types.has(ch.type)) return ch;
  return undefined;
}

/** The first anonymous child among the keywords, as text (`class`, `struct`, `interface`…). */
function keywordOf(n: Node, words: ReadonlySet<string>): string | undefined {
  for (const ch of n.children) if (ch && !ch.isNamed && words.has(ch.type)) return ch.type;
  return undefined;
}

/** A variable's kind by where it is: a local in a function, a property in a type, else constant or variable. */
function varKind(c: Ctx, constant: boolean): SymbolKind {
  if (inFunction(c)) return "local";
  if (inType(c)) return "property";
  return constant ? "constant" : "variable";
}

/** A type whose name is its first child of one of the types; the kind may depend on the node. */
function namedType(names: ReadonlySet<string>, kindOf: (n: Node) => SymbolKind): Rule {
  return (n, c) => {
    const id = childOf(n, names);
    if (!id) return undefined;
    return { qual: addDef(c, n, textOf(id, c), kindOf(n)), kind: "type" };
  };
}

/** A function whose name is its first child of one of the types. */
function namedFn(names: ReadonlySet<string>): Rule {
  return (n, c) => {
    const id = childOf(n, names);
    if (!id) return undefined;
    return { qual: addDef(c, n, textOf(id, c), inType(c) ? "method" : "function"), kind: "function" };
  };
}

// ---- Kotlin (@tree-sitter-grammars/tree-sitter-kotlin: few field names) ----

const KT_ID = set("identifier");
const KT_CLASS_WORDS = set("class", "interface");
const KT_BINDING = set("val", "var");

const ktProperty: Rule = (n, c) => {
  const constant = keywordOf(n, KT_BINDING) === "val";
  const decl = childOf(n, set("variable_declaration", "multi_variable_declaration"));
  if (!decl) return undefined;
  const vars = decl.type === "variable_declaration" ? [decl] : decl.namedChildren;
  for (const v of vars) {
    const id = v && childOf(v, KT_ID);
    if (id) addDef(c, n, textOf(id, c), varKind(c, constant));
  }
  return undefined;
};

/** `class Circle(val radius: Double)`: constructor parameters declared `val`/`var` are properties. */
const ktClassParam: Rule = (n, c) => {
  if (!keywordOf(n, KT_BINDING)) return undefined;
  const id = childOf(n, KT_ID);
  if (id) addDef(c, n, textOf(id, c), "property");
  return undefined;
};

const ktPackage: Rule = (n, c) => {
  const id = childOf(n, set("qualified_identifier", "identifier"));
  if (!id) return undefined;
  const full = textOf(id, c).replace(/\s+/g, "");
  addDef(c, n, full, "module", { qual: full });
  return { qual: full, kind: "namespace", siblings: true };
};

/**
 * `class Foo\nprivate constructor(…)` (ktfmt's style): the grammar ends the declaration at the line break and
 * loses the rest of the file. Join the constructor to the class line and move the break inside its `(`.
 */
const KT_CTOR_ON_NEXT_LINE =
  /(\b(?:class|object)\s+[A-Za-z_]\w*(?:<[^>{}()]*>)?)([ \t]*)\n([ \t]*)((?:(?:private|internal|public|protected)\s+)?(?:@\w+(?:\([^)]*\))?\s+)*constructor[ \t]*\()/g;
function ktPreparse(src: string): string {
  return src.includes("constructor") ? src.replace(KT_CTOR_ON_NEXT_LINE, "$1$2 $3$4\n") : src;
}

export const kotlin: LangSpec = {
  preparse: ktPreparse,
  rules: {
    package_header: ktPackage,
    class_declaration: namedType(KT_ID, (n) =>
      keywordOf(n, KT_CLASS_WORDS) === "interface"
        ? "interface"
        : childOf(n, set("enum_class_body"))
          ? "enum"
          : "class",
    ),
    object_declaration: namedType(KT_ID, () => "class"),
    companion_object: (n, c) => {
      const id = childOf(n, KT_ID);
      const name = id ? textOf(id, c) : "Companion";
      return { qual: addDef(c, n, name, "class"), kind: "type" };
    },
    function_declaration: namedFn(KT_ID),
    secondary_constructor: (n, c) => ({ qual: addDef(c, n, "constructor", "constructor"), kind: "function" }),
    property_declaration: ktProperty,
    class_parameter: ktClassParam,
    // `when (val c = classifier) { … }`: the subject binding is a local of the enclosing function.
    when_subject: (n, c) => {
      const id = childOf(n, set("variable_declaration"))?.firstNamedChild;
      if (id?.type === "identifier") addDef(c, n, textOf(id, c), varKind(c, true));
      return undefined;
    },
    type_alias: namedType(KT_ID, () => "type"),
    enum_entry: (n, c) => {
      const id = childOf(n, KT_ID);
      if (id) addDef(c, n, textOf(id, c), "enum_member");
      return undefined;
    },
  },
  wrappers: set("modifiers"),
  refs: set("identifier"),
  imports: set("import"),
};

// ---- Swift (alex-pinkus/tree-sitter-swift) ----

const SW_KINDS: Record<string, SymbolKind> = {
  class: "class",
  struct: "struct",
  enum: "enum",
  actor: "class",
};

/** `class`/`struct`/`enum`/`actor` share one node type; an `extension` opens its type's scope without a definition. */
const swClass: Rule = (n, c) => {
  const id = n.childForFieldName("name");
  if (!id) return undefined;
  const word = keywordOf(n, set("class", "struct", "enum", "actor", "extension"));
  const name = textOf(id, c);
  if (word === "extension") return { qual: name, kind: "type" };
  return { qual: addDef(c, n, name, SW_KINDS[word ?? "class"] ?? "class"), kind: "type" };
};

const swProperty: Rule = (n, c) => {
  const constant = keywordOf(childOf(n, set("value_binding_pattern")) ?? n, set("let")) === "let";
  for (let i = 0; i < n.childCount; i++) {
    if (n.fieldNameForChild(i) !== "name") continue;
    const id = n.child(i)?.childForFieldName("bound_identifier");
    if (id) addDef(c, n, textOf(id, c), varKind(c, constant));
  }
  return undefined;
};

const swEnumEntry: Rule = (n, c) => {
  for (let i = 0; i < n.childCount; i++) {
    const ch = n.child(i);
    if (ch && n.fieldNameForChild(i) === "name" && ch.type === "simple_identifier")
      addDef(c, n, textOf(ch, c), "enum_member");
  }
  return undefined;
};

export const swift: LangSpec = {
  rules: {
    class_declaration: swClass,
    protocol_declaration: typeRule("interface"),
    function_declaration: fnRule("name", ["init"]),
    protocol_function_declaration: fnRule(),
    init_declaration: (n, c) => ({ qual: addDef(c, n, "init", "constructor"), kind: "function" }),
    property_declaration: swProperty,
    protocol_property_declaration: (n, c) => {
      const id = n.childForFieldName("name")?.childForFieldName("bound_identifier");
      if (id) addDef(c, n, textOf(id, c), "property");
      return undefined;
    },
    typealias_declaration: leafRule("type"),
    enum_entry: swEnumEntry,
  },
  wrappers: set("modifiers"),
  refs: set("simple_identifier", "type_identifier"),
  imports: set("import_declaration"),
};

// ---- Scala (tree-sitter-scala) ----

/** `val x = …` / `var (a, b) = …`: each bound identifier. */
function scVal(constant: boolean): Rule {
  return (n, c) => {
    const pat = n.childForFieldName("pattern") ?? n.childForFieldName("name");
    if (!pat) return undefined;
    const ids = pat.type === "identifier" ? [pat] : pat.descendantsOfType("identifier");
    for (const id of ids) if (id) addDef(c, n, textOf(id, c), varKind(c, constant));
    return undefined;
  };
}

const scEnumCases: Rule = (n, c) => {
  for (const ch of n.namedChildren) {
    const id = ch?.childForFieldName("name");
    if (ch && id) addDef(c, ch, textOf(id, c), "enum_member");
  }
  return undefined;
};

export const scala: LangSpec = {
  rules: {
    package_clause: namespaceRule(),
    class_definition: typeRule("class"),
    object_definition: typeRule("class"),
    trait_definition: typeRule("trait"),
    enum_definition: typeRule("enum"),
    function_definition: fnRule(),
    function_declaration: fnRule(),
    val_definition: scVal(true),
    var_definition: scVal(false),
    val_declaration: scVal(true),
    var_declaration: scVal(false),
    type_definition: leafRule("type"),
    enum_case_definitions: scEnumCases,
    given_definition: leafRule("constant"),
  },
  wrappers: set("annotation"),
  refs: set("identifier", "type_identifier"),
  imports: set("import_declaration"),
};

// ---- Lua (tree-sitter-grammars/tree-sitter-lua) ----

/** `function M.area()` / `function M:describe()`: named after the last part, qualified by the whole path. */
function luaName(id: Node, c: Ctx): { name: string; qual: string } {
  const path = textOf(id, c).replace(/\s+/g, "").replace(/:/g, ".");
  return { name: path.slice(path.lastIndexOf(".") + 1), qual: path };
}

const luaFunction: Rule = (n, c) => {
  const id = n.childForFieldName("name");
  if (!id) return undefined;
  const { name, qual } = luaName(id, c);
  const kind: SymbolKind = id.type === "identifier" ? "function" : "method";
  return {
    qual: addDef(c, n, name, kind, { qual: id.type === "identifier" ? undefined : qual }),
    kind: "function",
  };
};

/** `M.onClick = function (e) … end` / `local f = function () … end`: a function bound to a name. */
const luaAssignment: Rule = (n, c) => {
  const names = childOf(n, set("variable_list"))?.namedChildren ?? [];
  const values = childOf(n, set("expression_list"))?.namedChildren ?? [];
  names.forEach((id, i) => {
    if (!id || values[i]?.type !== "function_definition") return;
    const { name, qual } = luaName(id, c);
    addDef(c, n, name, id.type === "identifier" ? "function" : "method", {
      qual: id.type === "identifier" ? undefined : qual,
    });
  });
  return undefined;
};

/** `{ __add = function (a, b) … end, ["number"] = function (v) … end }`: a function-valued table field. */
const luaField: Rule = (n, c) => {
  const id = n.childForFieldName("name");
  if (!id || n.childForFieldName("value")?.type !== "function_definition") return undefined;
  addDef(c, n, cleanName(textOf(id, c).replace(/^\[\s*|\s*\]$/g, "")), "method");
  return undefined;
};

export const lua: LangSpec = {
  rules: { function_declaration: luaFunction, assignment_statement: luaAssignment, field: luaField },
  refs: set("identifier"),
  imports: set(),
};

// ---- Elixir (elixir-lang/tree-sitter-elixir: definitions are macro calls) ----

const EX_MODULES = set("defmodule", "defprotocol", "defimpl");
const EX_FNS: Record<string, SymbolKind> = {
  def: "function",
  defp: "function",
  defmacro: "macro",
  defmacrop: "macro",
  defguard: "macro",
  defguardp: "macro",
  defdelegate: "function",
  defn: "function",
  defnp: "function",
};

/** Inside `quote do … end` (a macro's `__using__`): a `def` there defines a function in the using module. */
function inQuote(n: Node, c: Ctx): boolean {
  for (let p = n.parent; p; p = p.parent) {
    const t = p.type === "call" ? p.childForFieldName("target") : null;
    if (t?.type === "identifier" && textOf(t, c) === "quote") return true;
  }
  return false;
}

/** `@callback name(args) :: type`: a function an implementing module must define. */
const EX_CALLBACKS = set("callback", "macrocallback");

/** The name in `def name(args)`, `def name, do: …`, `def name(a) when a > 0`. */
function exFnName(arg: Node | null, c: Ctx): string | undefined {
  if (!arg) return undefined;
  if (arg.type === "identifier") return textOf(arg, c);
  if (arg.type === "call") {
    const t = arg.childForFieldName("target");
    return t?.type === "identifier" ? textOf(t, c) : undefined;
  }
  if (arg.type === "binary_operator") return exFnName(arg.childForFieldName("left"), c);
  return undefined;
}

const exCall: Rule = (n, c) => {
  const target = n.childForFieldName("target");
  if (target?.type !== "identifier") return undefined;
  const word = textOf(target, c);
  const arg = childOf(n, set("arguments"))?.firstNamedChild ?? null;
  if (EX_MODULES.has(word)) {
    if (arg?.type !== "alias") return undefined;
    const full = textOf(arg, c).replace(/\s+/g, "");
    const parent = c.scopes.length ? c.scopes[c.scopes.length - 1]?.qual : "";
    const qual = addDef(c, n, full.slice(full.lastIndexOf(".") + 1), "module", {
      qual: parent ? `${parent}.${full}` : full,
    });
    return { qual, kind: "type" };
  }
  const kind = EX_CALLBACKS.has(word) && n.parent?.type === "unary_operator" ? "function" : EX_FNS[word];
  if (!kind || (inFunction(c) && !inQuote(n, c))) return undefined;
  const name = exFnName(arg, c);
  if (!name) return undefined;
  return { qual: addDef(c, n, name, kind), kind: "function" };
};

export const elixir: LangSpec = {
  rules: { call: exCall },
  refs: set("identifier", "alias"),
  imports: set(),
};

// ---- Dart (UserNobody14/tree-sitter-dart) ----

/** Inside a function body (a Dart signature is a sibling of its body, so no function scope is open). */
function inDartBody(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === "function_body" || p.type === "function_expression") return true;
    if (p.type === "class_body" || p.type === "program") return false;
  }
  return false;
}

function dartSig(kindInType: SymbolKind): Rule {
  return (n, c) => {
    if (inDartBody(n)) return undefined;
    const id = n.childForFieldName("name");
    if (id) addDef(c, n, textOf(id, c), inType(c) ? kindInType : "function");
    return undefined;
  };
}

/** Fields, top-level variables and constants: `final double radius;`, `const version = '1.0';`. */
function dartVar(constant: boolean): Rule {
  return (n, c) => {
    if (inDartBody(n)) return undefined;
    const id = n.childForFieldName("name") ?? childOf(n, set("identifier"));
    if (id) addDef(c, n, textOf(id, c), inType(c) ? "field" : constant ? "constant" : "variable");
    return undefined;
  };
}

/** A Dart type, its name kept whole (`$QuestionCopyWith`: `cleanName` would drop the `$`). */
function dartType(kind: SymbolKind): Rule {
  return (n, c) => {
    const id = n.childForFieldName("name");
    return id ? { qual: addDef(c, n, textOf(id, c), kind), kind: "type" } : undefined;
  };
}

export const dart: LangSpec = {
  rules: {
    class_definition: dartType("class"),
    mixin_declaration: namedType(set("identifier"), () => "class"),
    extension_declaration: dartType("class"),
    enum_declaration: dartType("enum"),
    enum_constant: leafRule("enum_member"),
    type_alias: (n, c) => {
      const id = childOf(n, set("type_identifier"));
      if (id) addDef(c, n, textOf(id, c), "type");
      return undefined;
    },
    function_signature: dartSig("method"),
    getter_signature: dartSig("property"),
    setter_signature: dartSig("property"),
    constructor_signature: dartSig("constructor"),
    factory_constructor_signature: (n, c) => {
      const ids = n.namedChildren.filter((x) => x?.type === "identifier");
      const last = ids[ids.length - 1];
      if (last) addDef(c, n, textOf(last, c), "constructor");
      return undefined;
    },
    initialized_identifier: dartVar(false),
    static_final_declaration: dartVar(true),
  },
  wrappers: set("declaration", "method_signature"),
  refs: set("identifier", "type_identifier"),
  imports: set("import_or_export"),
};

// ---- HCL / Terraform (tree-sitter-grammars/tree-sitter-hcl) ----

/** Top-level Terraform blocks: kind, and the prefix Terraform itself uses to refer to them. */
const TF_BLOCKS: Record<string, { kind: SymbolKind; prefix: string }> = {
  resource: { kind: "class", prefix: "" },
  data: { kind: "class", prefix: "data." },
  module: { kind: "module", prefix: "module." },
  variable: { kind: "variable", prefix: "var." },
  output: { kind: "property", prefix: "output." },
  provider: { kind: "module", prefix: "provider." },
};

const hclBlock: Rule = (n, c) => {
  if (n.parent?.parent?.type !== "config_file") return undefined;
  const type = childOf(n, set("identifier"));
  if (!type) return undefined;
  const word = textOf(type, c);
  const labels = n.namedChildren
    .filter((x) => x?.type === "string_lit" || (x?.type === "identifier" && x !== type))
    .map((x) => cleanName(textOf(x as Node, c)));
  if (word === "locals") {
    for (const a of childOf(n, set("body"))?.namedChildren ?? []) {
      const id = a?.type === "attribute" ? childOf(a, set("identifier")) : undefined;
      if (a && id) addDef(c, a, textOf(id, c), "variable", { qual: `local.${textOf(id, c)}` });
    }
    return undefined;
  }
  const last = labels[labels.length - 1];
  if (!last) return undefined;
  const known = TF_BLOCKS[word];
  addDef(c, n, last, known?.kind ?? "key", {
    qual: `${known ? known.prefix : `${word}.`}${labels.join(".")}`,
  });
  return undefined;
};

export const hcl: LangSpec = {
  rules: { block: hclBlock },
  refs: set("identifier"),
  imports: set(),
};

// ---- Zig (tree-sitter-grammars/tree-sitter-zig) ----

const ZIG_CONTAINERS: Record<string, SymbolKind> = {
  struct_declaration: "struct",
  enum_declaration: "enum",
  union_declaration: "union",
  opaque_declaration: "struct",
};

/** `const Point = struct { … };` is a type; other `const`/`var` are constants, variables or locals. */
const zigVar: Rule = (n, c) => {
  const id = childOf(n, set("identifier"));
  if (!id || textOf(id, c) === "_") return undefined;
  const value = id.nextNamedSibling;
  const container = value ? ZIG_CONTAINERS[value.type] : undefined;
  if (container) return { qual: addDef(c, n, textOf(id, c), container), kind: "type" };
  const constant = keywordOf(n, set("const", "var")) === "const";
  addDef(c, n, textOf(id, c), varKind(c, constant));
  return undefined;
};

const zigField: Rule = (n, c) => {
  const id = n.childForFieldName("name");
  if (!id) return undefined;
  const enumLike = n.parent?.type === "enum_declaration";
  addDef(c, n, textOf(id, c), enumLike ? "enum_member" : "field");
  return undefined;
};

export const zig: LangSpec = {
  rules: {
    variable_declaration: zigVar,
    function_declaration: fnRule(),
    container_field: zigField,
  },
  refs: set("identifier"),
  imports: set(),
};

// ---- Haskell (tree-sitter-haskell) ----

/** Top-level declarations only (not `where` / `let` bindings), and one symbol per function however many equations. */
const HS_FNS = set("signature", "function", "bind");
function hsTop(n: Node): boolean {
  const p = n.parent?.type;
  return p === "declarations" || p === "class_declarations";
}

const hsFunction: Rule = (n, c) => {
  if (!hsTop(n)) return undefined;
  const id = n.childForFieldName("name");
  if (!id) return undefined;
  const name = textOf(id, c);
  const prev = n.previousNamedSibling;
  const prevName = prev && HS_FNS.has(prev.type) ? prev.childForFieldName("name") : null;
  if (prevName && textOf(prevName, c) === name) {
    // A further equation: the one symbol covers it.
    const def = c.out.findLast((d) => d.name === name);
    if (def) def.endLine = n.endPosition.row + 1;
    return undefined;
  }
  addDef(c, n, name, inType(c) ? "method" : "function");
  return undefined;
};

const hsConstructors: Rule = (n, c) => {
  // `data_constructor` wraps a `prefix`, `infix` or `record` form whose `name` is the constructor.
  for (const ch of n.namedChildren) {
    const id = ch?.firstNamedChild?.childForFieldName("name");
    if (ch && id) addDef(c, ch, textOf(id, c), "constructor");
  }
  return undefined;
};

export const haskell: LangSpec = {
  rules: {
    header: (n, c) => {
      const id = n.childForFieldName("module");
      if (id) addDef(c, n, textOf(id, c), "module", { qual: textOf(id, c) });
      return undefined;
    },
    data_type: typeRule("type"),
    newtype: typeRule("type"),
    type_synomym: leafRule("type"),
    type_family: leafRule("type"),
    data_constructors: hsConstructors,
    newtype_constructor: (n, c) => {
      const id = n.childForFieldName("name");
      if (id) addDef(c, n, textOf(id, c), "constructor");
      return undefined;
    },
    class: typeRule("interface"),
    field_name: (n, c) => {
      addDef(c, n, textOf(n, c), "field", { sigNode: n.parent ?? n });
      return undefined;
    },
    signature: hsFunction,
    function: hsFunction,
    bind: hsFunction,
  },
  refs: set("variable", "name"),
  imports: set("import"),
};

// ---- Perl (ganezdragon/tree-sitter-perl) ----

/** `package A::B;` covers the rest of the file, up to the next `package` (whose scope replaces it). */
const plPackage: Rule = (n, c) => {
  const id = childOf(n, set("package_name"));
  if (!id) return undefined;
  const full = textOf(id, c).replace(/::/g, ".");
  addDef(c, n, full.slice(full.lastIndexOf(".") + 1), "module", { qual: full });
  return { qual: full, kind: "namespace", siblings: !childOf(n, set("block")) };
};

const PL_SUB = /^([ \t]*)sub[ \t]+([A-Za-z_][\w:']*)[ \t]*(?:[({;:]|$)/;
const PL_PACKAGE = /^[ \t]*package[ \t]+([A-Za-z_][\w:]*)/;

/**
 * Real Perl often defeats the grammar (heredocs, regex literals, `qw` lists), and error recovery then loses the
 * subs after the error. `sub name` and `package Name` are line-led: record those the walk missed, each sub up
 * to the `}` at its own indentation.
 */
function plSubs(c: Ctx, broken: boolean): void {
  if (!broken) return;
  const seen = new Set(c.out.map((d) => d.line));
  const lines = c.src.split("\n");
  let pkg = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const p = PL_PACKAGE.exec(line);
    if (p) pkg = (p[1] as string).replace(/::/g, ".");
    const m = p ? null : PL_SUB.exec(line);
    if ((!p && !m) || seen.has(i + 1)) continue;
    const name = p ? pkg.slice(pkg.lastIndexOf(".") + 1) : (m?.[2] as string);
    let end = i;
    if (m && !line.includes("}"))
      for (let j = i + 1; j < lines.length; j++)
        if ((lines[j] as string).startsWith(`${m[1]}}`)) {
          end = j;
          break;
        }
    c.out.push({
      name,
      qualname: p ? pkg : pkg ? `${pkg}.${name}` : name,
      kind: p ? "module" : "function",
      line: i + 1,
      endLine: end + 1,
      signature: line.trim().slice(0, 200),
      doc: "",
      depth: p ? 0 : 1,
    });
  }
}

export const perl: LangSpec = {
  lexical: plSubs,
  rules: { package_statement: plPackage, function_definition: fnRule() },
  refs: set("identifier"),
  imports: set("use_no_statement"),
};

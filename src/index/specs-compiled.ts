import type { Node } from "web-tree-sitter";
import { addDef, type Ctx, inFunction, inType, type LangSpec, type Rule } from "./extract-code.js";
import {
  firstOfType,
  fnRule,
  identifiersIn,
  leafRule,
  namespaceRule,
  set,
  textOf,
  typeRule,
} from "./spec-helpers.js";
import type { SymbolKind } from "./types.js";

/** Definition tables for Go, Rust, Java, C, C++ and C#. */

// ---- Go ----
const goNames =
  (kind: SymbolKind): Rule =>
  (n, c) => {
    if (inFunction(c)) return undefined;
    for (const id of n.childrenForFieldName("name")) if (id) addDef(c, n, textOf(id, c), kind);
    return undefined;
  };

const TYPE_IDS = set("type_identifier");
const goMethod: Rule = (n, c) => {
  const id = n.childForFieldName("name");
  const recv = n.childForFieldName("receiver");
  if (!id) return undefined;
  const t = recv ? firstOfType(recv, TYPE_IDS) : undefined;
  const name = textOf(id, c);
  return {
    qual: addDef(c, n, name, "method", { qual: t ? `${textOf(t, c)}.${name}` : name }),
    kind: "function",
  };
};

const goTypeSpec: Rule = (n, c) => {
  const id = n.childForFieldName("name");
  if (!id) return undefined;
  const t = n.childForFieldName("type")?.type;
  const kind: SymbolKind = t === "struct_type" ? "struct" : t === "interface_type" ? "interface" : "type";
  const name = textOf(id, c);
  addDef(c, n, name, kind);
  return { qual: inFunction(c) ? `${c.scopes[c.scopes.length - 1]?.qual}.${name}` : name, kind: "type" };
};

const goField: Rule = (n, c) => {
  const names = n.childrenForFieldName("name").filter((x): x is Node => x !== null);
  if (names.length === 0) {
    const t = n.childForFieldName("type");
    const embedded = t ? firstOfType(t, TYPE_IDS) : undefined;
    if (embedded) addDef(c, n, textOf(embedded, c), "field");
  }
  for (const id of names) addDef(c, n, textOf(id, c), "field");
  return undefined;
};

const goPackage: Rule = (n, c) => {
  const id = n.namedChildren.find((x) => x?.type === "package_identifier");
  if (id) c.pkg = textOf(id, c);
  return undefined;
};

export const go: LangSpec = {
  rules: {
    package_clause: goPackage,
    function_declaration: fnRule(),
    method_declaration: goMethod,
    type_spec: goTypeSpec,
    type_alias: leafRule("type"),
    const_spec: goNames("constant"),
    var_spec: goNames("variable"),
    field_declaration: goField,
    method_spec: leafRule("method"),
    method_elem: leafRule("method"),
  },
  refs: set("identifier", "type_identifier", "field_identifier"),
  imports: set("import_spec"),
};

// ---- Rust ----
const rustImpl: Rule = (n, c) => {
  const t = n.childForFieldName("type");
  const id = t ? firstOfType(t, TYPE_IDS) : undefined;
  if (!id) return undefined;
  const parent = c.scopes.length ? `${c.scopes[c.scopes.length - 1]?.qual}.` : "";
  return { qual: parent + textOf(id, c), kind: "type" };
};

export const rust: LangSpec = {
  rules: {
    function_item: fnRule(),
    function_signature_item: fnRule(),
    struct_item: typeRule("struct"),
    enum_item: typeRule("enum"),
    union_item: typeRule("union"),
    trait_item: typeRule("trait"),
    impl_item: rustImpl,
    mod_item: namespaceRule("name", "none"),
    type_item: leafRule("type"),
    associated_type: leafRule("type"),
    // Items inside function bodies are still items (nameable in their block), unlike `let` locals.
    const_item: leafRule("constant"),
    static_item: leafRule("variable"),
    macro_definition: leafRule("macro"),
    enum_variant: leafRule("enum_member"),
    field_declaration: leafRule("field"),
  },
  refs: set("identifier", "type_identifier", "field_identifier"),
  imports: set("use_declaration"),
  wrappers: set("attribute_item"),
};

// ---- Java ----
const javaVars =
  (kind: SymbolKind): Rule =>
  (n, c) => {
    if (inFunction(c)) return undefined;
    for (const d of n.childrenForFieldName("declarator")) {
      const id = d?.childForFieldName("name");
      if (id) addDef(c, n, textOf(id, c), kind);
    }
    return undefined;
  };

export const java: LangSpec = {
  rules: {
    class_declaration: typeRule("class"),
    interface_declaration: typeRule("interface"),
    enum_declaration: typeRule("enum"),
    record_declaration: typeRule("class"),
    annotation_type_declaration: typeRule("interface"),
    method_declaration: fnRule(),
    constructor_declaration: (n, c) => {
      const id = n.childForFieldName("name");
      return id ? { qual: addDef(c, n, textOf(id, c), "constructor"), kind: "function" } : undefined;
    },
    field_declaration: javaVars("field"),
    constant_declaration: javaVars("constant"),
    enum_constant: leafRule("enum_member"),
    annotation_type_element_declaration: leafRule("method"),
  },
  refs: set("identifier", "type_identifier"),
  imports: set("import_declaration"),
};

// ---- C and C++ (one grammar) ----
const DECL_NAMES = set(
  "identifier",
  "field_identifier",
  "type_identifier",
  "qualified_identifier",
  "operator_name",
  "destructor_name",
);
/** The next step down a declarator: its `declarator` field, or the child of a parenthesised declarator. */
function innerDeclarator(d: Node): Node | null {
  return (
    d.childForFieldName("declarator") ??
    d.namedChildren.find((x) => x && (DECL_NAMES.has(x.type) || x.type.endsWith("declarator"))) ??
    null
  );
}
/** Follow declarators down to the declared name (through pointers, arrays and parentheses). */
function declName(n: Node | null): Node | undefined {
  let d: Node | null = n;
  for (let i = 0; d && i < 16; i++) {
    if (DECL_NAMES.has(d.type)) return d;
    d = innerDeclarator(d);
  }
  return undefined;
}
/** `f(int)` declares a function; `(*f)(int)` declares a variable holding a function pointer. */
function hasFunctionDeclarator(n: Node | null): boolean {
  for (let d = n, i = 0; d && i < 16; d = innerDeclarator(d), i++) {
    if (d.type === "function_declarator") {
      const inner = d.childForFieldName("declarator");
      return inner !== null && DECL_NAMES.has(inner.type);
    }
  }
  return false;
}

function addQualified(c: Ctx, node: Node, id: Node, kind: SymbolKind): string {
  // `static void SQLITE_NOINLINE f(…)`: without the preprocessor the grammar reads the macro as a scope
  // (`SQLITE_NOINLINE f`, no `::`); the declared name is the last identifier.
  const recovered = id.type === "qualified_identifier" && !textOf(id, c).includes("::");
  if (recovered) id = declName(id.childForFieldName("name")) ?? id;
  const text = textOf(id, c).replace(/\s+/g, "");
  if (!text.includes("::")) return addDef(c, node, text, kind);
  const parts = text.split("::");
  const name = parts[parts.length - 1] as string;
  const parent = c.scopes.length ? `${c.scopes[c.scopes.length - 1]?.qual}.` : "";
  return addDef(c, node, name, "method", { qual: parent + parts.join(".") });
}

const TAG_WORDS = set("struct", "union", "enum", "class");
const cFunction: Rule = (n, c) => {
  const decl = n.childForFieldName("declarator");
  // `static SQLITE_WSD struct Mem0Global {…} mem0`: a macro before `struct` makes the grammar recover a
  // function named `struct Mem0Global`; it is the struct (its body's declarations are its fields).
  const scope = decl?.type === "qualified_identifier" ? decl.childForFieldName("scope") : null;
  const name = decl?.childForFieldName("name");
  if (scope && name && TAG_WORDS.has(textOf(scope, c))) {
    const kind = textOf(scope, c) === "union" ? "union" : textOf(scope, c) === "enum" ? "enum" : "struct";
    return { qual: addDef(c, n, textOf(name, c), kind), kind: "type" };
  }
  const id = declName(decl);
  if (!id) return undefined;
  return { qual: addQualified(c, n, id, inType(c) ? "method" : "function"), kind: "function" };
};

const cDeclaration: Rule = (n, c) => {
  // Inside a struct recovered from a function definition (see cFunction): a field.
  if (inType(c) && n.parent?.type === "compound_statement" && n.parent.parent?.type === "function_definition")
    return cField(n, c);
  if (inFunction(c) || inType(c)) return undefined;
  if (n.namedChildren.some((x) => x?.type === "storage_class_specifier" && x.text === "extern"))
    return undefined;
  for (const d of n.childrenForFieldName("declarator")) {
    if (!d || hasFunctionDeclarator(d)) continue;
    const id = declName(d);
    if (id) addQualified(c, n, id, "variable");
  }
  return undefined;
};

const cField: Rule = (n, c) => {
  for (const d of n.childrenForFieldName("declarator")) {
    const id = declName(d);
    if (id) addDef(c, n, textOf(id, c), hasFunctionDeclarator(d) ? "method" : "field");
  }
  return undefined;
};

const cTagged =
  (kind: SymbolKind): Rule =>
  (n, c) => {
    if (!n.childForFieldName("body")) return undefined;
    let id = n.childForFieldName("name");
    if (!id && n.parent?.type === "type_definition")
      id = declName(n.parent.childForFieldName("declarator")) ?? null;
    if (!id) return undefined;
    return { qual: addQualified(c, n, id, kind), kind: "type" };
  };

const cTypedef: Rule = (n, c) => {
  for (const d of n.childrenForFieldName("declarator")) {
    const id = d ? identifiersIn(d, TYPE_IDS)[0] : undefined;
    if (id) addDef(c, n, textOf(id, c), "type");
  }
  return undefined;
};

/**
 * `#define` is a line-based preprocessor directive that the grammar only sees between declarations; one inside
 * an initialiser list or a function body is lost to error recovery. Record every `#define` line the walk
 * did not (its range runs over `\`-continued lines).
 */
const DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)/;
function cMacros(c: Ctx): void {
  if (!c.src.includes("#")) return;
  // The walk's macros by line; error recovery inside a macro body can misname one (`macro c`).
  const byLine = new Map(c.out.filter((d) => d.kind === "macro").map((d) => [d.line, d]));
  const lines = c.src.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = DEFINE.exec(lines[i] as string);
    if (!m) continue;
    let end = i;
    while (end + 1 < lines.length && /\\\r?$/.test(lines[end] as string)) end++;
    const name = m[1] as string;
    const known = byLine.get(i + 1);
    if (known && known.name !== name) {
      known.name = name;
      known.qualname = name;
    } else if (!known) {
      c.out.push({
        name,
        qualname: name,
        kind: "macro",
        line: i + 1,
        endLine: end + 1,
        signature: (lines[i] as string)
          .trim()
          .replace(/\s*\\$/, "")
          .slice(0, 200),
        doc: "",
        depth: 0,
      });
    }
    i = end;
  }
}

export const cpp: LangSpec = {
  lexical: cMacros,
  rules: {
    function_definition: cFunction,
    declaration: cDeclaration,
    field_declaration: cField,
    struct_specifier: cTagged("struct"),
    union_specifier: cTagged("union"),
    enum_specifier: cTagged("enum"),
    class_specifier: cTagged("class"),
    enumerator: leafRule("enum_member"),
    type_definition: cTypedef,
    alias_declaration: leafRule("type"),
    preproc_def: leafRule("macro"),
    preproc_function_def: leafRule("macro"),
    namespace_definition: namespaceRule(),
  },
  refs: set("identifier", "type_identifier", "field_identifier"),
  imports: set("preproc_include", "using_declaration"),
  wrappers: set("template_declaration"),
};

// ---- C# ----
const csVars =
  (kind: SymbolKind): Rule =>
  (n, c) => {
    const decl = n.namedChildren.find((x) => x?.type === "variable_declaration");
    for (const v of decl?.namedChildren ?? []) {
      if (v?.type !== "variable_declarator") continue;
      const id = v.childForFieldName("name") ?? v.namedChildren.find((x) => x?.type === "identifier");
      if (id) addDef(c, n, textOf(id, c), kind);
    }
    return undefined;
  };

export const csharp: LangSpec = {
  rules: {
    class_declaration: typeRule("class"),
    struct_declaration: typeRule("struct"),
    interface_declaration: typeRule("interface"),
    enum_declaration: typeRule("enum"),
    record_declaration: typeRule("class"),
    record_struct_declaration: typeRule("struct"),
    namespace_declaration: namespaceRule(),
    file_scoped_namespace_declaration: namespaceRule(),
    method_declaration: fnRule(),
    constructor_declaration: (n, c) => {
      const id = n.childForFieldName("name");
      return id ? { qual: addDef(c, n, textOf(id, c), "constructor"), kind: "function" } : undefined;
    },
    destructor_declaration: fnRule(),
    // `public static bool operator ==(A a, A b)`: a method named as C# spells it, `operator ==`.
    operator_declaration: (n, c) => {
      const op = n.childForFieldName("operator");
      return op ? { qual: addDef(c, n, `operator ${textOf(op, c)}`, "method"), kind: "function" } : undefined;
    },
    // `public T this[int i] { get … }`: the indexer, a property named `this`.
    indexer_declaration: (n, c) => {
      addDef(c, n, "this", "property");
      return undefined;
    },
    property_declaration: leafRule("property"),
    field_declaration: csVars("field"),
    event_field_declaration: csVars("field"),
    enum_member_declaration: leafRule("enum_member"),
    delegate_declaration: leafRule("type"),
    // `using Hash = System.Collections.Hashtable;`: a type alias for the file (also listed as an import).
    using_directive: (n, c) => {
      const id = n.namedChildren[0];
      if (id?.type === "identifier" && n.children.some((x) => x?.type === "="))
        addDef(c, n, textOf(id, c), "type");
      return undefined;
    },
  },
  refs: set("identifier"),
  imports: set("using_directive"),
  wrappers: set(),
};

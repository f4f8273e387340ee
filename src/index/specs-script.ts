import { addDef, inFunction, inType, type LangSpec, type Rule } from "./extract-code.js";
import {
  cleanName,
  fnRule,
  identifiersIn,
  leafRule,
  namespaceRule,
  set,
  textOf,
  typeRule,
} from "./spec-helpers.js";
import type { SymbolKind } from "./types.js";

/** Definition tables for TypeScript/JavaScript, Python, Ruby, PHP and Bash. */

const FN_VALUES = set("arrow_function", "function_expression", "function", "generator_function");

const PATTERN_NAMES = set("identifier", "shorthand_property_identifier_pattern");
const PATTERN_STOP = set("default_value", "assignment_pattern");

const jsVariable: Rule = (n, c) => {
  const id = n.childForFieldName("name");
  if (id && (id.type === "object_pattern" || id.type === "array_pattern")) {
    // `const { isArray, keys } = Array` at top level: each bound name is a definition.
    if (inFunction(c) || inType(c)) return undefined;
    const kind: SymbolKind = n.parent?.firstChild?.type === "const" ? "constant" : "variable";
    for (const x of identifiersIn(id, PATTERN_NAMES, PATTERN_STOP))
      addDef(c, n, textOf(x, c), kind, { sigNode: n });
    return undefined;
  }
  if (id?.type !== "identifier") return undefined;
  const value = n.childForFieldName("value");
  // Function-valued variables count wherever they are (module pattern, IIFEs); plain values at top level only.
  const fnValue = value && (FN_VALUES.has(value.type) || value.type === "class" || value.type === "object");
  if (!fnValue && (inFunction(c) || inType(c))) return undefined;
  const isConst = n.parent?.firstChild?.type === "const";
  let kind: SymbolKind = isConst ? "constant" : "variable";
  if (value && FN_VALUES.has(value.type)) kind = "function";
  else if (value?.type === "class") kind = "class";
  const qual = addDef(c, n, textOf(id, c), kind, { sigNode: n });
  if (kind === "function") return { qual, kind: "function" };
  if (kind === "class" || value?.type === "object") return { qual, kind: "type" };
  return undefined;
};

/** `key: value` in an object literal bound to a name (`const api = { get() {}, url: "…" }`). */
const OBJECT_OWNERS = set("variable_declarator", "pair", "assignment_expression");
const jsPair: Rule = (n, c) => {
  if (!inType(c) || !OBJECT_OWNERS.has(n.parent?.parent?.type ?? "")) return undefined;
  const key = n.childForFieldName("key");
  if (!key || (key.type !== "property_identifier" && key.type !== "string")) return undefined;
  const value = n.childForFieldName("value");
  const isFn = value && FN_VALUES.has(value.type);
  const qual = addDef(c, n, cleanName(textOf(key, c)), isFn ? "method" : "property");
  if (isFn) return { qual, kind: "function" };
  return value?.type === "object" ? { qual, kind: "type" } : undefined;
};

/** `Foo.prototype.bar = function () {}` and `exports.x = …` at top level. */
const jsAssignment: Rule = (n, c) => {
  if (inFunction(c) || n.parent?.type !== "expression_statement") return undefined;
  let left = n.childForFieldName("left");
  // `ns.handlers[key] = function () {}`: name it after the object part.
  if (left?.type === "subscript_expression") left = left.childForFieldName("object");
  const right = n.childForFieldName("right");
  const valueOk = right && (FN_VALUES.has(right.type) || right.type === "class" || right.type === "object");
  if (left?.type !== "member_expression" || !valueOk) return undefined;
  const path = textOf(left, c).replace(/\.prototype\b/g, "");
  if (!/^[\w$.]+$/.test(path)) return undefined;
  const name = path.slice(path.lastIndexOf(".") + 1);
  const kind: SymbolKind = right.type === "class" ? "class" : right.type === "object" ? "variable" : "method";
  const qual = addDef(c, n, name, kind, {
    qual: path.replace(/^(module\.|window\.)?exports\.|^window\./, ""),
  });
  return { qual, kind: kind === "method" ? "function" : "type" };
};

const enumBody: Rule = (n, c) => {
  for (const ch of n.namedChildren) {
    if (!ch) continue;
    if (ch.type === "property_identifier") addDef(c, ch, textOf(ch, c), "enum_member");
    else if (ch.type === "enum_assignment") {
      const id = ch.childForFieldName("name");
      if (id) addDef(c, ch, cleanName(textOf(id, c)), "enum_member");
    }
  }
  return undefined;
};

/** Interface members only (not the properties of inline object types). */
const memberRule =
  (kind: SymbolKind): Rule =>
  (n, c) =>
    inType(c) ? leafRule(kind)(n, c) : undefined;

/** TypeScript constructor parameter properties (`constructor(private x: T)`) are properties of the class. */
const paramProperty: Rule = (n, c) => {
  if (
    !n.namedChildren.some((x) => x?.type === "accessibility_modifier" || x?.type === "override_modifier") &&
    !/^\s*readonly\b/.test(textOf(n, c))
  )
    return undefined;
  const id = n.childForFieldName("pattern");
  const owner = [...c.scopes].reverse().find((x) => x.kind === "type");
  if (id?.type !== "identifier" || !owner) return undefined;
  addDef(c, n, textOf(id, c), "property", { qual: `${owner.qual}.${textOf(id, c)}` });
  return undefined;
};

const jsRules: Record<string, Rule> = {
  class_declaration: typeRule("class"),
  abstract_class_declaration: typeRule("class"),
  function_declaration: fnRule(),
  generator_function_declaration: fnRule(),
  method_definition: fnRule("name", ["constructor"]),
  field_definition: leafRule("field", "property"),
  variable_declarator: jsVariable,
  assignment_expression: jsAssignment,
  pair: jsPair,
};

const tsRules: Record<string, Rule> = {
  ...jsRules,
  interface_declaration: typeRule("interface"),
  enum_declaration: typeRule("enum"),
  enum_body: enumBody,
  type_alias_declaration: leafRule("type"),
  function_signature: fnRule(),
  method_signature: memberRule("method"),
  abstract_method_signature: leafRule("method"),
  property_signature: memberRule("property"),
  public_field_definition: leafRule("field"),
  required_parameter: paramProperty,
  optional_parameter: paramProperty,
  internal_module: namespaceRule(),
  module: namespaceRule(),
};

const JS_REFS = set("identifier", "property_identifier", "type_identifier", "shorthand_property_identifier");
const JS_IMPORTS = set("import_statement");
const JS_WRAPPERS = set(
  "export_statement",
  "lexical_declaration",
  "variable_declaration",
  "expression_statement",
);

export const typescript: LangSpec = {
  rules: tsRules,
  refs: JS_REFS,
  imports: JS_IMPORTS,
  wrappers: JS_WRAPPERS,
};
export const javascript: LangSpec = {
  rules: jsRules,
  refs: JS_REFS,
  imports: JS_IMPORTS,
  wrappers: JS_WRAPPERS,
};

const PY_NAMES = set("identifier");
const PY_STOP = set("attribute", "subscript", "list_splat_pattern");
const pyAssignment: Rule = (n, c) => {
  // Module and class level (also classes nested in functions), never function locals.
  if (c.scopes.length && c.scopes[c.scopes.length - 1]?.kind === "function") return undefined;
  const p = n.parent?.type;
  if (p !== "expression_statement" && p !== "assignment") return undefined;
  const left = n.childForFieldName("left");
  if (!left) return undefined;
  for (const id of identifiersIn(left, PY_NAMES, PY_STOP)) {
    const name = textOf(id, c);
    const kind: SymbolKind = inType(c) ? "field" : /^[A-Z][A-Z0-9_]+$/.test(name) ? "constant" : "variable";
    addDef(c, n, name, kind);
  }
  return undefined;
};

export const python: LangSpec = {
  rules: {
    class_definition: typeRule("class"),
    function_definition: fnRule("name", ["__init__"]),
    assignment: pyAssignment,
  },
  refs: set("identifier"),
  imports: set("import_statement", "import_from_statement", "future_import_statement"),
  wrappers: set("decorated_definition"),
  docstrings: true,
};

const rubyModule =
  (kind: SymbolKind): Rule =>
  (n, c) => {
    const id = n.childForFieldName("name");
    if (!id) return undefined;
    const full = textOf(id, c).replace(/::/g, ".");
    const name = full.slice(full.lastIndexOf(".") + 1);
    const parent = c.scopes.length ? `${c.scopes[c.scopes.length - 1]?.qual}.` : "";
    return { qual: addDef(c, n, name, kind, { qual: parent + full }), kind: "type" };
  };

const rubyConstant: Rule = (n, c) => {
  const left = n.childForFieldName("left");
  if (inFunction(c) || left?.type !== "constant") return undefined;
  addDef(c, n, textOf(left, c), "constant");
  return undefined;
};

const rubySingleton: Rule = (n, c) => {
  const id = n.childForFieldName("name");
  if (!id) return undefined;
  return { qual: addDef(c, n, textOf(id, c), "method"), kind: "function" };
};

export const ruby: LangSpec = {
  rules: {
    class: rubyModule("class"),
    module: rubyModule("module"),
    method: fnRule("name", ["initialize"]),
    singleton_method: rubySingleton,
    assignment: rubyConstant,
  },
  refs: set("identifier", "constant"),
  imports: set(),
};

const phpNamed =
  (kind: SymbolKind, child: string): Rule =>
  (n, c) => {
    for (const el of n.namedChildren) {
      if (el?.type !== child) continue;
      const id = el.namedChildren.find((x) => x && (x.type === "name" || x.type === "variable_name"));
      if (id) addDef(c, el, cleanName(textOf(id, c)), kind, { sigNode: n });
    }
    return undefined;
  };

export const php: LangSpec = {
  rules: {
    class_declaration: typeRule("class"),
    interface_declaration: typeRule("interface"),
    trait_declaration: typeRule("trait"),
    enum_declaration: typeRule("enum"),
    function_definition: fnRule(),
    method_declaration: fnRule("name", ["__construct"]),
    namespace_definition: namespaceRule(),
    const_declaration: phpNamed("constant", "const_element"),
    property_declaration: phpNamed("property", "property_element"),
    enum_case: leafRule("enum_member"),
  },
  refs: set("name"),
  imports: set("namespace_use_declaration"),
};

export const bash: LangSpec = {
  rules: { function_definition: fnRule() },
  refs: set("command_name", "variable_name"),
  imports: set(),
};

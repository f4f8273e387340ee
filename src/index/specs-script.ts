import type { Node } from "web-tree-sitter";
import {
  addDef,
  type Ctx,
  inFunction,
  inType,
  type LangSpec,
  type Rule,
  type ScopeDecl,
} from "./extract-code.js";
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

/** Nodes whose body makes a variable declared inside it a local (named or anonymous functions, static blocks). */
const FN_BODIES = set(
  "function_declaration",
  "generator_function_declaration",
  "function_expression",
  "function",
  "generator_function",
  "arrow_function",
  "method_definition",
  "class_static_block",
);
function inFunctionBody(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (FN_BODIES.has(p.type)) return true;
  return false;
}

const jsVariable: Rule = (n, c) => {
  const id = n.childForFieldName("name");
  // Inside any function body (named, anonymous callback, IIFE) a plain variable is a local of that function.
  const local = inFunctionBody(n);
  if (id && (id.type === "object_pattern" || id.type === "array_pattern")) {
    // `const { isArray, keys } = Array`: each bound name is a definition.
    const kind: SymbolKind = local
      ? "local"
      : n.parent?.firstChild?.type === "const"
        ? "constant"
        : "variable";
    for (const x of identifiersIn(id, PATTERN_NAMES, PATTERN_STOP))
      addDef(c, n, textOf(x, c), kind, { sigNode: n });
    return undefined;
  }
  if (id?.type !== "identifier") return undefined;
  const value = n.childForFieldName("value");
  // Function-, class- and object-valued variables are definitions wherever they are (module pattern, IIFEs).
  const fnValue = value && (FN_VALUES.has(value.type) || value.type === "class" || value.type === "object");
  if (!fnValue && local) {
    addDef(c, n, textOf(id, c), "local", { sigNode: n });
    return undefined;
  }
  const isConst = n.parent?.firstChild?.type === "const";
  let kind: SymbolKind = isConst ? "constant" : "variable";
  if (value && FN_VALUES.has(value.type)) kind = "function";
  else if (value?.type === "class") kind = "class";
  const qual = addDef(c, n, textOf(id, c), kind, { sigNode: n });
  if (kind === "function") return { qual, kind: "function" };
  if (kind === "class" || value?.type === "object") return { qual, kind: "type" };
  return undefined;
};

/** `for (const x of xs)` / `for (let [k, v] of m)`: the loop's bindings are locals. */
const jsForIn: Rule = (n, c) => {
  const left = n.childForFieldName("left");
  if (!left || !n.childForFieldName("kind")) return undefined;
  for (const x of identifiersIn(left, PATTERN_NAMES, PATTERN_STOP))
    addDef(c, x, textOf(x, c), "local", { sigNode: n });
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

/**
 * `this.options = {…}` / `this.run = function () {}` inside a function (a constructor function or a method):
 * a property of the object the function builds, qualified by the class or by the constructor function.
 */
function thisMember(n: Node, c: Ctx): ScopeDecl | undefined {
  const left = n.childForFieldName("left");
  const right = n.childForFieldName("right");
  const prop = left?.childForFieldName("property");
  if (left?.type !== "member_expression" || left.childForFieldName("object")?.type !== "this" || !prop)
    return undefined;
  const isFn = right && FN_VALUES.has(right.type);
  if (!right || (!isFn && right.type !== "object")) return undefined;
  const fn = c.scopes[c.scopes.length - 1];
  const owner = c.scopes[c.scopes.length - 2]?.kind === "type" ? c.scopes[c.scopes.length - 2] : fn;
  const name = textOf(prop, c);
  const qual = addDef(c, n, name, isFn ? "method" : "property", {
    qual: owner?.qual ? `${owner.qual}.${name}` : name,
  });
  return { qual, kind: isFn ? "function" : "type" };
}

/**
 * `Foo.prototype.bar = function () {}` and `exports.x = …` at top level; a function assigned to a member
 * anywhere (`search.renderItem = function () {}`); an implicit global `Search = function () {}`.
 */
const jsAssignment: Rule = (n, c) => {
  if (n.parent?.type !== "expression_statement") return undefined;
  const inFn = inFunction(c);
  if (inFn) {
    const member = thisMember(n, c);
    if (member) return member;
  }
  let left = n.childForFieldName("left");
  // `ns.handlers[key] = function () {}`: name it after the object part.
  if (left?.type === "subscript_expression") left = left.childForFieldName("object");
  const right = n.childForFieldName("right");
  // Inside a function only functions assigned to a member count (`search.render = function () {}`).
  const valueOk =
    right && (FN_VALUES.has(right.type) || (!inFn && (right.type === "class" || right.type === "object")));
  // `Search = function (data) {…}` at top level: an implicit global, defined here.
  if (
    !inFn &&
    left?.type === "identifier" &&
    right &&
    (FN_VALUES.has(right.type) || right.type === "class")
  ) {
    const name = textOf(left, c);
    const fn = FN_VALUES.has(right.type);
    return { qual: addDef(c, n, name, fn ? "function" : "class"), kind: fn ? "function" : "type" };
  }
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
  for_in_statement: jsForIn,
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
  // `new (…): T` in an interface: the type's constructor, named `new` as TypeScript spells it.
  construct_signature: (n, c) => {
    if (inType(c)) addDef(c, n, "new", "constructor");
    return undefined;
  },
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

const RUBY_ATTRS = set("attr_reader", "attr_writer", "attr_accessor", "attr");
const RUBY_SYMBOLS = set("simple_symbol", "string");
/** `attr_reader :a, :b` (properties) and `alias_method :new, :old` (a method), called on self. */
const rubyCall: Rule = (n, c) => {
  if (n.childForFieldName("receiver")) return undefined;
  const m = n.childForFieldName("method");
  const method = m ? textOf(m, c) : "";
  const isAlias = method === "alias_method";
  if (!isAlias && !RUBY_ATTRS.has(method)) return undefined;
  for (const arg of n.childForFieldName("arguments")?.namedChildren ?? []) {
    if (!arg || !RUBY_SYMBOLS.has(arg.type)) continue;
    addDef(c, n, textOf(arg, c).replace(/^:|^["']|["']$/g, ""), isAlias ? "method" : "property");
    if (isAlias) break;
  }
  return undefined;
};

/** `alias new_name old_name` (a method) and `alias $NEW $old` (a global variable). */
const rubyAlias: Rule = (n, c) => {
  const id = n.childForFieldName("name") ?? n.namedChildren[0];
  const name = id ? textOf(id, c).replace(/^:/, "") : "";
  if (id) addDef(c, n, name, id.type === "global_variable" ? "variable" : "method");
  return undefined;
};

export const ruby: LangSpec = {
  rules: {
    class: rubyModule("class"),
    module: rubyModule("module"),
    method: fnRule("name", ["initialize"]),
    singleton_method: rubySingleton,
    assignment: rubyConstant,
    call: rubyCall,
    alias: rubyAlias,
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

const PHP_FUNCTIONS = set(
  "function_definition",
  "method_declaration",
  "anonymous_function_creation_expression",
  "anonymous_function",
  "arrow_function",
);
/** `$config = …` at file scope: a global variable (inside functions and closures: not indexed). */
const phpGlobal: Rule = (n, c) => {
  const left = n.childForFieldName("left");
  if (left?.type !== "variable_name" || n.parent?.type !== "expression_statement") return undefined;
  if (inFunction(c) || inType(c)) return undefined;
  for (let p: Node | null = n.parent; p; p = p.parent) if (PHP_FUNCTIONS.has(p.type)) return undefined;
  addDef(c, n, cleanName(textOf(left, c)), "variable");
  return undefined;
};

export const php: LangSpec = {
  rules: {
    assignment_expression: phpGlobal,
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

/** `name() {`, `function name {`, `function name() {` on a line of their own (a `{` may follow later). */
const SH_FUNCTION =
  /^([ \t]*)(?:function[ \t]+([^\s(){}=;|&<>$`'"]+)[ \t]*(?:\([ \t]*\))?|([A-Za-z_][\w.:@+-]*)[ \t]*\([ \t]*\))[ \t]*(?:\{.*)?$/;
/**
 * When tree-sitter-bash rejects part of a file (extended globs such as `-!(-*)[?h]*` in a `case` pattern),
 * error recovery can swallow the function around it. Function headers are plain lines: record those the
 * walk missed, each up to the `}` at its own indentation.
 */
function shFunctions(c: Ctx, broken: boolean): void {
  if (!broken) return;
  const seen = new Set(c.out.map((d) => d.line));
  const lines = c.src.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = SH_FUNCTION.exec(lines[i] as string);
    if (!m || seen.has(i + 1)) continue;
    const indent = m[1] as string;
    let end = i;
    for (let j = i + 1; j < lines.length; j++)
      if ((lines[j] as string).startsWith(`${indent}}`)) {
        end = j;
        break;
      }
    const name = (m[2] ?? m[3]) as string;
    c.out.push({
      name,
      qualname: name,
      kind: "function",
      line: i + 1,
      endLine: end + 1,
      signature: (lines[i] as string).trim().slice(0, 200),
      doc: "",
      depth: 0,
    });
  }
}

export const bash: LangSpec = {
  lexical: shFunctions,
  rules: { function_definition: fnRule() },
  refs: set("command_name", "variable_name"),
  imports: set(),
};

import {
  applyEdits,
  findNodeAtLocation,
  getNodeValue,
  modify,
  type Node,
  type ParseError,
  parse,
  parseTree,
} from "jsonc-parser";
import { Document, isNode, isScalar, isSeq, parseDocument } from "yaml";
import { sha256 } from "../core/hash.js";
import { isRecord } from "../core/json.js";
import { parseSelector, type Selector } from "../hosts/output.js";
import { spliceEntries, spliceEntry, spliceRemoveTop } from "./yaml-splice.js";

export { parseSelector, selector } from "../hosts/output.js";

/** JSON with sorted keys: the form whose hash identifies a value. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

export function hashValue(v: unknown): string {
  return sha256(canonicalJson(v));
}

export function pointer(key: readonly string[]): string {
  return key.map((k) => `/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

export function fromPointer(p: string): string[] {
  return p
    .split("/")
    .slice(1)
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Parse JSON with comments (settings files allow them). Undefined when the text is not a JSON object. */
export function parseConfig(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return {};
  const errors: ParseError[] = [];
  const v = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !v || typeof v !== "object" || Array.isArray(v)) return undefined;
  return v as Record<string, unknown>;
}

function matches(el: unknown, s: Selector): boolean {
  if (s.all) return s.all.every((c) => same(valueAt(el, c.path), c.value));
  let o = el;
  for (const k of s.path) {
    if (!o || typeof o !== "object") return false;
    o = (o as Record<string, unknown>)[k];
  }
  return (typeof o === "string" || typeof o === "number") && String(o) === s.value;
}

function valueAt(el: unknown, path: readonly string[]): unknown {
  let o = el;
  for (const k of path) {
    if (!o || typeof o !== "object") return undefined;
    o = (o as Record<string, unknown>)[k];
  }
  return o;
}

function same(a: unknown, b: unknown): boolean {
  if (b === null) return a === undefined || a === null;
  if (Array.isArray(a) || Array.isArray(b) || (a && typeof a === "object") || (b && typeof b === "object"))
    return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
  return a === b;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

export function getAt(obj: unknown, key: readonly string[]): unknown {
  let o = obj;
  for (const k of key) {
    const sel = parseSelector(k);
    if (sel) {
      if (!Array.isArray(o)) return undefined;
      o = o.find((el) => matches(el, sel));
      continue;
    }
    if (!o || typeof o !== "object" || Array.isArray(o)) return undefined;
    o = (o as Record<string, unknown>)[k];
  }
  return o;
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/**
 * Why cadre cannot set `key` in `obj`: a segment on its path holds something other than the object (or,
 * before a selector, the array) cadre would add to. Undefined when every segment is absent or of that type.
 */
export function shapeProblem(obj: unknown, key: readonly string[]): string | undefined {
  const tail = key[key.length - 1];
  const arrayAt = tail !== undefined && parseSelector(tail) ? key.length - 2 : -1;
  let o: unknown = obj;
  for (let i = 0; i < key.length - 1; i++) {
    o = (o as Record<string, unknown>)[key[i] as string];
    if (o === undefined) return undefined;
    const want = i === arrayAt ? "an array" : "an object";
    if (i === arrayAt ? !Array.isArray(o) : !isRecord(o)) {
      const at = key.slice(0, i + 1).join(".");
      const empty = i === arrayAt ? "[]" : "{}";
      return `\`${at}\` is ${kindOf(o)}, not ${want}, so cadre cannot add \`${key.slice(i + 1).join(".")}\` to it; left untouched. Fix: make \`${at}\` ${want} (\`${empty}\`) or remove it, then run cadre sync`;
    }
  }
  return undefined;
}

/**
 * `obj` with `key` set to `value` (removed when undefined), as `editKey` changes the text: missing parents
 * become objects, a selector replaces or appends the element it selects. Values are shared, not copied.
 */
export function setAt(obj: unknown, key: readonly string[], value: unknown): unknown {
  const [head, ...rest] = key;
  if (head === undefined) return value;
  const sel = parseSelector(head);
  if (value === undefined && (sel ? !Array.isArray(obj) : !isRecord(obj) || !(head in obj))) return obj;
  if (sel) {
    const arr = Array.isArray(obj) ? [...obj] : [];
    const at = arr.findIndex((el) => matches(el, sel));
    if (value === undefined) {
      if (at >= 0) arr.splice(at, 1);
    } else if (at >= 0) arr[at] = value;
    else arr.push(value);
    return arr;
  }
  const o: Record<string, unknown> = isRecord(obj) ? { ...obj } : {};
  const v = rest.length === 0 ? value : setAt(o[head], rest, value);
  if (v === undefined) delete o[head];
  else o[head] = v;
  return o;
}

function indentUnit(text: string): string {
  return /\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
}

function stringify(value: unknown, unit: string, indent: string): string {
  return JSON.stringify(value, null, unit).replace(/\n/g, `\n${indent}`);
}

/**
 * Put the first member into an empty object or array, so that `emptyAgain` gives back its bytes: `{}` opens
 * onto lines; blank space inside (`{ }`, `{\n  }`) is kept on both sides of the member; a comment stays after it.
 */
function fillEmpty(text: string, c: Node, unit: string, member: (indent: string) => string): string {
  const open = c.offset + 1;
  const close = c.offset + c.length - 1;
  const inner = text.slice(open, close);
  const outer = lineIndent(text, c.offset);
  const ind = outer + unit;
  const head = text.slice(0, open);
  const tail = text.slice(close);
  if (inner === "") return `${head}\n${ind}${member(ind)}\n${outer}${tail}`;
  if (/^\s+$/.test(inner)) {
    const col = inner.includes("\n") ? (inner.slice(inner.lastIndexOf("\n") + 1) as string) : outer;
    return `${head}${inner}${member(col)}${inner}${tail}`;
  }
  return `${head}\n${ind}${member(ind)}${inner}${tail}`;
}

/** Remove the only member `m` of the object or array `c`: the inverse of `fillEmpty`. */
function emptyAgain(text: string, c: Node, m: Node): string {
  const before = text.slice(c.offset + 1, m.offset);
  const after = text.slice(m.offset + m.length, c.offset + c.length - 1);
  let inner = "";
  if (before === after && /^\s+$/.test(before)) inner = before;
  else if (/^\n[ \t]*$/.test(before) && after.trim().startsWith("/")) inner = after;
  return text.slice(0, c.offset + 1) + inner + text.slice(c.offset + c.length - 1);
}

/**
 * Set or remove (value undefined) one key. Only the key's own text changes: an inserted property goes
 * after the last one with the file's indentation, so that removing it again restores the bytes.
 */
export function editKey(text: string, key: readonly string[], value: unknown): string {
  const tail = key[key.length - 1];
  const sel = tail === undefined ? undefined : parseSelector(tail);
  if (key.slice(0, -1).some((k) => parseSelector(k)))
    throw new Error(`selector must be last: ${pointer(key)}`);
  if (sel) return editEntry(text, key.slice(0, -1), sel, value);
  if (value === undefined) {
    const tree = parseTree(text);
    const node = tree ? findNodeAtLocation(tree, [...key]) : undefined;
    const obj = node?.parent?.parent;
    // The object's only property: leave the object as it was before cadre inserted the property.
    const prop = node?.parent;
    if (obj?.type !== "object" || !prop) return applyEdits(text, modify(text, [...key], undefined, {}));
    const props = obj.children ?? [];
    if (props.length === 1) return emptyAgain(text, obj, prop);
    // The inverse of appending `,\n<indent>"key": value` after the last property (or, first, up to the next).
    const i = props.indexOf(prop);
    const prev = props[i - 1];
    const next = props[i + 1] as Node;
    if (prev) return text.slice(0, prev.offset + prev.length) + text.slice(prop.offset + prop.length);
    return text.slice(0, prop.offset) + text.slice(next.offset);
  }
  const unit = indentUnit(text);
  if (text.trim() === "") {
    let v: unknown = value;
    for (const k of [...key].reverse()) v = { [k]: v };
    return `${JSON.stringify(v, null, unit)}\n`;
  }
  const tree = parseTree(text) as Node;
  const existing = findNodeAtLocation(tree, [...key]);
  if (existing) {
    const ind = lineIndent(text, existing.parent?.offset ?? existing.offset);
    return (
      text.slice(0, existing.offset) +
      stringify(value, unit, ind) +
      text.slice(existing.offset + existing.length)
    );
  }
  let depth = key.length - 1;
  let parent = findNodeAtLocation(tree, key.slice(0, depth));
  while (!parent && depth > 0) parent = findNodeAtLocation(tree, key.slice(0, --depth));
  parent ??= tree;
  let v: unknown = value;
  for (const k of key.slice(depth + 1).reverse()) v = { [k]: v };
  const name = key[depth] as string;
  const props = parent.children ?? [];
  const last = props[props.length - 1];
  if (last) {
    const ind = lineIndent(text, last.offset);
    const at = last.offset + last.length;
    return `${text.slice(0, at)},\n${ind}${JSON.stringify(name)}: ${stringify(v, unit, ind)}${text.slice(at)}`;
  }
  return fillEmpty(text, parent, unit, (ind) => `${JSON.stringify(name)}: ${stringify(v, unit, ind)}`);
}

/**
 * Set, append or remove (value undefined) the array element that `sel` selects under `arrayKey`. Only the
 * element's own text changes, so that removing an appended element restores the bytes.
 */
function editEntry(text: string, arrayKey: readonly string[], sel: Selector, value: unknown): string {
  const tree = text.trim() === "" ? undefined : (parseTree(text) as Node | undefined);
  const arr = tree ? findNodeAtLocation(tree, [...arrayKey]) : undefined;
  if (arr?.type !== "array") {
    if (value === undefined) return text;
    return editKey(text, arrayKey, [value]);
  }
  const els = arr.children ?? [];
  const at = els.findIndex((n) => matches(getNodeValue(n), sel));
  const unit = indentUnit(text);
  if (at >= 0) {
    const node = els[at] as Node;
    if (value !== undefined) {
      const ind = lineIndent(text, node.offset);
      return text.slice(0, node.offset) + stringify(value, unit, ind) + text.slice(node.offset + node.length);
    }
    // The only element: leave the brackets as they were before it was added.
    if (els.length === 1) return emptyAgain(text, arr, node);
    if (at > 0) {
      const prev = els[at - 1] as Node;
      return text.slice(0, prev.offset + prev.length) + text.slice(node.offset + node.length);
    }
    const next = els[1] as Node;
    return text.slice(0, node.offset) + text.slice(next.offset);
  }
  if (value === undefined) return text;
  const lastEl = els[els.length - 1];
  if (lastEl) {
    const ind = lineIndent(text, lastEl.offset);
    const end = lastEl.offset + lastEl.length;
    return `${text.slice(0, end)},\n${ind}${stringify(value, unit, ind)}${text.slice(end)}`;
  }
  return fillEmpty(text, arr, unit, (ind) => stringify(value, unit, ind));
}

/** One key edit: set `key` to `value`, or remove it (value undefined). */
export interface KeyEdit {
  key: readonly string[];
  value: unknown;
}

/** How to read and edit one shared config's text: JSON (with comments) or YAML. */
export interface ConfigCodec {
  parse(text: string): Record<string, unknown> | undefined;
  edit(text: string, key: readonly string[], value: unknown): string;
  /** The edits in order, as `edit` one after another would make them (YAML: one parse per sequence). */
  editAll(text: string, edits: readonly KeyEdit[]): string;
  name: "JSON" | "YAML";
}

function editEach(edit: ConfigCodec["edit"]) {
  return (text: string, edits: readonly KeyEdit[]) => edits.reduce((t, e) => edit(t, e.key, e.value), text);
}

/**
 * Every edit of one JSON array's elements from a single parse: the text `editEntry` gives edit by edit
 * (replaced elements in place, removed ones with the comma before them, new ones after the last element).
 * Undefined when it needs the edit-by-edit path (no such array, an empty one, neighbouring removals).
 */
function editEntries(
  text: string,
  arrayKey: readonly string[],
  edits: readonly KeyEdit[],
): string | undefined {
  const tree = text.trim() === "" ? undefined : parseTree(text);
  const arr = tree ? findNodeAtLocation(tree, [...arrayKey]) : undefined;
  const els = arr?.type === "array" ? (arr.children ?? []) : [];
  const lastEl = els[els.length - 1];
  if (!lastEl) return undefined;
  const values = els.map((n) => getNodeValue(n) as unknown);
  const unit = indentUnit(text);
  const cuts: Array<{ from: number; to: number; put: string }> = [];
  const touched = new Set<number>();
  let appended = "";
  const ind = lineIndent(text, lastEl.offset);
  for (const e of edits) {
    const sel = parseSelector(e.key[e.key.length - 1] as string) as Selector;
    const at = values.findIndex((v) => matches(v, sel));
    if (at >= 0 && touched.has(at)) return undefined;
    if (at >= 0) touched.add(at);
    const node = els[at];
    if (!node) {
      if (e.value !== undefined) appended += `,\n${ind}${stringify(e.value, unit, ind)}`;
      continue;
    }
    if (e.value !== undefined) {
      const put = stringify(e.value, unit, lineIndent(text, node.offset));
      cuts.push({ from: node.offset, to: node.offset + node.length, put });
    } else if (at > 0) {
      const prev = els[at - 1] as Node;
      cuts.push({ from: prev.offset + prev.length, to: node.offset + node.length, put: "" });
    } else {
      const next = els[1];
      if (!next) return undefined;
      cuts.push({ from: node.offset, to: next.offset, put: "" });
    }
  }
  // Removing every element, or the first with its neighbour, is left to the edit-by-edit path.
  if (touched.size === els.length && cuts.every((c) => c.put === "")) return undefined;
  const end = lastEl.offset + lastEl.length;
  cuts.push({ from: end, to: end, put: appended });
  cuts.sort((x, y) => x.from - y.from || x.to - y.to);
  let out = "";
  let pos = 0;
  for (const c of cuts) {
    if (c.from < pos) return undefined;
    out += text.slice(pos, c.from) + c.put;
    pos = c.to;
  }
  return out + text.slice(pos);
}

/** Runs of element edits of one array batched (`batch`, one parse each), anything else one at a time. */
function editRuns(
  edit: ConfigCodec["edit"],
  batch: (text: string, arrayKey: readonly string[], run: readonly KeyEdit[]) => string | undefined,
) {
  return (text: string, edits: readonly KeyEdit[]): string => {
    let out = text;
    for (let i = 0; i < edits.length; ) {
      const first = edits[i] as KeyEdit;
      const sk = seqKey(first.key);
      let j = i + 1;
      while (sk !== undefined && j < edits.length && seqKey((edits[j] as KeyEdit).key) === sk) j++;
      const run = edits.slice(i, j);
      i = j;
      if (run.length < 2) {
        out = edit(out, first.key, first.value);
        continue;
      }
      const arrayKey = first.key.slice(0, -1);
      const once = batch(out, arrayKey, run);
      if (once !== undefined) {
        out = once;
        continue;
      }
      // The array may not exist yet: its first element opens it, the rest go in one batch.
      const opened = edit(out, first.key, first.value);
      out = batch(opened, arrayKey, run.slice(1)) ?? editEach(edit)(opened, run.slice(1));
    }
    return out;
  };
}

/** The array key of a selector edit (`customModes` of `customModes/[slug=x]`), or undefined. */
function seqKey(key: readonly string[]): string | undefined {
  const tail = key[key.length - 1];
  return tail !== undefined && parseSelector(tail) && key.length > 1 ? pointer(key.slice(0, -1)) : undefined;
}

export const JSON_CODEC: ConfigCodec = {
  parse: parseConfig,
  edit: editKey,
  editAll: editRuns(editKey, editEntries),
  name: "JSON",
};

function parseYamlConfig(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return {};
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || isScalar(doc.contents)) return undefined;
  const v = doc.toJS() as unknown;
  if (v === null || v === undefined) return {};
  return typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Edit one key of a YAML document through its syntax tree, so comments and the rest survive. */
function editYaml(text: string, key: readonly string[], value: unknown): string {
  const doc = text.trim() === "" ? new Document({}) : parseDocument(text);
  const tail = key[key.length - 1];
  const sel = tail === undefined ? undefined : parseSelector(tail);
  if (!sel) {
    const spliced =
      value === undefined && key.length === 1 ? spliceRemoveTop(text, key[0] as string) : undefined;
    if (spliced !== undefined) return spliced;
    if (value === undefined) doc.deleteIn([...key]);
    else doc.setIn([...key], doc.createNode(value));
    return doc.toString({ lineWidth: 0 });
  }
  const arrayKey = key.slice(0, -1);
  const spliced = spliceEntry(text, arrayKey, sel, value, matches);
  if (spliced !== undefined) return spliced;
  const seq = doc.getIn([...arrayKey], true);
  if (!isSeq(seq)) {
    if (value === undefined) return text;
    doc.setIn([...arrayKey], doc.createNode([value]));
    return doc.toString({ lineWidth: 0 });
  }
  const at = seq.items.findIndex((n) => matches(isNode(n) ? n.toJSON() : n, sel));
  if (value === undefined) {
    if (at < 0) return text;
    seq.items.splice(at, 1);
  } else if (at < 0) seq.items.push(doc.createNode(value));
  else seq.items[at] = doc.createNode(value);
  return doc.toString({ lineWidth: 0 });
}

/** YAML element edits of one sequence spliced from one parse (`spliceEntries`). */
function yamlEntries(text: string, arrayKey: readonly string[], run: readonly KeyEdit[]): string | undefined {
  const edits = run.map((e) => ({
    sel: parseSelector(e.key[e.key.length - 1] as string) as Selector,
    value: e.value,
  }));
  return spliceEntries(text, arrayKey, edits);
}

export const YAML_CODEC: ConfigCodec = {
  parse: parseYamlConfig,
  edit: editYaml,
  editAll: editRuns(editYaml, yamlEntries),
  name: "YAML",
};

/**
 * The codec for a config that may be YAML or JSON (`.roomodes`): JSON when the file already is JSON,
 * YAML otherwise (and for a new file). Plain JSON configs always use JSON.
 */
export function codecFor(text: string | null, syntax: "json" | "yaml" | undefined): ConfigCodec {
  if (syntax !== "yaml") return JSON_CODEC;
  return text !== null && text.trim() !== "" && parseConfig(text) !== undefined ? JSON_CODEC : YAML_CODEC;
}

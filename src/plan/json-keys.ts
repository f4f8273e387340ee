import {
  applyEdits,
  findNodeAtLocation,
  modify,
  type Node,
  type ParseError,
  parse,
  parseTree,
} from "jsonc-parser";
import { sha256 } from "../core/hash.js";

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

export function getAt(obj: unknown, key: readonly string[]): unknown {
  let o = obj;
  for (const k of key) {
    if (!o || typeof o !== "object" || Array.isArray(o)) return undefined;
    o = (o as Record<string, unknown>)[k];
  }
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
 * Set or remove (value undefined) one key. Only the key's own text changes: an inserted property goes
 * after the last one with the file's indentation, so that removing it again restores the bytes.
 */
export function editKey(text: string, key: readonly string[], value: unknown): string {
  if (value === undefined) return applyEdits(text, modify(text, [...key], undefined, {}));
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
  const outer = lineIndent(text, parent.offset);
  const ind = outer + unit;
  const at = parent.offset + 1;
  const close = parent.offset + parent.length - 1;
  return `${text.slice(0, at)}\n${ind}${JSON.stringify(name)}: ${stringify(v, unit, ind)}\n${outer}${text.slice(close)}`;
}

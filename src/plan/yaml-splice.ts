import {
  Document,
  isMap,
  isNode,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import type { Selector } from "../hosts/output.js";

/**
 * Byte-exact edits of a YAML config: cadre's text is spliced in and out at the source ranges of the
 * document's nodes, so every byte of the user's (quotes, spacing, comments, flow style) stays as it was and
 * removing an element restores the bytes. Undefined when a layout is not one handled here; the caller then
 * edits through the document tree.
 */

type Match = (el: unknown, s: Selector) => boolean;

function lineStart(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

/** The offset after the line feed ending the line that `at` ends in (or the text's end). */
function lineEnd(text: string, at: number): number {
  if (at > 0 && text[at - 1] === "\n") return at;
  const nl = text.indexOf("\n", at);
  return nl === -1 ? text.length : nl + 1;
}

function range(n: unknown): [number, number, number] | undefined {
  return isNode(n) ? ((n as Node).range ?? undefined) : undefined;
}

/** One block-sequence item: `prefix` (`  - `) then the value's lines, the later ones indented under it. */
function blockItem(value: unknown, prefix: string): string {
  const body = new Document(value).toString({ lineWidth: 0 });
  const pad = " ".repeat(prefix.length);
  return body
    .replace(/\n$/, "")
    .split("\n")
    .map((l, i) => (i === 0 ? prefix + l : l === "" ? l : pad + l))
    .join("\n")
    .concat("\n");
}

function seqEdit(
  text: string,
  seq: YAMLSeq,
  sel: Selector,
  value: unknown,
  matches: Match,
): string | undefined {
  const items = seq.items;
  const at = items.findIndex((n) => matches(isNode(n) ? n.toJSON() : n, sel));
  if (value === undefined && at < 0) return text;
  const r = range(seq);
  if (!r) return undefined;
  if (seq.flow) {
    const json = JSON.stringify(value);
    const el = at >= 0 ? range(items[at]) : undefined;
    if (at >= 0 && !el) return undefined;
    if (el && value !== undefined) return text.slice(0, el[0]) + json + text.slice(el[1]);
    if (el) {
      const prev = at > 0 ? range(items[at - 1]) : undefined;
      const next = items.length > at + 1 ? range(items[at + 1]) : undefined;
      if (prev) return text.slice(0, prev[1]) + text.slice(el[1]);
      if (next) return text.slice(0, el[0]) + text.slice(next[0]);
      return text.slice(0, el[0]) + text.slice(el[1]);
    }
    const last = items.length ? range(items[items.length - 1]) : undefined;
    if (last) return `${text.slice(0, last[1])}, ${json}${text.slice(last[1])}`;
    if (items.length || text[r[0]] !== "[") return undefined;
    return `${text.slice(0, r[0] + 1)}${json}${text.slice(r[0] + 1)}`;
  }
  const spans = items.map((n) => range(n));
  if (spans.some((s) => !s)) return undefined;
  const span = (i: number) => {
    const s = spans[i] as [number, number, number];
    return [lineStart(text, s[0]), lineEnd(text, s[1])] as const;
  };
  const ref = at >= 0 ? at : items.length - 1;
  if (ref < 0) return undefined;
  const [s0, e0] = span(ref);
  const prefix = text.slice(s0, (spans[ref] as [number, number, number])[0]);
  if (!/^[ \t]*-[ \t]+$/.test(prefix)) return undefined;
  // The last line of a file without a final newline: cadre's item goes after a newline of its own.
  const open = !text.slice(s0, e0).endsWith("\n");
  if (value === undefined) return text.slice(0, open && s0 > 0 ? s0 - 1 : s0) + text.slice(e0);
  const item = blockItem(value, prefix.replace(/\t/g, " "));
  if (at >= 0) return text.slice(0, s0) + (open ? item.slice(0, -1) : item) + text.slice(e0);
  return open ? `${text}\n${item.slice(0, -1)}` : text.slice(0, e0) + item + text.slice(e0);
}

/** Set, append or remove the element `sel` selects in the sequence at `arrayKey`. */
export function spliceEntry(
  text: string,
  arrayKey: readonly string[],
  sel: Selector,
  value: unknown,
  matches: Match,
): string | undefined {
  if (text.trim() === "") return undefined;
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const seq = doc.getIn([...arrayKey], true);
  if (isSeq(seq)) return seqEdit(text, seq, sel, value, matches);
  if (seq !== undefined && !(isScalar(seq) && seq.value === null)) return undefined;
  if (value === undefined) return text;
  const top = doc.contents;
  const key = arrayKey[0] as string;
  if (arrayKey.length !== 1) return undefined;
  if (isMap(top) && top.flow && seq === undefined)
    return flowMapAdd(text, top, key, `[${JSON.stringify(value)}]`);
  if (top !== null && !(isMap(top) && !top.flow)) return undefined;
  if (seq !== undefined) {
    // `key:` with nothing after it: the first element goes on the next line.
    const pair = isMap(top) ? top.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    const k = range(pair?.key);
    if (!k || (isScalar(seq) && seq.source !== "" && seq.source !== undefined)) return undefined;
    const end = lineEnd(text, k[1]);
    if (!/^:[ \t]*(#.*)?\n?$/.test(text.slice(k[1], end))) return undefined;
    if (!text.slice(0, end).endsWith("\n")) return `${text}\n${blockItem(value, "  - ").slice(0, -1)}`;
    return text.slice(0, end) + blockItem(value, "  - ") + text.slice(end);
  }
  // A new top-level sequence at the end of a block mapping (or of a document of comments).
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return undefined;
  const add = `${key}:\n${blockItem(value, "  - ")}`;
  return text.endsWith("\n") ? text + add : `${text}\n${add.slice(0, -1)}`;
}

/** Add `key: value` to a flow mapping (`{a: 1}`), after its last pair. */
function flowMapAdd(text: string, map: YAMLMap, key: string, value: string): string | undefined {
  const r = range(map);
  if (!r || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return undefined;
  const last = map.items[map.items.length - 1];
  if (!last)
    return text[r[0]] === "{"
      ? `${text.slice(0, r[0] + 1)}${key}: ${value}${text.slice(r[0] + 1)}`
      : undefined;
  const end = range(last.value) ?? range(last.key);
  return end ? `${text.slice(0, end[1])}, ${key}: ${value}${text.slice(end[1])}` : undefined;
}

/** Remove a pair of a flow mapping: the inverse of `flowMapAdd`. */
function flowMapRemove(text: string, map: YAMLMap, at: number): string | undefined {
  const span = (i: number) => {
    const p = map.items[i];
    const k = range(p?.key);
    const v = range(p?.value) ?? k;
    return k && v ? ([k[0], v[1]] as const) : undefined;
  };
  const me = span(at);
  if (!me) return undefined;
  const prev = at > 0 ? span(at - 1) : undefined;
  const next = at + 1 < map.items.length ? span(at + 1) : undefined;
  if (prev) return text.slice(0, prev[1]) + text.slice(me[1]);
  if (next) return text.slice(0, me[0]) + text.slice(next[0]);
  return text.slice(0, me[0]) + text.slice(me[1]);
}

/** Remove a top-level key of a block mapping with the lines it spans. */
export function spliceRemoveTop(text: string, key: string): string | undefined {
  const doc = parseDocument(text);
  const top = doc.contents;
  if (doc.errors.length || !isMap(top)) return undefined;
  const at = top.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
  const pair = top.items[at];
  if (!pair) return text;
  if (top.flow) return flowMapRemove(text, top, at);
  const k = range(pair.key);
  if (!k) return undefined;
  const v = range(pair.value);
  const end = lineEnd(text, Math.max(k[1], v ? v[1] : k[1]));
  const start = lineStart(text, k[0]);
  if (text.slice(start, k[0]).trim() !== "") return undefined;
  const open = end === text.length && !text.endsWith("\n") && start > 0;
  return text.slice(0, open ? start - 1 : start) + text.slice(end);
}

/** One edit of a sequence element: set (or append) the element `sel` selects, or remove it (value undefined). */
export interface EntryEdit {
  sel: Selector;
  value: unknown;
}

function selectorValue(el: unknown, path: readonly string[]): string | undefined {
  let o = el;
  for (const k of path) {
    if (!o || typeof o !== "object") return undefined;
    o = (o as Record<string, unknown>)[k];
  }
  return typeof o === "string" || typeof o === "number" ? String(o) : undefined;
}

/**
 * Every edit of one block sequence spliced from a single parse: the same text as `spliceEntry` applied edit
 * by edit (replaced and removed elements in place, new ones after the last element, in order), in one pass
 * over the text. Undefined when the layout needs the edit-by-edit path (a flow or empty sequence, items on
 * other prefixes, a last line without its newline); the caller then falls back.
 */
export function spliceEntries(
  text: string,
  arrayKey: readonly string[],
  edits: readonly EntryEdit[],
): string | undefined {
  if (text.trim() === "") return undefined;
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const seq = doc.getIn([...arrayKey], true);
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) return undefined;
  const spans: Array<readonly [number, number, string]> = [];
  for (const n of seq.items) {
    const s = range(n);
    if (!s) return undefined;
    const s0 = lineStart(text, s[0]);
    const e0 = lineEnd(text, s[1]);
    const prefix = text.slice(s0, s[0]);
    if (!/^[ \t]*-[ \t]+$/.test(prefix) || !text.slice(s0, e0).endsWith("\n")) return undefined;
    const prev = spans[spans.length - 1];
    if (prev && prev[1] > s0) return undefined;
    spans.push([s0, e0, prefix.replace(/\t/g, " ")]);
  }
  const prefix = (spans[0] as readonly [number, number, string])[2];
  if (spans.some((s) => s[2] !== prefix)) return undefined;
  // Element index by selector value, built once per selector path (first match wins, as in findIndex).
  const values = seq.items.map((n) => (isNode(n) ? n.toJSON() : n));
  const byPath = new Map<string, Map<string, number>>();
  const indexOf = (sel: Selector): number => {
    const k = sel.path.join("\u0000");
    let m = byPath.get(k);
    if (!m) {
      m = new Map();
      for (const [i, v] of values.entries()) {
        const sv = selectorValue(v, sel.path);
        if (sv !== undefined && !m.has(sv)) m.set(sv, i);
      }
      byPath.set(k, m);
    }
    return m.get(sel.value) ?? -1;
  };
  const replaced = new Map<number, string>();
  let appended = "";
  const added = new Set<string>();
  for (const e of edits) {
    const at = indexOf(e.sel);
    const id = `${e.sel.path.join("\u0000")}\u0001${e.sel.value}`;
    // Two edits of one element, or of one cadre appends in this batch: keep the edit-by-edit order.
    if (added.has(id) || (at >= 0 && replaced.has(at))) return undefined;
    if (at >= 0) replaced.set(at, e.value === undefined ? "" : blockItem(e.value, prefix));
    else if (e.value !== undefined) {
      appended += blockItem(e.value, prefix);
      added.add(id);
    }
  }
  const last = spans[spans.length - 1] as readonly [number, number, string];
  let out = "";
  let pos = 0;
  for (const [i, [s0, e0]] of spans.entries()) {
    const r = replaced.get(i);
    if (r === undefined) continue;
    out += text.slice(pos, s0) + r;
    pos = e0;
  }
  if (pos > last[1]) return undefined;
  return out + text.slice(pos, last[1]) + appended + text.slice(last[1]);
}

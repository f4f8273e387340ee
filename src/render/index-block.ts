import type { Item } from "../model/item.js";

export interface IndexEntry {
  item: Item;
  /** Root-relative path of the file cadre wrote for the item. */
  path: string;
  qid: string;
  /** The link to `path`, relative to the instructions file that holds the entry (default: `path`). */
  link?: string;
}

const HEADER =
  "## Project guidance (managed by cadre)\n\nThis block is written by `cadre sync`; edit the items, not this block. Read a linked file when its description matches the task.\n";

function when(item: Item): string {
  if (item.kind !== "rule") return item.kind;
  const a = String(item.meta.activation ?? "always");
  const globs = Array.isArray(item.meta.globs)
    ? item.meta.globs.map(String)
    : typeof item.meta.globs === "string"
      ? [item.meta.globs]
      : [];
  if (a === "always") return "rule, always applies";
  if (a === "glob") return `rule, for files matching ${globs.map((g) => `\`${g}\``).join(", ")}`;
  return a === "manual" ? "rule, when asked for" : "rule, when relevant";
}

function line(e: IndexEntry, maxDescription: number): string {
  const d = e.item.description.replace(/\s+/g, " ").trim();
  const desc = d.length > maxDescription ? `${d.slice(0, maxDescription - 1)}…` : d;
  return `- [${e.item.name}](${e.link ?? e.path}) (${when(e.item)}): ${desc}`;
}

/**
 * The managed block of an instructions file: an index of items with pointers, never concatenated
 * bodies. Within `limitBytes` the block takes at most half, leaving the rest to the user's own text.
 */
export function renderIndexBlock(
  entries: IndexEntry[],
  limitBytes?: number,
): { content: string; dropped: number } {
  const sorted = [...entries].sort((a, b) =>
    a.item.kind + a.item.name < b.item.kind + b.item.name ? -1 : 1,
  );
  const budget = limitBytes === undefined ? Number.POSITIVE_INFINITY : Math.floor(limitBytes / 2);
  const enc = new TextEncoder();
  for (const max of [400, 160, 80]) {
    const text = `${HEADER}\n${sorted.map((e) => line(e, max)).join("\n")}\n`;
    if (enc.encode(text).length <= budget) return { content: text, dropped: 0 };
  }
  const lines: string[] = [];
  let size = enc.encode(`${HEADER}\n`).length + 80;
  for (const e of sorted) {
    const l = line(e, 80);
    size += enc.encode(l).length + 1;
    if (size > budget) break;
    lines.push(l);
  }
  const dropped = sorted.length - lines.length;
  return {
    content: `${HEADER}\n${lines.join("\n")}\n\n(${dropped} more items not listed: over the size limit)\n`,
    dropped,
  };
}

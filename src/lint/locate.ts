import { positionAt } from "../core/diagnostics.js";
import type { Item } from "../model/item.js";
import { MARKDOWN_KINDS } from "../model/kinds.js";

/** File line of a top-level frontmatter/document key of an item. */
export function lineOfKey(item: Item, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`^["']?${escaped}["']?\\s*:`, "m");
  if (MARKDOWN_KINDS.has(item.kind)) {
    const head = item.text
      .split("\n")
      .slice(0, Math.max(1, item.bodyLine - 1))
      .join("\n");
    const m = re.exec(head);
    return m ? positionAt(head, m.index).line : 1;
  }
  const m = re.exec(item.text);
  return m ? positionAt(item.text, m.index).line : 1;
}

/** Convert a line within the body to a file line. */
export function bodyToFileLine(item: Item, bodyLine: number): number {
  return item.bodyLine + bodyLine - 1;
}

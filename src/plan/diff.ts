import { diffPatch } from "node-diff3";
import type { Content } from "../hosts/output.js";

const decoder = new TextDecoder();

function lines(c: Content | null | undefined): string[] | undefined {
  if (c === null || c === undefined) return [];
  const s = typeof c === "string" ? c : decoder.decode(c);
  if (s.includes("\u0000")) return undefined;
  const ls = s.split("\n");
  if (ls[ls.length - 1] === "") ls.pop();
  return ls;
}

/** A unified diff of one file (3 lines of context), for `sync --dry-run` and `cadre diff`. */
export function unifiedDiff(
  path: string,
  before: Content | null | undefined,
  after: Content | null | undefined,
): string {
  const a = lines(before);
  const b = lines(after);
  const head = `--- ${before == null ? "/dev/null" : `a/${path}`}\n+++ ${after == null ? "/dev/null" : `b/${path}`}\n`;
  if (!a || !b) return `${head}Binary files differ\n`;
  const out: string[] = [];
  for (const h of diffPatch(a, b)) {
    const o1 = h.buffer1.offset;
    const o2 = h.buffer2.offset;
    const pre = a.slice(Math.max(0, o1 - 3), o1);
    const post = a.slice(o1 + h.buffer1.length, o1 + h.buffer1.length + 3);
    const start1 = o1 - pre.length;
    const start2 = o2 - pre.length;
    const len1 = pre.length + h.buffer1.length + post.length;
    const len2 = pre.length + h.buffer2.length + post.length;
    out.push(`@@ -${len1 ? start1 + 1 : start1},${len1} +${len2 ? start2 + 1 : start2},${len2} @@`);
    for (const l of pre) out.push(` ${l}`);
    for (const l of h.buffer1.chunk) out.push(`-${l}`);
    for (const l of h.buffer2.chunk) out.push(`+${l}`);
    for (const l of post) out.push(` ${l}`);
  }
  return out.length ? `${head}${out.join("\n")}\n` : "";
}

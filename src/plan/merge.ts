import { merge } from "node-diff3";

export type MergeResult = { ok: true; text: string } | { ok: false; text: string };

/**
 * Three-way merge of line-based text: `base` is what cadre last wrote, `ours` the file on disk (with
 * the user's edits), `theirs` the new rendering. A conflict returns the text with conflict markers.
 */
export function merge3(base: string, ours: string, theirs: string): MergeResult {
  if (ours === base) return { ok: true, text: theirs };
  if (theirs === base || theirs === ours) return { ok: true, text: ours };
  const r = merge(ours.split("\n"), base.split("\n"), theirs.split("\n"), {
    label: { a: "yours", o: "cadre (before)", b: "cadre (now)" },
  });
  return { ok: !r.conflict, text: r.result.join("\n") };
}

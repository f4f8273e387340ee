import { LAYOUTS_HINT } from "../../model/discover.js";
import type { Item, LoadNote } from "../../model/item.js";
import type { LintRule } from "../types.js";

function notesOf(it: Item, rule: LoadNote["rule"]) {
  return (it.notes ?? [])
    .filter((n) => n.rule === rule)
    .map((n) => ({ message: `${n.message}; fix: ${n.hint}`, line: n.line ?? 1 }));
}

/**
 * What the loader accepted only because the host that wrote the file accepts it (model/parse-pack.ts records a
 * LoadNote): a warning that says how to make the file portable, never an error, since the host loads it.
 */
export const lenientRules: LintRule[] = [
  {
    id: "load/lenient-frontmatter",
    severity: "warning",
    description:
      "Frontmatter that only a host's lenient loader accepts (an unquoted ': ' in a value, no frontmatter on a command).",
    hint: "quote the value, or add '---' lines with a description",
    item: (it) => notesOf(it, "load/lenient-frontmatter"),
  },
  {
    id: "item/display-name",
    severity: "warning",
    description:
      "A name that is a display name (spaces, capitals); the host names the item by its folder or file.",
    hint: "set name to the folder or file name",
    item: (it) => notesOf(it, "item/display-name"),
  },
  {
    id: "load/nothing-recognised",
    severity: "warning",
    description: "A pack folder holds at least one item cadre recognises (never a silent 0 items).",
    hint: LAYOUTS_HINT,
    pack: (p) =>
      p.items.length > 0 || p.diagnostics.length > 0
        ? []
        : [{ message: `no items recognised in ${p.root}: no file matched a known layout`, path: "." }],
  },
];

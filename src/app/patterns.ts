import { ErrorCodes, UserError } from "../core/errors.js";
import { didYouMean } from "../core/names.js";
import type { Catalog } from "../model/catalog.js";
import type { Item } from "../model/item.js";
import { KINDS } from "../model/kinds.js";

/** `pack/*` (a whole pack) or `pack/kind:*` (one kind of it): the patterns cadre.yaml's include accepts. */
const PATTERN = /^([^/:*]+)\/(?:([^/:*]+):)?\*$/;

export function isPattern(ref: string): boolean {
  return PATTERN.test(ref);
}

/**
 * The items a pattern selects (profiles never: they are selected by name), or undefined when `ref` is not a
 * pattern. A pattern that selects nothing is an error with the closest pack names; `where` prefixes it
 * (`cadre.yaml:7:3: include`).
 */
export function patternItems(cat: Catalog, ref: string, where?: string): Item[] | undefined {
  const m = PATTERN.exec(ref);
  if (!m) return undefined;
  const [, pack, kind] = m as unknown as [string, string, string | undefined];
  const at = where ? `${where}: ` : "";
  if (kind !== undefined && !(KINDS as readonly string[]).includes(kind))
    throw new UserError(
      ErrorCodes.notFound,
      `${at}unknown kind "${kind}" in "${ref}"`,
      `${didYouMean(kind, [...KINDS])} the kinds are ${KINDS.join(", ")}`.trim(),
    );
  const inPack = cat.items.filter((i) => i.pack === pack && i.kind !== "profile");
  const packs = cat.packs.map((p) => p.name);
  if (inPack.length === 0)
    throw new UserError(
      ErrorCodes.notFound,
      `${at}no pack named "${pack}"`,
      `${didYouMean(pack, packs)} the packs are ${packs.join(", ")} (cadre.yaml sources)`.trim(),
    );
  const list = kind ? inPack.filter((i) => i.kind === kind) : inPack;
  if (list.length === 0) {
    const kinds = [...new Set(inPack.map((i) => i.kind))].sort();
    throw new UserError(
      ErrorCodes.notFound,
      `${at}no ${kind} in pack "${pack}"`,
      `it holds ${kinds.join(", ")}; e.g. ${pack}/${kinds[0]}:* or ${pack}/*`,
    );
  }
  return list;
}

import { ErrorCodes, UserError } from "../core/errors.js";
import { HOST_KINDS, type HostKind, supportOf, type Support } from "../hosts/define.js";
import { hostList } from "../hosts/registry.js";
import { resolveRef } from "../model/catalog.js";
import { qualifiedId, type Item } from "../model/item.js";
import { type CatalogOptions, openCatalog } from "./catalog.js";

export interface HostSupportRow {
  host: string;
  displayName: string;
  support: Support | "cadre";
  note: string;
}

const CADRE_NOTES: Record<string, string> = {
  schema: "used by cadre to validate pipeline artifacts; not written into hosts",
  template: "used by cadre when starting an artifact; not written into hosts",
  profile: "expands to its items, each rendered for every host",
};

export function hostSupport(item: Item): HostSupportRow[] {
  return hostList().map((h) => {
    if (!(HOST_KINDS as readonly string[]).includes(item.kind))
      return { host: h.id, displayName: h.displayName, support: "cadre" as const, note: CADRE_NOTES[item.kind] ?? "" };
    const k = h.kinds[item.kind as HostKind];
    return { host: h.id, displayName: h.displayName, support: supportOf(h, item.kind), note: k?.note ?? "not supported" };
  });
}

export async function infoCommand(opts: CatalogOptions & { ref: string }) {
  const cat = await openCatalog(opts);
  const r = resolveRef(cat, opts.ref);
  if (!r.ok) {
    const list = r.candidates.map(qualifiedId).join(", ");
    if (r.reason === "ambiguous")
      throw new UserError(ErrorCodes.usage, `"${opts.ref}" matches several items: ${list}`, "qualify it as pack/kind:name");
    throw new UserError(ErrorCodes.notFound, `no item "${opts.ref}"`, list ? `did you mean: ${list}?` : "try `cadre search <words>`");
  }
  const collisions = cat.collisions.find((c) => c.id === r.item.id)?.items.filter((i) => i !== r.item) ?? [];
  return { item: r.item, hosts: hostSupport(r.item), alsoIn: collisions.map(qualifiedId) };
}

import { readFile, writeFile } from "node:fs/promises";
import { ErrorCodes, UserError, usageError } from "../core/errors.js";
import { didYouMean } from "../core/names.js";
import { HOST_IDS, resolveHostId } from "../hosts/registry.js";
import { type Catalog, resolveRef } from "../model/catalog.js";
import { type Item, qualifiedId } from "../model/item.js";
import { DATA_KINDS } from "../model/kinds.js";
import { CONFIG_FILE, editConfigList, parseConfigText } from "./config.js";
import { assertNoSecrets } from "./lint.js";
import { isPattern, patternItems } from "./patterns.js";
import {
  catalogOf,
  detectHosts,
  layoutOf,
  type ProjectOptions,
  requireConfig,
  selectItems,
} from "./project.js";
import { type SyncOptions, type SyncResult, syncCommand } from "./sync.js";

export interface EditResult {
  changes: string[];
  sync?: SyncResult;
}

export async function editAndSync(
  o: SyncOptions & { noSync?: boolean },
  edit: (text: string) => Promise<{ text: string; changes: string[] }>,
): Promise<EditResult> {
  const layout = layoutOf(o);
  await requireConfig(layout);
  const before = await readFile(layout.configPath, "utf8");
  const { text, changes } = await edit(before);
  if (text !== before) {
    parseConfigText(text, CONFIG_FILE);
    await writeFile(layout.configPath, text);
  }
  return { changes, sync: o.noSync ? undefined : await syncCommand(o) };
}

/** A command-line reference to an item or a profile (a bare profile name works too); unknown → closest names. */
function resolveArg(cat: Catalog, ref: string): Item {
  let r = resolveRef(cat, ref);
  if (!r.ok && !ref.includes(":")) {
    const p = resolveRef(cat, `profile:${ref}`);
    if (p.ok) r = p;
  }
  if (r.ok) return r.item;
  if (r.reason === "ambiguous")
    throw new UserError(
      ErrorCodes.usage,
      `ambiguous "${ref}"`,
      `did you mean ${r.candidates.map(qualifiedId).join(", ")}?`,
    );
  const colon = ref.indexOf(":");
  const kind = colon > 0 ? ref.slice(ref.indexOf("/") + 1, colon) : undefined;
  const pool = cat.items.filter((i) => !DATA_KINDS.has(i.kind) && (!kind || i.kind === kind));
  const rest = ref.slice(ref.indexOf("/") + 1);
  const near = didYouMean(
    rest,
    pool.map((i) => (kind ? `${i.kind}:${i.name}` : i.name)),
  );
  throw new UserError(
    ErrorCodes.notFound,
    `no item "${ref}"`,
    `${near ? `${near} ` : ""}see \`cadre list\` or \`cadre search\`; ${CONFIG_FILE} was not changed`,
  );
}

/** `cadre add <item|profile…>`: select more items (profiles go to `profiles`, items to `include`). */
export function addCommand(
  o: ProjectOptions & { refs: string[]; noSync?: boolean; version?: string },
): Promise<EditResult> {
  return editAndSync(o, async (text) => {
    const layout = layoutOf(o);
    const cat = await catalogOf(parseConfigText(text, CONFIG_FILE), layout, o.env);
    const changes: string[] = [];
    let out = text;
    for (const ref of o.refs) {
      const matched = patternItems(cat, ref);
      if (matched) {
        // Written as given: `pack/*` and `pack/kind:*` are what init writes and selectItems reads.
        assertNoSecrets(cat, matched);
        out = editConfigList(out, ["include"], (xs) => (xs.includes(ref) ? xs : [...xs, ref]));
        changes.push(`added ${ref} (${matched.length} item${matched.length === 1 ? "" : "s"})`);
        continue;
      }
      const it = resolveArg(cat, ref);
      assertNoSecrets(cat, [it]);
      if (it.kind === "profile")
        out = editConfigList(out, ["profiles"], (xs) => (xs.includes(it.name) ? xs : [...xs, it.name]));
      else {
        const id = `${it.kind}:${it.name}`;
        out = editConfigList(out, ["include"], (xs) => (xs.includes(id) ? xs : [...xs, id]));
        out = editConfigList(out, ["exclude"], (xs) => xs.filter((x) => x !== id && x !== it.name));
      }
      changes.push(`added ${qualifiedId(it)}`);
    }
    return { text: out, changes };
  });
}

/** Whether an include/exclude entry names this item (`pack/*`, `pack/kind:*` name packs, not items). */
function names(cat: Catalog, entry: string, qid: string): boolean {
  if (isPattern(entry)) return false;
  const r = resolveRef(cat, entry);
  return r.ok && qualifiedId(r.item) === qid;
}

/**
 * `cadre remove <item|profile…>`: unselect items. A profile leaves `profiles`; an item leaves `include`
 * (whatever form it was written in); only an item still selected after that (by a profile or a `pack/*`)
 * is written into `exclude`, by its id. An unknown name is an error with the closest names.
 */
export function removeCommand(
  o: ProjectOptions & { refs: string[]; noSync?: boolean; version?: string },
): Promise<EditResult> {
  return editAndSync(o, async (text) => {
    const cat = await catalogOf(parseConfigText(text, CONFIG_FILE), layoutOf(o), o.env);
    const changes: string[] = [];
    let out = text;
    for (const ref of o.refs) {
      const cur = parseConfigText(out, CONFIG_FILE);
      const bare = ref.replace(/^profile:/, "");
      if (cur.profiles.includes(bare)) {
        out = editConfigList(out, ["profiles"], (xs) => xs.filter((x) => x !== bare));
        changes.push(`removed profile ${bare}`);
        continue;
      }
      if (isPattern(ref)) {
        patternItems(cat, ref); // a pattern that matches nothing is an error with the closest names
        out = editConfigList(out, ["include"], (xs) => xs.filter((x) => x !== ref));
        changes.push(cur.include.includes(ref) ? `removed ${ref} from include` : `${ref} is not in include`);
        continue;
      }
      const it = resolveArg(cat, ref);
      const qid = qualifiedId(it);
      const unique = resolveRef(cat, `${it.kind}:${it.name}`).ok;
      const id = unique ? `${it.kind}:${it.name}` : qid;
      const kept = cur.include.filter((x) => !names(cat, x, qid));
      if (kept.length < cur.include.length) out = editConfigList(out, ["include"], () => kept);
      const still = selectItems(cat, parseConfigText(out, CONFIG_FILE)).items.some(
        (i) => qualifiedId(i) === qid,
      );
      if (still && it.kind !== "profile") {
        out = editConfigList(out, ["exclude"], (xs) =>
          xs.some((x) => names(cat, x, qid)) ? xs : [...xs, id],
        );
        changes.push(`excluded ${id} (a profile or a whole pack selects it)`);
      } else if (kept.length < cur.include.length) changes.push(`removed ${id} from include`);
      else changes.push(`${id} is not selected; nothing to remove`);
    }
    return { text: out, changes };
  });
}

/** `cadre hosts enable|disable <id>`: edit the host list (an `auto` list is made explicit first). */
export function setHostCommand(
  o: ProjectOptions & { id: string; enable: boolean; noSync?: boolean },
): Promise<EditResult> {
  if (!resolveHostId(o.id))
    throw usageError(
      `unknown host "${o.id}"`,
      `${didYouMean(o.id, HOST_IDS)} use one of: ${HOST_IDS.join(", ")}`.trim(),
    );
  return editAndSync(o, async (text) => {
    const config = parseConfigText(text, CONFIG_FILE);
    const current = config.hosts === "auto" ? await detectHosts(layoutOf(o)) : config.hosts;
    const next = o.enable
      ? current.includes(o.id)
        ? current
        : [...current, o.id]
      : current.filter((h) => h !== o.id);
    return {
      text: editConfigList(text, ["hosts"], () => next),
      changes: [`${o.enable ? "enabled" : "disabled"} ${o.id}`],
    };
  });
}

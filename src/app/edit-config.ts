import { readFile, writeFile } from "node:fs/promises";
import { ErrorCodes, UserError, usageError } from "../core/errors.js";
import { HOST_IDS } from "../hosts/registry.js";
import { resolveRef } from "../model/catalog.js";
import { qualifiedId } from "../model/item.js";
import { CONFIG_FILE, editConfigList, parseConfigText } from "./config.js";
import { assertNoSecrets } from "./lint.js";
import { catalogOf, detectHosts, layoutOf, type ProjectOptions, requireConfig } from "./project.js";
import { type SyncResult, syncCommand } from "./sync.js";

export interface EditResult {
  changes: string[];
  sync?: SyncResult;
}

async function editAndSync(
  o: ProjectOptions & { noSync?: boolean },
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

/** `cadre add <item|profile…>`: select more items (profiles go to `profiles`, items to `include`). */
export function addCommand(
  o: ProjectOptions & { refs: string[]; noSync?: boolean; version?: string },
): Promise<EditResult> {
  return editAndSync(o, async (text) => {
    const layout = layoutOf(o);
    const cat = await catalogOf(await requireConfig(layout), layout, o.env);
    const changes: string[] = [];
    let out = text;
    for (const ref of o.refs) {
      let r = resolveRef(cat, ref);
      if (!r.ok && !ref.includes(":")) {
        const p = resolveRef(cat, `profile:${ref}`);
        if (p.ok) r = p;
      }
      if (!r.ok) {
        const hint = r.candidates.length
          ? `did you mean ${r.candidates.map(qualifiedId).join(", ")}?`
          : "see `cadre list` or `cadre search`";
        throw new UserError(
          r.reason === "ambiguous" ? ErrorCodes.usage : ErrorCodes.notFound,
          `${r.reason === "ambiguous" ? "ambiguous" : "no item"} "${ref}"`,
          hint,
        );
      }
      const it = r.item;
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

/** `cadre remove <item|profile…>`: unselect items (from include or profiles; otherwise exclude them). */
export function removeCommand(
  o: ProjectOptions & { refs: string[]; noSync?: boolean; version?: string },
): Promise<EditResult> {
  return editAndSync(o, async (text) => {
    const config = parseConfigText(text, CONFIG_FILE);
    const changes: string[] = [];
    let out = text;
    for (const ref of o.refs) {
      const bare = ref.replace(/^profile:/, "");
      if (config.profiles.includes(bare)) {
        out = editConfigList(out, ["profiles"], (xs) => xs.filter((x) => x !== bare));
        changes.push(`removed profile ${bare}`);
      } else if (config.include.includes(ref)) {
        out = editConfigList(out, ["include"], (xs) => xs.filter((x) => x !== ref));
        changes.push(`removed ${ref} from include`);
      } else {
        out = editConfigList(out, ["exclude"], (xs) => (xs.includes(ref) ? xs : [...xs, ref]));
        changes.push(`excluded ${ref}`);
      }
    }
    return { text: out, changes };
  });
}

/** `cadre hosts enable|disable <id>`: edit the host list (an `auto` list is made explicit first). */
export function setHostCommand(
  o: ProjectOptions & { id: string; enable: boolean; noSync?: boolean },
): Promise<EditResult> {
  if (!(HOST_IDS as string[]).includes(o.id))
    throw usageError(`unknown host "${o.id}"`, `use one of: ${HOST_IDS.join(", ")}`);
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

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { toPosix } from "../core/names.js";
import type { Content } from "../hosts/output.js";
import type { Item, Pack } from "../model/item.js";
import type { RenderItem } from "../render/formats.js";
import { builtinLibraryDir } from "../sources/paths.js";

/** The absolute folder of a loaded pack. */
export function packDir(pack: Pack, cwd: string): string {
  return pack.builtin ? builtinLibraryDir() : resolve(cwd, pack.root);
}

/**
 * Attach the bytes of each skill's other files, so that renderers stay pure. With `link`, skills whose
 * files are byte for byte what cadre would write also get their pack folder, to be symlinked.
 */
export async function toRenderItems(
  items: readonly Item[],
  packs: readonly Pack[],
  cwd: string,
  link = false,
): Promise<RenderItem[]> {
  const byName = new Map(packs.map((p) => [p.name, p]));
  return Promise.all(
    items.map(async (item): Promise<RenderItem> => {
      if (item.kind !== "skill") return { item };
      const pack = byName.get(item.pack);
      const root = pack ? packDir(pack, cwd) : undefined;
      const assets = new Map<string, Content>();
      for (const f of item.files) {
        if (f === item.path) continue;
        const text = link ? undefined : pack?.texts.get(f);
        if (text !== undefined) assets.set(f, text);
        else if (root) assets.set(f, new Uint8Array(await readFile(resolve(root, f))));
      }
      const main =
        link && root ? await readFile(resolve(root, item.path), "utf8").catch(() => undefined) : undefined;
      const linkRoot = root && main === item.text ? toPosix(root) : undefined;
      return { item, ...(assets.size ? { assets } : {}), ...(linkRoot ? { linkRoot } : {}) };
    }),
  );
}

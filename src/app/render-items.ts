import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Content } from "../hosts/output.js";
import type { Item, Pack } from "../model/item.js";
import type { RenderItem } from "../render/formats.js";
import { builtinLibraryDir } from "../sources/paths.js";

/** The absolute folder of a loaded pack. */
export function packDir(pack: Pack, cwd: string): string {
  return pack.builtin ? builtinLibraryDir() : resolve(cwd, pack.root);
}

/** Attach the bytes of each skill's other files, so that renderers stay pure. */
export async function toRenderItems(
  items: readonly Item[],
  packs: readonly Pack[],
  cwd: string,
): Promise<RenderItem[]> {
  const byName = new Map(packs.map((p) => [p.name, p]));
  return Promise.all(
    items.map(async (item) => {
      if (item.kind !== "skill" || item.files.length <= 1) return { item };
      const pack = byName.get(item.pack);
      const assets = new Map<string, Content>();
      for (const f of item.files) {
        if (f === item.path) continue;
        const text = pack?.texts.get(f);
        if (text !== undefined) assets.set(f, text);
        else if (pack) assets.set(f, new Uint8Array(await readFile(resolve(packDir(pack, cwd), f))));
      }
      return { item, assets };
    }),
  );
}

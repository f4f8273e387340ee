/**
 * `cadre add <source>`: resolve a source, show what it holds (`--list`, through the same discovery as every
 * pack), or add it to cadre.yaml `sources` with the picked items in `include` (`--item`, `--kind`,
 * `--category`; default the whole pack, `pack/*`), then sync, which pins it in cadre.lock.
 */

import { ErrorCodes, UserError } from "../core/errors.js";
import { buildCatalog } from "../model/catalog.js";
import { type Item, type Pack, qualifiedId } from "../model/item.js";
import { DATA_KINDS } from "../model/kinds.js";
import type { TrustReview } from "../model/trust.js";
import { emptyLock } from "../plan/types.js";
import { formatSourceSpec, isRemote, parseSourceSpec } from "../sources/spec.js";
import { CONFIG_FILE, editConfigList, parseConfigText } from "./config.js";
import { type EditResult, editAndSync } from "./edit-config.js";
import { assertNoSecrets } from "./lint.js";
import { layoutOf, type ProjectOptions, readLock } from "./project.js";
import { baseOf, loadSource, parseSpecAt, type SourceOptions } from "./sources.js";
import { grantOf, reviewOf } from "./trust.js";

export interface Pick {
  items?: string[];
  kind?: string;
  category?: string;
}

/** Whether a command-line argument of `add` names a source rather than an item or profile. */
export function isSourceArg(arg: string): boolean {
  if (arg.startsWith("builtin/")) return false;
  try {
    const s = parseSourceSpec(arg);
    return isRemote(s) || (s.type === "local" && /^(\.{1,2}|~)?\//.test(arg));
  } catch {
    return false;
  }
}

function picked(pack: Pack, p: Pick, source: string): Item[] {
  let items = pack.items.filter((i) => !DATA_KINDS.has(i.kind));
  if (p.kind) items = items.filter((i) => i.kind === p.kind);
  if (p.category) items = items.filter((i) => i.category === p.category);
  if (p.items?.length) {
    const want = new Set(p.items);
    const found = items.filter(
      (i) => want.has(i.name) || want.has(`${i.kind}:${i.name}`) || want.has(qualifiedId(i)),
    );
    const missing = p.items.filter(
      (w) => !found.some((i) => w === i.name || w === `${i.kind}:${i.name}` || w === qualifiedId(i)),
    );
    if (missing.length)
      throw new UserError(
        ErrorCodes.notFound,
        `${source}: no item ${missing.join(", ")}`,
        `\`cadre add ${source} --list\` shows what it holds`,
      );
    items = found;
  }
  if (items.length === 0)
    throw new UserError(
      ErrorCodes.notFound,
      `${source}: nothing matches the --kind/--category given`,
      `\`cadre add ${source} --list\` shows what it holds`,
    );
  return items;
}

/** `cadre add <source> --list`: resolve and load the source; nothing is written. */
export async function listSource(
  o: ProjectOptions & { source: string } & Pick,
): Promise<{ pack: Pack; items: Item[]; key: string; review: TrustReview }> {
  const layout = layoutOf(o);
  const base = o.cwd;
  const spec = parseSpecAt(o.source, base);
  const loaded = await loadSource(spec, { base, env: o.env, root: layout.root });
  const { pack } = loaded;
  const items = o.kind || o.category || o.items?.length ? picked(pack, o, o.source) : pack.items;
  // Pack folders given on the command line are read from the current folder (so `root` is it here).
  const lock = await readLock(layout).catch(() => emptyLock(layout.scope, 0));
  const review = await reviewOf({ ...layout, root: base }, loaded, lock, items);
  return { pack, items, key: formatSourceSpec(spec), review };
}

/**
 * `cadre add <source> [--item …] [--kind …] [--category …]`: add the source and its picked items, then sync.
 * Before anything is written, `review` gets what the items run on this machine and the security findings;
 * it answers whether to trust that content (recorded in cadre.lock by the sync), as `trust` does without it.
 */
export async function addSourceCommand(
  o: ProjectOptions & {
    source: string;
    noSync?: boolean;
    version?: string;
    trust?: boolean;
    review?: (r: TrustReview) => Promise<boolean>;
  } & Pick,
): Promise<EditResult & { review?: TrustReview; trusted?: string[] }> {
  const resolve: SourceOptions = {};
  let review: TrustReview | undefined;
  let trusted: string[] = [];
  const r = await editAndSync({ ...o, resolve }, async (text) => {
    const layout = layoutOf(o);
    const base = baseOf(layout);
    const spec = parseSpecAt(o.source, base);
    const key = formatSourceSpec(spec);
    const loaded = await loadSource(spec, { base, env: o.env, root: layout.root });
    const { pack } = loaded;
    const whole = !o.kind && !o.category && !o.items?.length;
    const items = whole ? pack.items : picked(pack, o, o.source);
    assertNoSecrets(buildCatalog([pack]), items);
    review = await reviewOf(layout, loaded, await readLock(layout), items);
    const yes = o.review ? await o.review(review) : o.trust === true;
    if (yes && review.items.length && !o.noSync) {
      resolve.trust = { grant: grantOf(review) };
      trusted = review.items.map((e) => e.id);
    }
    const config = parseConfigText(text, CONFIG_FILE);
    const known = config.sources.some((s) => {
      try {
        return formatSourceSpec(parseSpecAt(s, base)) === key;
      } catch {
        return false;
      }
    });
    let out = known ? text : editConfigList(text, ["sources"], (xs) => [...xs, o.source]);
    const refs = whole
      ? [`${pack.name}/*`]
      : o.kind && !o.category && !o.items?.length
        ? [`${pack.name}/${o.kind}:*`]
        : items.map(qualifiedId);
    out = editConfigList(out, ["include"], (xs) => [...xs, ...refs.filter((r) => !xs.includes(r))]);
    const pending = review.items.filter((e) => e.state !== "trusted");
    const changes = [
      ...(known ? [] : [`added source ${o.source}`]),
      `added ${refs.length === 1 ? refs[0] : `${refs.length} items`} (${items.length} item${items.length === 1 ? "" : "s"} from ${pack.name})`,
      ...(trusted.length
        ? [`trusted ${trusted.length} executable item${trusted.length === 1 ? "" : "s"} of ${key}`]
        : pending.length
          ? [
              `${pending.length} item${pending.length === 1 ? "" : "s"} that run code will not be installed until you run \`cadre trust ${key}\``,
            ]
          : []),
    ];
    return { text: out, changes };
  });
  return { ...r, ...(review ? { review } : {}), trusted };
}

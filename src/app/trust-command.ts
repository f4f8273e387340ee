/**
 * `cadre trust <source>`, `cadre trust --list` and `cadre untrust <source>`: record or drop, in cadre.lock,
 * the hash of each executable item of a source (see app/trust.ts), then sync so it is installed or removed.
 */
import { ErrorCodes, UserError } from "../core/errors.js";
import type { TrustReview } from "../model/trust.js";
import { formatSourceSpec } from "../sources/spec.js";
import { layoutOf, type ProjectOptions, readLock, requireConfig } from "./project.js";
import { baseOf, parseSpecAt } from "./sources.js";
import { type SyncResult, syncCommand } from "./sync.js";
import { grantOf, reviewSource } from "./trust.js";

export interface TrustResult {
  review: TrustReview;
  /** Item ids whose hash this run records. */
  trusted: string[];
  sync?: SyncResult;
}

/** The canonical key of a source cadre.yaml lists; anything else is an error naming the sources. */
async function listedKey(o: ProjectOptions, source: string): Promise<string> {
  const l = layoutOf(o);
  const config = await requireConfig(l);
  const base = baseOf(l);
  const key = formatSourceSpec(parseSpecAt(source, base));
  if (!config.sources.some((s) => formatSourceSpec(parseSpecAt(s, base)) === key))
    throw new UserError(
      ErrorCodes.notFound,
      `${source} is not a source in cadre.yaml`,
      `its sources: ${config.sources.join(", ") || "(none)"}; add one with \`cadre add <source>\``,
    );
  return key;
}

/** `cadre trust <source>`: review the source's executable content as pinned, record its hashes, sync. */
export async function trustCommand(
  o: ProjectOptions & { source: string; dryRun?: boolean; version?: string },
): Promise<TrustResult> {
  await listedKey(o, o.source);
  const l = layoutOf(o);
  const review = await reviewSource(l, o.source, await readLock(l));
  if (!review.needsTrust || review.items.length === 0) return { review, trusted: [] };
  const grant = grantOf(review);
  const sync = await syncCommand({
    ...o,
    dryRun: o.dryRun,
    resolve: { trust: { grant, revoke: [review.source] } },
  });
  return { review, trusted: review.items.map((e) => e.id), sync };
}

/** `cadre untrust <source>`: drop the source's trust records and sync (its executable items are removed). */
export async function untrustCommand(
  o: ProjectOptions & { source: string; dryRun?: boolean; version?: string },
): Promise<{ source: string; had: string[]; sync: SyncResult }> {
  const l = layoutOf(o);
  const key = await listedKey(o, o.source);
  const had = Object.keys((await readLock(l)).trust?.[key] ?? {});
  const sync = await syncCommand({ ...o, dryRun: o.dryRun, resolve: { trust: { revoke: [key] } } });
  return { source: key, had, sync };
}

/** `cadre trust --list`: per source of cadre.yaml, whether it needs trust and each executable item's state. */
export async function trustList(o: ProjectOptions): Promise<TrustReview[]> {
  const l = layoutOf(o);
  const config = await requireConfig(l);
  const lock = await readLock(l);
  const out: TrustReview[] = [];
  for (const s of config.sources) out.push(await reviewSource(l, s, lock));
  return out;
}

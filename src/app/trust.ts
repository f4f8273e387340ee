/**
 * Trust for executable content (model/trust.ts decides; this file reads the files and wires it in). A source
 * that is not cadre's own library or a folder inside the project installs an item that runs code only when
 * cadre.lock `trust` holds that item's hash: `cadre trust <source>` records it, `cadre untrust` drops it,
 * `cadre add` shows what is executable (and the security lint findings) before anything is written, `update`
 * asks again in a terminal when the code changed, and `sync --frozen` fails on anything not trusted.
 */
import { realpath } from "node:fs/promises";
import { relative, sep } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import { HOST_KINDS } from "../hosts/define.js";
import { RULES } from "../lint/registry.js";
import { lintPacks } from "../lint/run.js";
import { buildCatalog } from "../model/catalog.js";
import type { Item, Pack } from "../model/item.js";
import {
  type ExecItem,
  type ExecPart,
  executableOf,
  needsTrust,
  nextRecords,
  originOf,
  type SourceOrigin,
  type TrustOptions,
  type TrustRecords,
  type TrustReview,
  trustState,
} from "../model/trust.js";
import type { Lock } from "../plan/types.js";
import type { RenderNote } from "../render/compose.js";
import type { RenderItem } from "../render/formats.js";
import type { ResolvedSource } from "../sources/resolve.js";
import { formatSourceSpec } from "../sources/spec.js";
import type { Layout } from "./layout.js";
import { toRenderItems } from "./render-items.js";
import { baseOf, loadSource, parseSpecAt, type ResolvedCatalog } from "./sources.js";

const LABELS: Record<ExecPart["what"], string> = {
  hook: "hook command",
  "mcp-command": "MCP server command",
  script: "script",
  "load-shell": "shell run when it loads",
  "allowed-shell": "pre-approved shell (allowed-tools)",
  "frontmatter-hooks": "hooks in its frontmatter",
};

/** One line per executable part, for the summary. */
export function describeParts(parts: readonly ExecPart[]): string[] {
  return parts.map(
    (p) => `${LABELS[p.what]}: ${p.detail.length > 90 ? `${p.detail.slice(0, 87)}...` : p.detail}`,
  );
}

/** Where a resolved pack folder lies, for the trust rule (links resolved: a link out of the project is outside). */
export async function originAt(
  r: { builtin: boolean; remote: boolean; dir: string },
  base: string,
): Promise<SourceOrigin> {
  if (r.builtin || r.remote) return originOf(r);
  const [dir, root] = await Promise.all([
    realpath(r.dir).catch(() => r.dir),
    realpath(base).catch(() => base),
  ]);
  const rel = relative(root, dir).split(sep).join("/");
  return originOf({ ...r, rel: rel.startsWith("/") || /^[A-Za-z]:/.test(rel) ? undefined : rel });
}

/** The security lint findings of these items (hidden Unicode, pipe-to-shell, paste URLs, network, destructive…). */
export function securityFindings(pack: Pack, items: readonly Item[], label?: string): Diagnostic[] {
  // A fetched pack is named by its source (`github:team/kit/hooks/fmt.sh`), not by its cache folder.
  const sub = { ...pack, root: label ?? pack.root, items: [...items], diagnostics: [] };
  const rules = RULES.filter((r) => r.id.startsWith("security/"));
  return lintPacks(buildCatalog([sub]), [sub], {}, rules).diagnostics;
}

function pendingNote(key: string, e: ExecItem): RenderNote {
  const why = e.state === "changed" ? "its code changed since you trusted it" : "you have not trusted it";
  return {
    host: "*",
    item: e.qid,
    level: "warning",
    message: `not installed: it runs code from ${key} (${describeParts(e.parts).join("; ")}) and ${why}; review it, then run \`cadre trust ${key}\``,
  };
}

/**
 * The sync's trust step: drop every selected item whose executable content its source's record does not
 * cover (a warning each), or fail under --frozen; `ask` (update in a terminal) may trust a source's new code.
 */
export async function trustStep(
  renderItems: RenderItem[],
  rc: ResolvedCatalog,
  lock: Lock,
  l: Layout,
  o: { trust?: TrustOptions; frozen?: boolean } = {},
): Promise<{ renderItems: RenderItem[]; notes: RenderNote[]; records: TrustRecords }> {
  const keyOf = new Map([...rc.packOf].map(([key, pack]) => [pack, key]));
  const records = nextRecords(lock.trust, [...rc.packOf.keys()], o.trust?.grant, o.trust?.revoke);
  const origins = new Map<string, SourceOrigin>();
  for (const r of rc.resolved) origins.set(r.key, await originAt(r, baseOf(l)));
  const pending = new Map<string, Array<{ ri: RenderItem; e: ExecItem }>>();
  for (const ri of renderItems) {
    const key = keyOf.get(ri.item.pack);
    if (!key || !needsTrust(origins.get(key) ?? "remote")) continue;
    const e = executableOf(ri);
    if (!e) continue;
    const state = trustState(e, records[key]);
    if (state !== "trusted") pending.set(key, [...(pending.get(key) ?? []), { ri, e: { ...e, state } }]);
  }
  if (o.frozen && pending.size) {
    const [key, list] = [...pending][0] as [string, Array<{ e: ExecItem }>];
    const first = list[0]?.e as ExecItem;
    throw new UserError(
      ErrorCodes.findings,
      `--frozen: ${first.qid} from ${key} runs code that cadre.lock does not trust (${first.state === "changed" ? "it changed since it was trusted" : "never trusted"})${list.length > 1 || pending.size > 1 ? ", and more" : ""}`,
      `review it and run \`cadre trust ${key}\`, then commit cadre.lock`,
    );
  }
  const dropped = new Set<RenderItem>();
  const notes: RenderNote[] = [];
  for (const [key, list] of pending) {
    const pack = rc.cat.packs.find((p) => p.name === list[0]?.ri.item.pack);
    const review: TrustReview = {
      source: key,
      origin: origins.get(key) ?? "remote",
      needsTrust: true,
      items: list.map((x) => x.e),
      findings: pack
        ? securityFindings(
            pack,
            list.map((x) => x.ri.item),
            rc.resolved.find((r) => r.key === key)?.remote ? key : undefined,
          )
        : [],
    };
    if (o.trust?.ask && (await o.trust.ask(review))) {
      records[key] = { ...(records[key] ?? {}), ...Object.fromEntries(list.map((x) => [x.e.id, x.e.hash])) };
      continue;
    }
    for (const x of list) {
      dropped.add(x.ri);
      notes.push(pendingNote(key, x.e));
    }
  }
  return { renderItems: renderItems.filter((ri) => !dropped.has(ri)), notes, records };
}

/** Each item's executable content, read like an install reads it; an item that cannot be read is left out. */
export async function executablesOf(
  items: readonly Item[],
  pack: Pack,
  root: string,
  record: Readonly<Record<string, string>> | undefined,
): Promise<ExecItem[]> {
  const out: ExecItem[] = [];
  for (const item of items) {
    if (!(HOST_KINDS as readonly string[]).includes(item.kind)) continue;
    const ri = await toRenderItems([item], [pack], root).then(
      (r) => r[0],
      () => undefined,
    );
    const e = ri && executableOf(ri);
    if (e) out.push({ ...e, state: trustState(e, record) });
  }
  return out;
}

/** The review of some items of a loaded source (all of them by default). */
export async function reviewOf(
  l: Layout,
  loaded: { resolved: ResolvedSource; pack: Pack },
  lock: Lock,
  items?: readonly Item[],
): Promise<TrustReview> {
  const { resolved, pack } = loaded;
  const origin = await originAt(resolved, baseOf(l));
  const chosen = items ?? pack.items;
  const exec = needsTrust(origin)
    ? await executablesOf(chosen, pack, l.root, lock.trust?.[resolved.key])
    : [];
  return {
    source: resolved.key,
    origin,
    needsTrust: needsTrust(origin),
    items: exec,
    findings:
      needsTrust(origin) || items
        ? securityFindings(pack, chosen, resolved.remote ? resolved.key : undefined)
        : [],
  };
}

/** Resolve a source as cadre.yaml and cadre.lock have it (the pin, from the cache) and review all of it. */
export async function reviewSource(l: Layout, source: string, lock: Lock): Promise<TrustReview> {
  const base = baseOf(l);
  const spec = parseSpecAt(source, base);
  const pin = lock.sources?.[formatSourceSpec(spec)];
  return reviewOf(l, await loadSource(spec, { base, env: l.env, root: l.root, pin }), lock);
}

/** The grant that trusts exactly the reviewed content. */
export function grantOf(r: TrustReview): TrustRecords {
  return r.items.length ? { [r.source]: Object.fromEntries(r.items.map((e) => [e.id, e.hash])) } : {};
}

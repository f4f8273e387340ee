/**
 * Trust: which items run code on the user's machine, the hash of exactly that code, and whether cadre.lock's
 * trust records cover it. Pure: the files are passed in (with their exec bits), the decisions come out.
 *
 * Executable content is what a host runs without a person reading it first: a hook's command (and the plugin
 * scripts it runs), a stdio MCP server's command line, a skill's scripts, the shell a Claude command or skill
 * runs while it loads (`` !`cmd` ``, a ```` ```! ```` block, Gemini's `!{cmd}` in a TOML command), a
 * pre-approved shell (`allowed-tools: Bash…`) and hooks in an item's frontmatter. The hash covers only those
 * parts, so a reworded description does not ask again, and a changed command always does.
 */
import type { Diagnostic } from "../core/diagnostics.js";
import { sha256 } from "../core/hash.js";
import { type Item, qualifiedId } from "./item.js";

/** An item with the bytes of its other files (a skill's folder, a hook's plugin scripts) and their exec bits. */
export interface TrustInput {
  item: Item;
  assets?: ReadonlyMap<string, string | Uint8Array>;
  executable?: ReadonlySet<string>;
  scripts?: ReadonlyMap<string, { content: string | Uint8Array; executable: boolean }>;
}

export type ExecWhat =
  | "hook"
  | "mcp-command"
  | "script"
  | "load-shell"
  | "allowed-shell"
  | "frontmatter-hooks";

/** One executable part of an item, for the summary a person reviews. */
export interface ExecPart {
  what: ExecWhat;
  /** The command, script path or tool list, as written (shortened for display by the caller). */
  detail: string;
}

export interface Executable {
  /** `kind:name`, the key of the item inside its source's trust record. */
  id: string;
  qid: string;
  parts: ExecPart[];
  /** sha256 over the executable parts (their text and every script's bytes). */
  hash: string;
}

/** cadre.lock `trust`: canonical source spec → item id → the hash the user trusted. */
export type TrustRecords = Record<string, Record<string, string>>;

/**
 * Where a source's content comes from, for the trust rule: cadre's own library and folders inside the project
 * (outside any `node_modules`) are the user's own; folders elsewhere on disk and fetched sources are not.
 */
export type SourceOrigin = "builtin" | "project" | "outside" | "remote";

export function needsTrust(origin: SourceOrigin): boolean {
  return origin === "outside" || origin === "remote";
}

/** The origin of a source: `rel` is its folder relative to the project (undefined when outside it). */
export function originOf(s: { builtin: boolean; remote: boolean; rel?: string }): SourceOrigin {
  if (s.builtin) return "builtin";
  if (s.remote) return "remote";
  if (s.rel === undefined || s.rel === ".." || s.rel.startsWith("../")) return "outside";
  return s.rel.split("/").includes("node_modules") ? "outside" : "project";
}

const SCRIPT_PATH = /(^|\/)scripts\/|\.(sh|bash|zsh|fish|ps1|psm1|bat|cmd|py|js|mjs|cjs|ts|rb|pl|php|lua)$/i;
/** Claude Code runs these while loading a command or skill, even inside code spans and fences. */
const CLAUDE_INLINE = /!`([^`\n]+)`/g;
const CLAUDE_BLOCK = /^[ \t]*```!.*\n([\s\S]*?)^[ \t]*```/gm;
const GEMINI_SHELL = /!\{([^}\n]*)\}/g;
const SHELL_TOOL = /\b(Bash|PowerShell)\b/;

function shebang(c: string | Uint8Array): boolean {
  return typeof c === "string" ? c.startsWith("#!") : c[0] === 0x23 && c[1] === 0x21;
}

/** The shell a command or skill runs while it loads, and a pre-approved shell tool. */
function markdownShell(item: Item): ExecPart[] {
  const parts: ExecPart[] = [];
  const text = item.text;
  if (/\.toml$/i.test(item.path)) {
    for (const m of text.matchAll(GEMINI_SHELL)) parts.push({ what: "load-shell", detail: `!{${m[1]}}` });
  } else {
    for (const m of text.matchAll(CLAUDE_INLINE)) parts.push({ what: "load-shell", detail: m[1] ?? "" });
    for (const m of text.matchAll(CLAUDE_BLOCK))
      parts.push({ what: "load-shell", detail: (m[1] ?? "").trimEnd() });
  }
  const allowed = item.meta["allowed-tools"];
  const tools = Array.isArray(allowed) ? allowed.map(String).join(" ") : String(allowed ?? "");
  if (SHELL_TOOL.test(tools)) parts.push({ what: "allowed-shell", detail: tools });
  return parts;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v ?? null);
}

/** The executable parts of one item and the files whose bytes the hash covers. */
function partsOf(ri: TrustInput): {
  parts: ExecPart[];
  hashed: string[];
  files: Array<[string, string | Uint8Array]>;
} {
  const { item } = ri;
  const parts: ExecPart[] = [];
  const hashed: string[] = [];
  const files: Array<[string, string | Uint8Array]> = [];
  const m = item.meta;
  if (item.kind === "hook") {
    const h = m.handler as Record<string, unknown> | undefined;
    if (h && !("builtin" in h)) {
      const claude = h.claude as { type?: unknown } | undefined;
      parts.push({
        what: "hook",
        detail: typeof h.command === "string" ? h.command : `a ${String(claude?.type)} hook`,
      });
      hashed.push(canonical({ event: m.event, matcher: m.matcher, handler: h }));
      for (const [p, s] of ri.scripts ?? []) {
        parts.push({ what: "script", detail: p });
        files.push([p, s.content]);
      }
    }
  } else if (item.kind === "mcp") {
    if (typeof m.command === "string") {
      const args = Array.isArray(m.args) ? m.args.map(String) : [];
      parts.push({ what: "mcp-command", detail: [m.command, ...args].join(" ") });
      hashed.push(canonical({ command: m.command, args: m.args, env: m.env }));
    }
  } else if (item.kind === "skill" || item.kind === "command" || item.kind === "agent") {
    if (item.kind !== "agent") {
      const shell = markdownShell(item);
      parts.push(...shell);
      hashed.push(...shell.map((p) => `${p.what}\0${p.detail}`));
    }
    if (m.hooks !== undefined) {
      parts.push({ what: "frontmatter-hooks", detail: canonical(m.hooks) });
      hashed.push(`hooks\0${canonical(m.hooks)}`);
    }
    for (const [p, c] of ri.assets ?? []) {
      if (!(ri.executable?.has(p) || SCRIPT_PATH.test(p) || shebang(c))) continue;
      parts.push({ what: "script", detail: p });
      files.push([p, c]);
    }
  }
  return { parts, hashed, files };
}

/** The item's executable content and its hash, or undefined when it runs nothing. */
export function executableOf(ri: TrustInput): Executable | undefined {
  const { parts, hashed, files } = partsOf(ri);
  if (parts.length === 0) return undefined;
  const lines = [
    `kind\0${ri.item.kind}`,
    ...hashed,
    ...files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, c]) => `file\0${p}\0${sha256(c)}`),
  ];
  return { id: ri.item.id, qid: qualifiedId(ri.item), parts, hash: sha256(lines.join("\n")) };
}

export type TrustState = "trusted" | "untrusted" | "changed";

/** Whether a source's trust record covers this executable content: trusted, never trusted, or changed since. */
export function trustState(e: Executable, record: Readonly<Record<string, string>> | undefined): TrustState {
  const h = record?.[e.id];
  return h === e.hash ? "trusted" : h === undefined ? "untrusted" : "changed";
}

/** The trust records after a run: only listed sources kept, revoked sources' records dropped, then grants merged in. */
export function nextRecords(
  old: TrustRecords | undefined,
  listed: readonly string[],
  grant: TrustRecords = {},
  revoke: readonly string[] = [],
): TrustRecords {
  const out: TrustRecords = {};
  for (const key of listed) {
    const kept = revoke.includes(key) ? {} : (old?.[key] ?? {});
    const merged = { ...kept, ...(grant[key] ?? {}) };
    if (Object.keys(merged).length) out[key] = merged;
  }
  return out;
}

export interface TrustOptions {
  /** Hashes the user accepted (source → item id → hash); only content with exactly that hash is trusted. */
  grant?: TrustRecords;
  /** Sources whose old records are dropped (before `grant` is merged in). */
  revoke?: string[];
  /** `update` in a terminal: asked per source whose executable content is new or changed; true trusts it. */
  ask?: (review: TrustReview) => Promise<boolean>;
}

export interface ExecItem extends Executable {
  state: TrustState;
}

/** What a person reviews before trusting a source: its executable items and the security lint findings. */
export interface TrustReview {
  source: string;
  origin: SourceOrigin;
  needsTrust: boolean;
  items: ExecItem[];
  findings: Diagnostic[];
}

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${CLAUDE_PLUGIN_ROOT} and ${extensionPath} are the hosts' own variables, written as they are
import { parse as parseToml } from "smol-toml";
import { sha256 } from "../core/hash.js";
import type { Content, DesiredKeys } from "../hosts/output.js";
import type { HostEnv } from "../hosts/paths.js";
import { HOSTS } from "../hosts/registry.js";
import { cmp, RENDERER_VERSION, renderAll } from "./compose.js";
import type { RenderItem } from "./formats.js";

/**
 * `cadre export`: one pack → a distributable package in a host's own plugin or extension format. Pure: the
 * items are rendered by the same renderers an install uses (`renderAll` for the host at project scope), and
 * each project path is moved to where the host's plugin format keeps it. What a format has no place for is
 * left out with a note. docs/export.md lists the formats and their sources.
 */

export const EXPORT_TARGETS = [
  "claude-plugin",
  "claude-marketplace",
  "gemini-extension",
  "cursor-plugin",
  "codex-plugin",
  "npm",
] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** The export manifest, at the root of every export: what it was built from and what it wrote. */
export const EXPORT_MANIFEST = ".cadre-export.json";
/** Bump when the layout of an export changes (the renderers have their own RENDERER_VERSION). */
export const EXPORT_FORMAT = 1;

export interface ExportPackInfo {
  name: string;
  version?: string;
  description?: string;
  license?: string;
  homepage?: string;
  author?: { name: string; email?: string; url?: string };
}

export interface ExportInput {
  pack: ExportPackInfo;
  items: readonly RenderItem[];
  /** Every pack file (posix, pack-relative) → its bytes: hashed into the manifest, and the npm package. */
  sources: ReadonlyMap<string, Content>;
  /** Pack files with the exec bit (npm keeps it). */
  executable?: ReadonlySet<string>;
  target: ExportTarget;
  /** Items left out for a host (lint errors for it), as the install pipeline skips them. */
  skip?: (host: string, qid: string) => boolean;
}

export interface ExportFile {
  path: string;
  content: Content;
  executable?: boolean;
}

export interface ExportNote {
  item?: string;
  level: "info" | "warning";
  message: string;
}

export interface ExportManifest {
  cadreExport: number;
  target: ExportTarget;
  pack: string;
  version: string;
  renderer: number;
  /** Pack file → sha256 of its bytes. */
  sources: Record<string, string>;
  /** Exported file (not this manifest) → sha256 of its bytes. */
  files: Record<string, string>;
}

export interface ExportPlan {
  target: ExportTarget;
  /** Every file of the export, the manifest last. */
  files: ExportFile[];
  notes: ExportNote[];
  manifest: ExportManifest;
}

/** Where a host's project files go inside its plugin: project path prefix → plugin path prefix. */
interface Layout {
  host: "claude-code" | "gemini-cli" | "cursor" | "codex";
  moves: Array<[string, string]>;
  /** How a hook command names the plugin's own folder (undefined: the format has no such variable). */
  rootVar?: string;
}

const SKILLS: Array<[string, string]> = [[".agents/skills/", "skills/"]];
const LAYOUTS: Record<Exclude<ExportTarget, "npm" | "claude-marketplace">, Layout> = {
  "claude-plugin": {
    host: "claude-code",
    moves: [
      [".claude/skills/", "skills/"],
      ...SKILLS,
      [".claude/agents/", "agents/"],
      [".claude/commands/", "commands/"],
    ],
    rootVar: "${CLAUDE_PLUGIN_ROOT}",
  },
  "gemini-extension": {
    host: "gemini-cli",
    moves: [
      [".gemini/skills/", "skills/"],
      ...SKILLS,
      [".gemini/agents/", "agents/"],
      [".gemini/commands/", "commands/"],
    ],
    rootVar: "${extensionPath}",
  },
  "cursor-plugin": {
    host: "cursor",
    moves: [
      [".cursor/skills/", "skills/"],
      ...SKILLS,
      [".cursor/rules/", "rules/"],
      [".cursor/agents/", "agents/"],
      [".cursor/commands/", "commands/"],
    ],
  },
  "codex-plugin": { host: "codex", moves: [[".codex/skills/", "skills/"], ...SKILLS] },
};

/** The hooks folder of a plugin's copied hook scripts (a plugin hook's `${CLAUDE_PLUGIN_ROOT}` files). */
const HOOK_SCRIPTS = "hook-scripts";

/** Plan an export: the files, in the target's format, and the manifest. Pure. */
export function planExport(input: ExportInput): ExportPlan {
  const notes: ExportNote[] = [];
  let files: ExportFile[];
  if (input.target === "npm") files = npmFiles(input, notes);
  else if (input.target === "claude-marketplace") {
    const plugin = hostFiles(input, LAYOUTS["claude-plugin"], notes);
    const name = input.pack.name;
    files = [
      ...plugin.map((f) => ({ ...f, path: `plugins/${name}/${f.path}` })),
      json(".claude-plugin/marketplace.json", marketplaceManifest(input.pack)),
    ];
  } else files = hostFiles(input, LAYOUTS[input.target], notes);
  files.sort((a, b) => cmp(a.path, b.path));
  const manifest: ExportManifest = {
    cadreExport: EXPORT_FORMAT,
    target: input.target,
    pack: input.pack.name,
    version: input.pack.version ?? "0.1.0",
    renderer: RENDERER_VERSION,
    sources: hashes([...input.sources].map(([path, content]) => ({ path, content }))),
    files: hashes(files),
  };
  files.push(json(EXPORT_MANIFEST, manifest));
  return { target: input.target, files, notes, manifest };
}

function hashes(files: ReadonlyArray<{ path: string; content: Content }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of [...files].sort((a, b) => cmp(a.path, b.path))) out[f.path] = sha256(f.content);
  return out;
}

function json(path: string, value: unknown): ExportFile {
  return { path, content: `${JSON.stringify(value, null, 2)}\n` };
}

/** The project files the host's renderers write for the pack, moved into the plugin's folders. */
function hostFiles(input: ExportInput, layout: Layout, notes: ExportNote[]): ExportFile[] {
  const host = HOSTS[layout.host];
  const env: HostEnv = { scope: "project", home: "/home/user" };
  const r = renderAll(input.items, [host], env, input.skip, false);
  // An install's wording, for an export: the index block is not exported (Gemini inlines the rules instead).
  for (const n of r.notes)
    if (!/installed as an index entry/.test(n.message))
      notes.push({
        item: n.item,
        level: n.level,
        message: n.message.replace(/\binstalled as\b/, "exported as"),
      });
  // Where an install copies a plugin hook's scripts (render/hooks.ts hookScriptsDir): `.claude/hooks/<pack>`, …
  const scripts = `.${layout.host.split("-")[0]}/hooks/${input.pack.name}`;
  const out: ExportFile[] = [];
  const parts: Parts = { hooks: [], mcp: {}, context: [] };
  for (const d of r.desired) {
    if (d.type === "keys") {
      collectKeys(d, parts);
      continue;
    }
    if (d.type === "block") {
      collectBlock(d.path, d.content, layout, parts, notes, d.items);
      continue;
    }
    const moved = movePath(d.path, layout, scripts);
    if (moved === undefined) {
      if (d.path.startsWith(".agents/rules/") && layout.host === "gemini-cli")
        parts.context.push({ path: d.path, text: String(d.content) });
      if (d.path.startsWith(".agents/rules/") && layout.host === "gemini-cli")
        notes.push({
          item: d.items[0],
          level: "info",
          message: "rule inlined into the extension's GEMINI.md",
        });
      else notes.push(leftOut(d.path, d.items, host.displayName));
      continue;
    }
    // Without a variable for the plugin's folder its script hooks are left out (portHooks), and so are the scripts.
    if (moved.startsWith(`${HOOK_SCRIPTS}/`) && !layout.rootVar) continue;
    out.push({ path: moved, content: d.content, ...(d.executable ? { executable: true } : {}) });
  }
  if (!input.pack.author && layout.host === "claude-code")
    notes.push({
      level: "info",
      message:
        "no author in cadre-pack.yaml: `claude plugin validate --strict` fails on a plugin without one",
    });
  // How an install names the copied scripts (render/hooks.ts hookPlace): the project folder's variable, or `.`.
  const projectVar = { "claude-code": "$CLAUDE_PROJECT_DIR", "gemini-cli": "$GEMINI_PROJECT_DIR" } as const;
  const base = `${projectVar[layout.host as keyof typeof projectVar] ?? "."}/${scripts}`;
  const hooks = portHooks(parts.hooks, base, layout, notes);
  out.push(...formatFiles(input, layout, hooks, parts));
  return out;
}

interface Parts {
  /** Hook settings as key entries (`hooks.<Event>[selector]`), in the host's own form. */
  hooks: Array<{ key: string[]; value: unknown }>;
  /** MCP server name → the host's entry. */
  mcp: Record<string, unknown>;
  /** Gemini: the rules, inlined into the extension's context file. */
  context: Array<{ path: string; text: string }>;
  /** The rules' index lines (`- [name](path) (rule, when): description`). */
  index?: string;
}

function leftOut(path: string, items: readonly string[], hostName: string): ExportNote {
  return {
    item: items[0],
    level: "warning",
    message: `not exported: ${path} (${hostName}'s plugin format has no place for it)`,
  };
}

function movePath(path: string, layout: Layout, scripts: string): string | undefined {
  for (const [from, to] of layout.moves) if (path.startsWith(from)) return to + path.slice(from.length);
  if (path.startsWith(`${scripts}/`)) return `${HOOK_SCRIPTS}/${path.slice(scripts.length + 1)}`;
  return undefined;
}

function collectKeys(d: DesiredKeys, parts: Parts): void {
  for (const e of d.entries) {
    const [top, ...rest] = e.key;
    if (top === "hooks") parts.hooks.push({ key: rest, value: e.value });
    else if (top === "mcpServers" && rest.length === 1) parts.mcp[rest[0] as string] = e.value;
  }
}

/** Managed blocks: Codex's config.toml block holds its MCP tables and hooks; an instructions index lists rules. */
function collectBlock(
  path: string,
  content: string,
  layout: Layout,
  parts: Parts,
  notes: ExportNote[],
  items: readonly string[],
): void {
  if (path.endsWith(".toml")) {
    const t = parseToml(content) as {
      mcp_servers?: Record<string, unknown>;
      hooks?: Record<string, unknown[]>;
    };
    Object.assign(parts.mcp, t.mcp_servers ?? {});
    for (const [event, groups] of Object.entries(t.hooks ?? {}))
      for (const g of groups) parts.hooks.push({ key: [event, "[]"], value: g });
    return;
  }
  if (layout.host === "gemini-cli") {
    parts.index = content;
    return;
  }
  notes.push(leftOut(path, items, HOSTS[layout.host].displayName));
}

/** A key path's entries as the JSON object they describe; a `[selector]` last segment appends to an array. */
export function keysToObject(
  entries: ReadonlyArray<{ key: string[]; value: unknown }>,
): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const { key, value } of entries) {
    let node = root;
    for (const seg of key.slice(0, -1)) {
      node[seg] ??= {};
      node = node[seg] as Record<string, unknown>;
    }
    const last = key[key.length - 1] as string;
    if (last.startsWith("[") && last.endsWith("]")) {
      node.__list ??= [];
      (node.__list as unknown[]).push(value);
    } else node[last] = value;
  }
  return unlist(root) as Record<string, unknown>;
}

function unlist(v: unknown): unknown {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o))
    out[k] = x && typeof x === "object" && "__list" in x ? (x as { __list: unknown[] }).__list : unlist(x);
  return out;
}

/**
 * Hook entries with their copied scripts named from the plugin's own folder: the project path cadre
 * would install them at (`$CLAUDE_PROJECT_DIR/.claude/hooks/<pack>`) becomes `${CLAUDE_PLUGIN_ROOT}/hook-scripts`.
 * A format with no such variable cannot run them: those entries are left out.
 */
function portHooks(hooks: Parts["hooks"], base: string, layout: Layout, notes: ExportNote[]): Parts["hooks"] {
  const out: Parts["hooks"] = [];
  for (const h of hooks) {
    const text = JSON.stringify(h.value);
    const quoted = JSON.stringify(base).slice(1, -1);
    if (!text.includes(quoted)) {
      out.push(h);
      continue;
    }
    if (!layout.rootVar) {
      notes.push({
        level: "warning",
        message: `not exported: a ${h.key[0]} hook that runs the pack's scripts (${HOSTS[layout.host].displayName}'s plugin hooks have no variable for the plugin's folder)`,
      });
      continue;
    }
    out.push({ key: h.key, value: JSON.parse(text.split(quoted).join(`${layout.rootVar}/${HOOK_SCRIPTS}`)) });
  }
  return out;
}

/** The format's manifest, hooks file, MCP file and (Gemini) context file. */
function formatFiles(input: ExportInput, layout: Layout, hooks: Parts["hooks"], parts: Parts): ExportFile[] {
  const p = input.pack;
  const meta = {
    name: p.name,
    version: p.version ?? "0.1.0",
    ...(p.description ? { description: p.description } : {}),
  };
  const publisher = {
    ...(p.author ? { author: p.author } : {}),
    ...(p.homepage ? { homepage: p.homepage } : {}),
    ...(p.license ? { license: p.license } : {}),
  };
  const out: ExportFile[] = [{ path: "README.md", content: readme(input, layout) }];
  const hasHooks = hooks.length > 0;
  const hasMcp = Object.keys(parts.mcp).length > 0;
  const hooksJson = () => keysToObject(hooks.map((h) => ({ key: ["hooks", ...h.key], value: h.value })));
  switch (layout.host) {
    case "claude-code":
      out.push(json(".claude-plugin/plugin.json", { ...meta, ...publisher }));
      if (hasHooks) out.push(json("hooks/hooks.json", hooksJson()));
      if (hasMcp) out.push(json(".mcp.json", { mcpServers: parts.mcp }));
      break;
    case "gemini-cli": {
      const context = geminiContext(p, parts);
      out.push(
        json("gemini-extension.json", {
          ...meta,
          ...(context ? { contextFileName: "GEMINI.md" } : {}),
          ...(hasMcp ? { mcpServers: parts.mcp } : {}),
        }),
      );
      if (context) out.push({ path: "GEMINI.md", content: context });
      if (hasHooks) out.push(json("hooks/hooks.json", hooksJson()));
      break;
    }
    case "cursor":
      out.push(json(".cursor-plugin/plugin.json", { ...meta, ...publisher }));
      if (hasHooks) out.push(json("hooks/hooks.json", { version: 1, ...hooksJson() }));
      if (hasMcp) out.push(json("mcp.json", { mcpServers: parts.mcp }));
      break;
    default:
      out.push(
        json(".codex-plugin/plugin.json", {
          ...meta,
          ...publisher,
          skills: "./skills/",
          ...(hasMcp ? { mcpServers: "./.mcp.json" } : {}),
          ...(hasHooks ? { hooks: "./hooks/hooks.json" } : {}),
        }),
      );
      if (hasHooks) out.push(json("hooks/hooks.json", hooksJson()));
      if (hasMcp) out.push(json(".mcp.json", { mcpServers: parts.mcp }));
  }
  return out;
}

/**
 * Gemini's context file: the pack's rules, inlined (an extension's context file is loaded as it is, and the
 * model cannot follow a link into the extension's folder), each with the scope its index line gives it.
 */
function geminiContext(p: ExportPackInfo, parts: Parts): string | undefined {
  if (parts.context.length === 0) return undefined;
  const scopes = new Map<string, string>();
  for (const line of (parts.index ?? "").split("\n")) {
    const m = /^- \[[^\]]+\]\(([^)]+)\) \(rule, ([^)]*(?:\([^)]*\)[^)]*)*)\)/.exec(line);
    if (m) scopes.set(m[1] as string, m[2] as string);
  }
  const sections = parts.context
    .sort((a, b) => cmp(a.path, b.path))
    .map((r) => {
      const name = r.path.slice(r.path.lastIndexOf("/") + 1).replace(/\.md$/, "");
      const scope = scopes.get(r.path);
      const body = r.text.replace(/^---\n[\s\S]*?\n---\n/, "").trim();
      return `## ${name}\n\n${scope ? `(${scope})\n\n` : ""}${body}\n`;
    });
  return `# ${p.name}\n\n${p.description ? `${p.description}\n\n` : ""}${sections.join("\n")}`;
}

const INSTALL: Record<Layout["host"], (name: string) => string> = {
  "claude-code": (n) =>
    `/plugin install ${n} --marketplace <owner>/<repo>   # from the repository holding its marketplace\nclaude --plugin-dir <this folder>   # try it without installing`,
  "gemini-cli": () =>
    "gemini extensions install <git URL or folder>\ngemini extensions link <this folder>   # while developing",
  cursor: () => "Copy this folder to ~/.cursor/plugins/local/, or publish it through a Cursor marketplace.",
  codex: () => "codex plugin marketplace add <marketplace root>   then install it from /plugins",
};

/** The export's README: what the pack holds and how the host installs it (hosts and stores read it). */
function readme(input: ExportInput, layout: Layout): string {
  const p = input.pack;
  const host = HOSTS[layout.host];
  const lines = [`# ${p.name}`, "", p.description ?? `Agent content for ${host.displayName}.`, ""];
  lines.push(`A ${host.displayName} package exported by \`cadre export\` from the ${p.name} pack.`, "");
  lines.push("## Install", "", "```sh", INSTALL[layout.host](p.name), "```", "", "## Contents", "");
  for (const { item } of [...input.items].sort((a, b) => cmp(a.item.id, b.item.id)))
    lines.push(`- \`${item.id}\`: ${item.description.replace(/\s+/g, " ").trim()}`);
  return `${lines.join("\n")}\n`;
}

function marketplaceManifest(p: ExportPackInfo): unknown {
  return {
    name: `${p.name}-marketplace`,
    owner: p.author ?? { name: p.name },
    ...(p.description ? { description: p.description } : {}),
    plugins: [
      {
        name: p.name,
        source: `./plugins/${p.name}`,
        ...(p.description ? { description: p.description } : {}),
        version: p.version ?? "0.1.0",
      },
    ],
  };
}

/**
 * npm: the pack as it is (cadre renders it at install time), with a package.json whose `files` lists it and
 * whose `cadre` field marks it as a pack, so `cadre add npm:<name>` reads it. A pack's own package.json is
 * replaced, with a note.
 */
function npmFiles(input: ExportInput, notes: ExportNote[]): ExportFile[] {
  const out: ExportFile[] = [];
  const top = new Set<string>();
  for (const [path, content] of input.sources) {
    if (path === "package.json" || path === EXPORT_MANIFEST) {
      if (path === "package.json")
        notes.push({ level: "info", message: "the pack's package.json is replaced by the exported one" });
      continue;
    }
    out.push({ path, content, ...(input.executable?.has(path) ? { executable: true } : {}) });
    top.add(path.split("/")[0] as string);
  }
  const p = input.pack;
  const manifest = input.sources.has("cadre-pack.yaml") ? "cadre-pack.yaml" : undefined;
  out.push(
    json("package.json", {
      name: npmName(p.name),
      version: p.version ?? "0.1.0",
      ...(p.description ? { description: p.description } : {}),
      ...(p.license ? { license: p.license } : {}),
      ...(p.author ? { author: p.author } : {}),
      ...(p.homepage ? { homepage: p.homepage } : {}),
      keywords: ["cadre-pack", "agent-skills"],
      files: [...top].sort(cmp),
      cadre: { pack: p.name, ...(manifest ? { manifest } : {}), items: input.items.length },
    }),
  );
  return out;
}

/** An npm package name from a pack name: lowercase, only the characters npm allows. */
function npmName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^[._-]+/, "") || "cadre-pack"
  );
}

/** How an export differs from what `cadre export` would write now. */
export type DriftKind =
  | "source-changed"
  | "source-added"
  | "source-removed"
  | "renderer"
  | "edited"
  | "deleted"
  | "extra"
  | "stale";

export interface ExportDrift {
  path: string;
  kind: DriftKind;
}

/**
 * Compare an export on disk (path → sha256, or `link`) with its manifest and with a fresh plan: source files
 * changed since the export, files edited by hand, deleted or added, and files a fresh export would write
 * differently. Pure; empty when the export is exactly what `cadre export` writes now.
 */
export function exportDrift(
  plan: ExportPlan,
  previous: ExportManifest,
  disk: ReadonlyMap<string, string>,
): ExportDrift[] {
  const out: ExportDrift[] = [];
  const now = plan.manifest;
  const was = previous.sources ?? {};
  for (const [p, h] of Object.entries(now.sources))
    if (!(p in was)) out.push({ path: p, kind: "source-added" });
    else if (was[p] !== h) out.push({ path: p, kind: "source-changed" });
  for (const p of Object.keys(was)) if (!(p in now.sources)) out.push({ path: p, kind: "source-removed" });
  if (
    previous.renderer !== now.renderer ||
    previous.cadreExport !== now.cadreExport ||
    previous.target !== now.target
  )
    out.push({ path: EXPORT_MANIFEST, kind: "renderer" });
  const reported = new Set<string>();
  for (const [p, h] of Object.entries(previous.files ?? {})) {
    const d = disk.get(p);
    if (d === undefined) out.push({ path: p, kind: "deleted" });
    else if (d !== h) out.push({ path: p, kind: "edited" });
    else continue;
    reported.add(p);
  }
  for (const p of disk.keys())
    if (p !== EXPORT_MANIFEST && !(p in (previous.files ?? {}))) {
      out.push({ path: p, kind: "extra" });
      reported.add(p);
    }
  for (const [p, h] of Object.entries(now.files))
    if (!reported.has(p) && previous.files?.[p] !== h) out.push({ path: p, kind: "stale" });
  for (const p of Object.keys(previous.files ?? {}))
    if (!reported.has(p) && !(p in now.files)) out.push({ path: p, kind: "stale" });
  return out.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.path, b.path));
}

import { isRecord } from "../core/json.js";
import type { LayoutReason, PackLayout } from "./item.js";
import { DEFAULT_PATHS, type Kind } from "./kinds.js";

/** The host whose loader wrote a file's format: its leniency and its rule activation keys apply. */
export type SourceHost =
  | "claude"
  | "cursor"
  | "copilot"
  | "gemini"
  | "opencode"
  | "windsurf"
  | "cline"
  | "roo"
  | "kiro"
  | "codex";

/** A file that holds (or for hooks.json, several) items, found by layout rules. */
export interface Candidate {
  kind: Kind;
  path: string;
  /** Skills: the folder holding SKILL.md. */
  dir?: string;
  /** A category implied by the folder (agents/<category>/, expertise/<domain>/, templates/<category>/). */
  category?: string;
  /** The file is a Claude plugin hooks.json holding several hook items. */
  claudeHooks?: boolean;
  /** A plugin's `.mcp.json`, or its manifest with inline `mcpServers`: one MCP item per server. */
  mcpServers?: boolean;
  /** Found in a host's own layout (not a cadre-pack): loaded as leniently as that host loads it. */
  host?: SourceHost;
}

export interface Discovery {
  candidates: Candidate[];
  layouts: PackLayout[];
  reasons: LayoutReason[];
}

/** Reads a small pack file (a manifest) as text; undefined when absent or unreadable. */
export type ReadText = (path: string) => string | undefined;

const IGNORED_NAMES =
  /(^|\/)(README|readme|Readme|CHANGELOG|LICENSE|CONTRIBUTING|CODE_OF_CONDUCT|SECURITY|CLAUDE|AGENTS|GEMINI|CATALOG|INDEX)(\.[a-z]+)?$/;
const SKIP_DIRS = /(^|\/)(node_modules|\.git)(\/|$)/;
const MARKDOWN = /\.(md|markdown)$/i;

function under(path: string, folder: string): string | undefined {
  if (folder === "" || folder === ".") return path;
  return path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : undefined;
}

function join(a: string, b: string): string {
  const clean = b.replace(/^\.\//, "").replace(/\/+$/, "").replace(/^\.$/, "");
  return a === "" ? clean : clean === "" ? a : `${a}/${clean}`;
}

function skillsUnder(
  paths: readonly string[],
  folder: string,
  category?: (rest: string) => string | undefined,
) {
  const out: Candidate[] = [];
  for (const p of paths) {
    const rest = under(p, folder);
    if (rest === undefined || !rest.endsWith("/SKILL.md")) continue;
    const c: Candidate = { kind: "skill", path: p, dir: p.slice(0, -"/SKILL.md".length) };
    const cat = category?.(rest);
    if (cat) c.category = cat;
    out.push(c);
  }
  return out;
}

function markdownUnder(
  paths: readonly string[],
  folder: string,
  kind: Kind,
  categoryFromFolder: boolean,
  ext: RegExp = MARKDOWN,
) {
  const out: Candidate[] = [];
  for (const p of paths) {
    const rest = under(p, folder);
    if (rest === undefined || !ext.test(rest) || IGNORED_NAMES.test(rest)) continue;
    const c: Candidate = { kind, path: p };
    const slash = rest.indexOf("/");
    if (categoryFromFolder && slash > 0) c.category = rest.slice(0, slash);
    out.push(c);
  }
  return out;
}

function filesUnder(paths: readonly string[], folder: string, kind: Kind, pattern: RegExp, depth1: boolean) {
  return paths
    .filter((p) => {
      const rest = under(p, folder);
      return rest !== undefined && pattern.test(rest) && (!depth1 || !rest.includes("/"));
    })
    .map((p): Candidate => ({ kind, path: p }));
}

/** Candidates of a pack with a cadre-pack.yaml manifest. */
export function discoverManifestPack(paths: readonly string[], custom: Partial<Record<Kind, string>> = {}) {
  const dirs = { ...DEFAULT_PATHS, ...custom };
  const clean = paths.filter((p) => !SKIP_DIRS.test(p));
  return [
    ...skillsUnder(clean, dirs.skill).filter((c) => c.path !== join(dirs.skill, "SKILL.md")),
    ...markdownUnder(clean, dirs.agent, "agent", true),
    ...markdownUnder(clean, dirs.command, "command", false),
    ...markdownUnder(clean, dirs.rule, "rule", false),
    ...markdownUnder(clean, dirs.expertise, "expertise", true),
    ...markdownUnder(clean, dirs.template, "template", false),
    ...filesUnder(clean, dirs.hook, "hook", /\.ya?ml$/, true),
    ...filesUnder(clean, dirs.mcp, "mcp", /\.ya?ml$/, true),
    ...filesUnder(clean, dirs.schema, "schema", /\.json$/, false),
    ...filesUnder(clean, dirs.profile, "profile", /\.ya?ml$/, true),
    ...filesUnder(clean, dirs.workflow, "workflow", /\.ya?ml$/, true),
  ];
}

/**
 * Host folders found anywhere in a repo: `<prefix>/<folder>/…` with the files the host reads there.
 * Data, so `--explain` can name the entry that matched.
 */
export const HOST_FOLDERS: ReadonlyArray<{ folder: string; kind: Kind; host: SourceHost; ext?: RegExp }> = [
  { folder: ".claude/skills", kind: "skill", host: "claude" },
  { folder: ".agents/skills", kind: "skill", host: "codex" },
  { folder: ".codex/skills", kind: "skill", host: "codex" },
  { folder: ".cursor/skills", kind: "skill", host: "cursor" },
  { folder: ".gemini/skills", kind: "skill", host: "gemini" },
  { folder: ".github/skills", kind: "skill", host: "copilot" },
  { folder: ".opencode/skills", kind: "skill", host: "opencode" },
  { folder: ".opencode/skill", kind: "skill", host: "opencode" },
  { folder: ".windsurf/skills", kind: "skill", host: "windsurf" },
  { folder: ".cline/skills", kind: "skill", host: "cline" },
  { folder: ".clinerules/skills", kind: "skill", host: "cline" },
  { folder: ".roo/skills", kind: "skill", host: "roo" },
  { folder: ".kiro/skills", kind: "skill", host: "kiro" },
  { folder: ".claude/agents", kind: "agent", host: "claude" },
  { folder: ".cursor/agents", kind: "agent", host: "cursor" },
  { folder: ".gemini/agents", kind: "agent", host: "gemini" },
  { folder: ".github/agents", kind: "agent", host: "copilot" },
  { folder: ".opencode/agents", kind: "agent", host: "opencode" },
  { folder: ".opencode/agent", kind: "agent", host: "opencode" },
  { folder: ".kiro/agents", kind: "agent", host: "kiro", ext: MARKDOWN },
  { folder: ".codex/agents", kind: "agent", host: "codex", ext: /\.toml$/i },
  { folder: ".claude/commands", kind: "command", host: "claude" },
  { folder: ".cursor/commands", kind: "command", host: "cursor" },
  { folder: ".gemini/commands", kind: "command", host: "gemini", ext: /\.toml$/i },
  { folder: ".github/prompts", kind: "command", host: "copilot", ext: /\.prompt\.md$/i },
  { folder: ".opencode/commands", kind: "command", host: "opencode" },
  { folder: ".opencode/command", kind: "command", host: "opencode" },
  { folder: ".windsurf/workflows", kind: "command", host: "windsurf" },
  { folder: ".clinerules/workflows", kind: "command", host: "cline" },
  { folder: ".cline/workflows", kind: "command", host: "cline" },
  { folder: ".roo/commands", kind: "command", host: "roo" },
  { folder: ".claude/rules", kind: "rule", host: "claude" },
  { folder: ".cursor/rules", kind: "rule", host: "cursor", ext: /\.(mdc|md)$/i },
  { folder: ".github/instructions", kind: "rule", host: "copilot", ext: /\.instructions\.md$/i },
  { folder: ".windsurf/rules", kind: "rule", host: "windsurf" },
  { folder: ".devin/rules", kind: "rule", host: "windsurf" },
  { folder: ".roo/rules", kind: "rule", host: "roo" },
  { folder: ".kiro/steering", kind: "rule", host: "kiro" },
  { folder: ".cline/rules", kind: "rule", host: "cline" },
  { folder: ".clinerules", kind: "rule", host: "cline" },
];

/** A plugin-like folder: a Claude plugin, a Cursor plugin or a Gemini extension. */
interface PluginRoot {
  root: string;
  name: string;
  layout: PackLayout;
  host: SourceHost;
  /** plugin.json (or the marketplace entry): component paths beside the default folders. */
  manifest: Record<string, unknown>;
  rule: string;
  /** The file that made this folder a plugin. */
  via: string;
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function listOf(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

const PLUGIN_MANIFESTS: ReadonlyArray<{ file: string; layout: PackLayout; host: SourceHost }> = [
  { file: ".claude-plugin/plugin.json", layout: "claude-plugin", host: "claude" },
  { file: ".cursor-plugin/plugin.json", layout: "cursor-plugin", host: "cursor" },
  { file: "gemini-extension.json", layout: "gemini-extension", host: "gemini" },
];

/** Plugin folders: the local sources of marketplace.json, then every folder holding a plugin manifest. */
function pluginRoots(paths: readonly string[], read: ReadText, reasons: LayoutReason[]): PluginRoot[] {
  const roots = new Map<string, PluginRoot>();
  const set = new Set(paths);
  for (const mk of [".claude-plugin/marketplace.json", ".cursor-plugin/marketplace.json"]) {
    const m = parseObject(set.has(mk) ? read(mk) : undefined);
    if (!m) continue;
    const base = listOf((m.metadata as Record<string, unknown> | undefined)?.pluginRoot)[0] ?? "";
    let remote = 0;
    for (const e of Array.isArray(m.plugins) ? m.plugins : []) {
      const entry = (e ?? {}) as Record<string, unknown>;
      if (typeof entry.source !== "string") {
        remote++;
        continue;
      }
      const src = entry.source.startsWith("./") ? entry.source : join(base, entry.source);
      const root = join("", src);
      if (root.startsWith("..") || roots.has(root)) continue;
      const host = mk.startsWith(".cursor") ? "cursor" : "claude";
      const pj = parseObject(read(join(root, `.${host}-plugin/plugin.json`))) ?? {};
      roots.set(root, {
        root,
        name: typeof entry.name === "string" ? entry.name : (root.split("/").pop() ?? root),
        layout: host === "cursor" ? "cursor-plugin" : "claude-marketplace",
        host,
        manifest: { ...entry, ...pj },
        rule: "marketplace.json plugins[].source",
        via: mk,
      });
    }
    if (remote > 0)
      reasons.push({
        layout: "claude-marketplace",
        rule: "marketplace.json plugins[].source",
        path: mk,
        items: 0,
        note: `${remote} plugin(s) have a remote source (git, GitHub, npm) and are not in this folder`,
      });
  }
  for (const p of paths)
    for (const pm of PLUGIN_MANIFESTS) {
      if (p !== pm.file && !p.endsWith(`/${pm.file}`)) continue;
      const root = p === pm.file ? "" : p.slice(0, -pm.file.length - 1);
      if (roots.has(root)) continue;
      const manifest = parseObject(read(p));
      if (!manifest)
        reasons.push({
          layout: pm.layout,
          rule: pm.file,
          path: p,
          items: 0,
          note: "does not parse as a JSON object: only the default folders were read (see `cadre lint`)",
        });
      roots.set(root, {
        root,
        name: typeof manifest?.name === "string" ? manifest.name : (root.split("/").pop() ?? ""),
        layout: pm.layout,
        host: pm.host,
        manifest: manifest ?? {},
        rule: pm.file,
        via: p,
      });
    }
  return [...roots.values()].sort((a, b) => a.root.localeCompare(b.root));
}

/** One plugin's items: its default folders plus the files and folders its manifest lists. */
function pluginCandidates(paths: readonly string[], pl: PluginRoot): Candidate[] {
  const out: Candidate[] = [];
  const isGemini = pl.layout === "gemini-extension";
  const entries = (key: string, fallback: string) => [fallback, ...listOf(pl.manifest[key])];
  for (const e of entries("skills", "skills")) {
    const at = join(pl.root, e);
    if (paths.includes(`${at}/SKILL.md`)) out.push({ kind: "skill", path: `${at}/SKILL.md`, dir: at });
    else
      out.push(
        ...skillsUnder(paths, at).filter((c) => c.dir?.split("/").length === at.split("/").length + 1),
      );
  }
  for (const [key, kind] of [
    ["agents", "agent"],
    ["commands", "command"],
  ] as const) {
    const ext = kind === "command" && isGemini ? /\.toml$/i : MARKDOWN;
    for (const e of entries(key, key)) {
      const at = join(pl.root, e);
      if (ext.test(at) && paths.includes(at)) out.push({ kind, path: at });
      else out.push(...markdownUnder(paths, at, kind, false, ext));
    }
  }
  if (pl.layout === "cursor-plugin")
    out.push(...markdownUnder(paths, join(pl.root, "rules"), "rule", false, /\.mdc?$/i));
  const hooks = [
    join(pl.root, "hooks/hooks.json"),
    ...listOf(pl.manifest.hooks).map((h) => join(pl.root, h)),
  ];
  for (const h of hooks) if (paths.includes(h)) out.push({ kind: "hook", path: h, claudeHooks: true });
  out.push(...pluginMcpCandidates(paths, pl));
  for (const c of out) {
    c.host = pl.host;
    if (pl.root !== "" && pl.name) c.category = pl.name;
  }
  return out;
}

/**
 * A plugin's MCP servers: `<root>/.mcp.json`, the files its manifest's `mcpServers` names, or the manifest
 * itself when `mcpServers` is an inline object (plugin.json, gemini-extension.json).
 */
function pluginMcpCandidates(paths: readonly string[], pl: PluginRoot): Candidate[] {
  const files = [join(pl.root, ".mcp.json"), ...listOf(pl.manifest.mcpServers).map((f) => join(pl.root, f))];
  const declared = pl.manifest.mcpServers;
  if (declared && typeof declared === "object" && !Array.isArray(declared)) {
    const own = pl.layout === "gemini-extension" ? pl.via : join(pl.root, `.${pl.host}-plugin/plugin.json`);
    files.push(own);
  }
  return [...new Set(files)]
    .filter((f) => paths.includes(f))
    .map((path): Candidate => ({ kind: "mcp", path, mcpServers: true }));
}

function hostFolderCandidates(paths: readonly string[]) {
  const out: Array<{ folder: string; kind: Kind; host: SourceHost; list: Candidate[] }> = [];
  for (const hf of HOST_FOLDERS) {
    const prefixes = new Set<string>();
    for (const p of paths) {
      const i = p === hf.folder || p.startsWith(`${hf.folder}/`) ? 0 : p.indexOf(`/${hf.folder}/`);
      if (i === 0) prefixes.add("");
      else if (i > 0) prefixes.add(p.slice(0, i));
    }
    for (const prefix of prefixes) {
      const at = join(prefix, hf.folder);
      const list =
        hf.kind === "skill"
          ? skillsUnder(paths, at).filter((c) => c.dir?.split("/").length === at.split("/").length + 1)
          : markdownUnder(paths, at, hf.kind, false, hf.ext ?? MARKDOWN).filter(
              (c) => hf.folder !== ".clinerules" || !c.path.slice(at.length + 1).includes("/"),
            );
      for (const c of list) c.host = hf.host;
      out.push({ folder: at, kind: hf.kind, host: hf.host, list });
    }
  }
  return out;
}

/** Candidates of a folder without a manifest, by the conventions of known layouts, with the reasons. */
export function discoverConventional(paths: readonly string[], read: ReadText = () => undefined): Discovery {
  const clean = paths.filter((p) => !SKIP_DIRS.test(p));
  const reasons: LayoutReason[] = [];
  const candidates: Candidate[] = [];
  const claimed = new Set<string>();
  const add = (layout: PackLayout, rule: string, path: string, list: Candidate[], note?: string) => {
    const fresh = list.filter((c) => !claimed.has(c.path) && claimed.add(c.path));
    candidates.push(...fresh);
    if (fresh.length > 0 || note)
      reasons.push({ layout, rule, path, items: fresh.length, ...(note ? { note } : {}) });
  };

  const plugins = pluginRoots(clean, read, reasons);
  for (const pl of plugins)
    add(pl.layout, pl.rule, pl.root === "" ? pl.via : pl.root, pluginCandidates(clean, pl));
  for (const hf of hostFolderCandidates(clean))
    add(
      hf.kind === "skill" ? "agent-skills" : "host-folders",
      `${hf.host} ${hf.kind} folder`,
      hf.folder,
      hf.list,
    );

  if (clean.includes("SKILL.md"))
    add("agent-skills", "SKILL.md at the root", "", [{ kind: "skill", path: "SKILL.md", dir: "" }]);
  add("agent-skills", "skills/<skill>/SKILL.md", "skills", skillsUnder(clean, "skills"));
  // agents/*.md (plugins) and agents/<category>/*.md (blue-gardener catalogs)
  const agents = markdownUnder(clean, "agents", "agent", true);
  const blue = agents.some((a) => a.category);
  add(
    blue ? "blue-gardener" : "claude-plugin",
    blue ? "agents/<category>/*.md" : "agents/*.md",
    "agents",
    agents,
  );
  add("claude-plugin", "commands/*.md", "commands", markdownUnder(clean, "commands", "command", false));
  add(
    "categories",
    "categories/<category>/*.md",
    "categories",
    markdownUnder(clean, "categories", "agent", true).filter((c) => c.category),
  );
  for (const f of ["tools", "workflows"])
    add("command-collection", `${f}/*.md`, f, markdownUnder(clean, f, "command", false));
  add(
    "skillset",
    "templates/<category>/<skill>/SKILL.md",
    "templates",
    skillsUnder(clean, "templates", (rest) =>
      rest.split("/").length === 3 ? rest.split("/")[0] : undefined,
    ),
  );
  const mdc = clean
    .filter((p) => /\.mdc$/i.test(p) && !claimed.has(p))
    .map((p): Candidate => ({ kind: "rule", path: p, host: "cursor" }));
  for (const folder of new Set(mdc.map((c) => c.path.slice(0, Math.max(0, c.path.lastIndexOf("/"))))))
    add(
      "cursor-rules",
      "*.mdc (Cursor rules)",
      folder,
      mdc.filter((c) => c.path.slice(0, Math.max(0, c.path.lastIndexOf("/"))) === folder),
    );
  anySkillFolder(clean, claimed, add);
  return dropInsideSkills(candidates, reasons);
}

/** Any other SKILL.md: a plain folder of skill folders (~/.claude/skills) or <category>/<skill>/SKILL.md. */
function anySkillFolder(
  paths: readonly string[],
  claimed: ReadonlySet<string>,
  add: (layout: PackLayout, rule: string, path: string, list: Candidate[]) => void,
) {
  const rest = paths.filter((p) => p.endsWith("/SKILL.md") && !claimed.has(p));
  const flat = rest.filter((p) => p.split("/").length === 2);
  add(
    "skill-folders",
    "<skill>/SKILL.md",
    "",
    flat.map((p) => ({ kind: "skill", path: p, dir: p.slice(0, -9) })),
  );
  const byParent = new Map<string, Candidate[]>();
  for (const p of rest.filter((x) => x.split("/").length > 2)) {
    const dir = p.slice(0, -9);
    const parent = dir.slice(0, dir.lastIndexOf("/"));
    const c: Candidate = { kind: "skill", path: p, dir, category: parent.split("/").pop() ?? parent };
    byParent.set(parent, [...(byParent.get(parent) ?? []), c]);
  }
  for (const [parent, list] of byParent) add("skill-folders", "<category>/<skill>/SKILL.md", parent, list);
}

/** A skill's own files (scripts, references, example agents) are never items of their own. */
function dropInsideSkills(candidates: Candidate[], reasons: LayoutReason[]): Discovery {
  const dirs = candidates.filter((c) => c.kind === "skill" && c.dir).map((c) => c.dir as string);
  const kept = candidates.filter((c) => c.kind === "skill" || !dirs.some((d) => c.path.startsWith(`${d}/`)));
  const dropped = candidates.length - kept.length;
  if (dropped > 0)
    reasons.push({
      layout: "convention",
      rule: "files inside a skill folder belong to the skill",
      path: "",
      items: 0,
      note: `${dropped} Markdown file(s) inside skill folders were not loaded as items of their own`,
    });
  const used = new Set(reasons.filter((r) => r.items > 0).map((r) => r.layout));
  for (const c of kept) if (!c.host) c.host = "claude";
  return { candidates: kept, layouts: [...used], reasons };
}

/** Files that belong to a skill folder: everything under it except other skills' folders. */
export function skillFiles(paths: readonly string[], dir: string, otherDirs: readonly string[]): string[] {
  const nested = otherDirs.filter((d) => d !== dir && (dir === "" || d.startsWith(`${dir}/`)));
  return paths.filter((p) => {
    if (dir !== "" && !p.startsWith(`${dir}/`)) return false;
    if (SKIP_DIRS.test(p)) return false;
    return !nested.some((d) => p.startsWith(`${d}/`));
  });
}

/** What to tell the user when a folder holds nothing cadre recognises. */
export const LAYOUTS_HINT =
  "cadre reads cadre-pack.yaml; Claude plugins and marketplaces (.claude-plugin/); skills/<name>/SKILL.md or any " +
  "<name>/SKILL.md; agents/*.md; commands/*.md; categories/<category>/*.md; tools/*.md and workflows/*.md; *.mdc " +
  "Cursor rules; host folders (.claude/, .cursor/rules, .github/agents, .gemini/commands, .opencode/agents, …); " +
  "gemini-extension.json. Run `cadre info --source <dir>` to see what matched";

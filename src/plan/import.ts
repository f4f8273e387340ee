import { isMap, isScalar, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import { ErrorCodes, UserError } from "../core/errors.js";
import { isRecord, parseJson } from "../core/json.js";
import { fileNameProblem } from "../core/names.js";
import type { Kind } from "../model/kinds.js";

/**
 * `cadre import`, the pure part: which of a project's host files become a local pack, so that cadre installs
 * them again byte for byte (and so adopts them instead of reporting conflicts). The pack mirrors the host
 * folders (`.claude/agents/x.md` in the pack for `.claude/agents/x.md` in the project): cadre reads a host's
 * own folder as leniently as the host does and, installing an item at the very path it came from, keeps its
 * bytes (render/compose.ts). MCP servers and Claude Code hooks go into a Claude plugin folder inside the pack
 * (`settings/`), whose `.mcp.json` and `hooks/hooks.json` cadre already reads; they are compared by value.
 */

/** What wrote a file: the tool whose install state names it, or the user. */
export type ImportOrigin = "blue-gardener" | "skillset" | "hand-written";

/** A project file as the app read it (never through a symbolic link). */
export interface ProjectFile {
  path: string;
  content: Uint8Array;
  executable?: boolean;
}

export interface ImportInput {
  /** Files under the scanned folders, `.mcp.json`, `.claude/settings.json`, blue-gardener's manifest, AGENTS.md. */
  files: readonly ProjectFile[];
  /** Paths that are symbolic links (not read). */
  links?: readonly string[];
  /** Paths cadre.lock already owns. */
  owned?: ReadonlySet<string>;
  /** The first secret in a text (`file:line: what`), or undefined: such content is never copied into the pack. */
  secret?: (path: string, text: string) => string | undefined;
}

/** One thing imported: a file (or a skill folder), an MCP server or a hook group. */
export interface ImportEntry {
  /** Project path: the file, the skill folder, or `<config>#<key>` for a server or a hook group. */
  path: string;
  host: string;
  kind: Kind;
  origin: ImportOrigin;
  /** The same file, byte for byte, imported first at this path (one item installs both). */
  twinOf?: string;
}

export interface ImportPlan {
  /** Pack-relative path → content (and exec bit) of every file the pack gets. */
  files: Array<{ path: string; content: Uint8Array; executable?: boolean }>;
  entries: ImportEntry[];
  /** Found but not imported, each with why. */
  skipped: Array<{ path: string; reason: string }>;
  /** Hosts the imported content belongs to. */
  hosts: string[];
}

/** Folders cadre installs into, per host, with the files it writes there (skills: `<name>/…`). */
export const IMPORT_FOLDERS: ReadonlyArray<{ folder: string; host: string; kind: Kind; file?: RegExp }> = [
  { folder: ".claude/agents", host: "claude-code", kind: "agent", file: /^[^/]+\.md$/ },
  { folder: ".claude/commands", host: "claude-code", kind: "command", file: /^[^/]+\.md$/ },
  { folder: ".claude/rules", host: "claude-code", kind: "rule", file: /^[^/]+\.md$/ },
  { folder: ".claude/skills", host: "claude-code", kind: "skill" },
  { folder: ".cursor/agents", host: "cursor", kind: "agent", file: /^[^/]+\.md$/ },
  { folder: ".cursor/commands", host: "cursor", kind: "command", file: /^[^/]+\.md$/ },
  { folder: ".cursor/rules", host: "cursor", kind: "rule", file: /^[^/]+\.mdc$/ },
  { folder: ".cursor/skills", host: "cursor", kind: "skill" },
  { folder: ".github/instructions", host: "copilot", kind: "rule", file: /^[^/]+\.instructions\.md$/ },
  { folder: ".github/skills", host: "copilot", kind: "skill" },
  { folder: ".opencode/agents", host: "opencode", kind: "agent", file: /^[^/]+\.md$/ },
];

export const BLUE_MANIFEST = ".cursor/agents/.blue-generated-manifest.json";
export const MCP_FILE = ".mcp.json";
export const CLAUDE_SETTINGS = ".claude/settings.json";
/** The Claude plugin folder inside the pack that holds imported MCP servers and hooks. */
export const SETTINGS_PLUGIN = "settings";

/** blue-gardener's platforms → the cadre host and folder its agents were copied to verbatim. */
const BLUE_PLATFORMS: Record<string, { host: string; folder: string } | string> = {
  cursor: { host: "cursor", folder: ".cursor/agents" },
  "claude-desktop": { host: "claude-code", folder: ".claude/agents" },
  opencode: { host: "opencode", folder: ".opencode/agents" },
  codex: "blue-gardener rewrote its agents into AGENTS.md (one file for all agents)",
  "github-copilot": "blue-gardener rewrote its agents into .github/copilot-instructions.md",
  windsurf: "blue-gardener rewrote its agents as .windsurf/rules with new headings",
};

export interface BlueManifest {
  platforms: string[];
  agents: string[];
}

/**
 * blue-gardener's `.cursor/agents/.blue-generated-manifest.json`: `platforms` (a list), or the older single
 * `platform`, and `agents` (name → version). Anything else is an error naming the file and line.
 */
export function parseBlueManifest(text: string, where = BLUE_MANIFEST): BlueManifest {
  const bad = (msg: string, line = 1) =>
    new UserError(
      ErrorCodes.parse,
      `${where}:${line}: ${msg}`,
      "fix the file (or run `npx blue-gardener repair`), or move it away to import the agents as hand-written files",
    );
  const r = parseJson(text.replace(/^\uFEFF/, ""));
  if (!r.ok) throw bad(`not valid JSON: ${r.message}`, r.line);
  const v = r.value;
  if (!isRecord(v)) throw bad("expected a JSON object");
  const lineOf = (key: string) => {
    const i = text.indexOf(`"${key}"`);
    return i < 0 ? 1 : text.slice(0, i).split("\n").length;
  };
  const list = v.platforms ?? (v.platform === undefined ? [] : [v.platform]);
  const key = v.platforms !== undefined ? "platforms" : "platform";
  if (!Array.isArray(list) || list.some((p) => typeof p !== "string"))
    throw bad(`"${key}" must be a platform name or a list of them`, lineOf(key));
  if (v.agents !== undefined && !isRecord(v.agents))
    throw bad('"agents" must be an object of agent names', lineOf("agents"));
  const agents = Object.keys((v.agents as Record<string, unknown> | undefined) ?? {});
  const unsafe = agents.find((a) => fileNameProblem(a) !== undefined);
  if (unsafe !== undefined)
    throw bad(`agent name ${JSON.stringify(unsafe)} is not a file name`, lineOf(unsafe));
  return { platforms: [...new Set(list as string[])], agents };
}

/** Plan an import: what each found file becomes, or why it stays as it is. Pure. */
export function planImport(input: ImportInput): ImportPlan {
  const byPath = new Map(input.files.map((f) => [f.path, f]));
  const owned = input.owned ?? new Set<string>();
  const out: ImportPlan = { files: [], entries: [], skipped: [], hosts: [] };
  for (const l of input.links ?? [])
    out.skipped.push({ path: l, reason: "a symbolic link; cadre does not follow links it did not make" });
  const blue = blueOrigins(byPath, out);
  const skillset = skillsetFolders(byPath);
  /** kind:name → the first path imported under it (cadre installs one item per name). */
  const names = new Map<string, { path: string; content: Uint8Array }>();
  for (const f of IMPORT_FOLDERS) {
    const prefix = `${f.folder}/`;
    const under = input.files.filter((x) => x.path.startsWith(prefix));
    const units = f.kind === "skill" ? skillUnits(under, prefix, out) : fileUnits(under, prefix, f.file, out);
    for (const u of units) {
      const origin: ImportOrigin = blue.has(u.main)
        ? "blue-gardener"
        : skillset.has(f.folder)
          ? "skillset"
          : "hand-written";
      const where = f.kind === "skill" ? u.main.slice(0, -"/SKILL.md".length) : u.main;
      if (u.files.some((p) => owned.has(p))) continue;
      const main = byPath.get(u.main) as ProjectFile;
      const leak = u.files.map((p) => secretOf(input, p, byPath.get(p)?.content)).find(Boolean);
      if (leak) {
        out.skipped.push({ path: where, reason: leakReason(leak) });
        continue;
      }
      const key = `${f.kind}:${u.name}`;
      const first = names.get(key);
      if (first && !sameBytes(first.content, main.content)) {
        out.skipped.push({
          path: where,
          reason: `another ${f.kind} named ${u.name} (${first.path}) is imported, with other content; cadre installs one ${f.kind} per name`,
        });
        continue;
      }
      names.set(key, first ?? { path: where, content: main.content });
      const twin = first ? { twinOf: first.path } : {};
      for (const p of u.files) {
        const file = byPath.get(p) as ProjectFile;
        out.files.push({ path: p, content: file.content, ...(file.executable ? { executable: true } : {}) });
      }
      out.entries.push({ path: where, host: f.host, kind: f.kind, origin, ...twin });
    }
  }
  configEntries(byPath, owned, out, input);
  if (byPath.has("AGENTS.md") && !owned.has("AGENTS.md"))
    out.skipped.push({
      path: "AGENTS.md",
      reason:
        "hand-written sections stay yours: cadre only ever adds or updates its own marked block there, so it is not imported",
    });
  out.hosts = [...new Set(out.entries.map((e) => e.host))].sort();
  out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

interface Unit {
  name: string;
  main: string;
  files: string[];
}

function fileUnits(
  under: readonly ProjectFile[],
  prefix: string,
  pattern: RegExp | undefined,
  out: ImportPlan,
): Unit[] {
  const units: Unit[] = [];
  for (const f of under) {
    const rest = f.path.slice(prefix.length);
    if (rest.startsWith(".blue-generated-manifest")) continue;
    if (!pattern?.test(rest)) {
      out.skipped.push({ path: f.path, reason: notInstalledHere(prefix, rest) });
      continue;
    }
    const name = rest.replace(/(\.instructions)?\.(md|mdc)$/, "");
    units.push({ name, main: f.path, files: [f.path] });
  }
  return units;
}

function notInstalledHere(prefix: string, rest: string): string {
  if (rest.includes("/")) return `cadre installs files directly in ${prefix.slice(0, -1)}, not in subfolders`;
  return `not a file cadre installs in ${prefix.slice(0, -1)}`;
}

/** Skill folders `<prefix><name>/SKILL.md` with every file under them. */
function skillUnits(under: readonly ProjectFile[], prefix: string, out: ImportPlan): Unit[] {
  const units = new Map<string, Unit>();
  for (const f of under) {
    const rest = f.path.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash < 0) continue;
    const name = rest.slice(0, slash);
    const u = units.get(name) ?? { name, main: `${prefix}${name}/SKILL.md`, files: [] };
    u.files.push(f.path);
    units.set(name, u);
  }
  const found = [...units.values()];
  for (const u of found.filter((x) => !x.files.includes(x.main)))
    out.skipped.push({ path: `${prefix}${u.name}`, reason: "no SKILL.md: not a skill folder" });
  for (const f of under.filter((x) => !x.path.slice(prefix.length).includes("/")))
    out.skipped.push({
      path: f.path,
      reason: "a file beside the skill folders (skillset's README/INDEX); cadre does not install it",
    });
  return found.filter((u) => u.files.includes(u.main));
}

/** The files blue-gardener's manifest accounts for; its platforms cadre cannot reproduce are reported. */
function blueOrigins(byPath: ReadonlyMap<string, ProjectFile>, out: ImportPlan): Set<string> {
  const m = byPath.get(BLUE_MANIFEST);
  const mine = new Set<string>();
  if (!m) return mine;
  const manifest = parseBlueManifest(new TextDecoder().decode(m.content));
  for (const p of manifest.platforms) {
    const place = BLUE_PLATFORMS[p];
    if (place === undefined) {
      out.skipped.push({ path: BLUE_MANIFEST, reason: `unknown blue-gardener platform "${p}"; ignored` });
      continue;
    }
    if (typeof place === "string") {
      out.skipped.push({ path: BLUE_MANIFEST, reason: `platform ${p}: ${place}; left as it is` });
      continue;
    }
    for (const a of manifest.agents) {
      const path = `${place.folder}/${a}.md`;
      if (byPath.has(path)) mine.add(path);
      else out.skipped.push({ path, reason: `listed in ${BLUE_MANIFEST} but missing` });
    }
  }
  return mine;
}

/** Skill folders skillset generated: it writes a README.md saying so beside the skills. */
function skillsetFolders(byPath: ReadonlyMap<string, ProjectFile>): Set<string> {
  const out = new Set<string>();
  for (const f of IMPORT_FOLDERS.filter((x) => x.kind === "skill")) {
    const readme = byPath.get(`${f.folder}/README.md`);
    if (readme && /Generated by SkillSet/i.test(new TextDecoder().decode(readme.content))) out.add(f.folder);
  }
  return out;
}

/** `.mcp.json` servers and `.claude/settings.json` hooks, as a Claude plugin folder of the pack. */
function configEntries(
  byPath: ReadonlyMap<string, ProjectFile>,
  owned: ReadonlySet<string>,
  out: ImportPlan,
  input: ImportInput,
) {
  const plugin = (rel: string) => `${SETTINGS_PLUGIN}/${rel}`;
  let any = false;
  const mcp = byPath.get(MCP_FILE);
  const found = mcp && !owned.has(MCP_FILE) ? objectAt(mcp, ["mcpServers"], out) : undefined;
  const servers = found && withoutSecrets(found, MCP_FILE, input, out);
  if (servers && Object.keys(servers).length) {
    any = true;
    out.files.push({ path: plugin(".mcp.json"), content: jsonBytes({ mcpServers: servers }) });
    for (const name of Object.keys(servers))
      out.entries.push({
        path: `${MCP_FILE}#${name}`,
        host: "claude-code",
        kind: "mcp",
        origin: "hand-written",
      });
  }
  const settings = byPath.get(CLAUDE_SETTINGS);
  const allHooks = settings && !owned.has(CLAUDE_SETTINGS) ? objectAt(settings, ["hooks"], out) : undefined;
  const hooks = allHooks && withoutSecrets(allHooks, CLAUDE_SETTINGS, input, out);
  if (hooks && Object.keys(hooks).length) {
    any = true;
    out.files.push({ path: plugin("hooks/hooks.json"), content: jsonBytes({ hooks }) });
    for (const event of Object.keys(hooks))
      out.entries.push({
        path: `${CLAUDE_SETTINGS}#${event}`,
        host: "claude-code",
        kind: "hook",
        origin: "hand-written",
      });
  }
  if (any)
    out.files.push({
      path: plugin(".claude-plugin/plugin.json"),
      content: jsonBytes({
        name: SETTINGS_PLUGIN,
        description: "MCP servers and hooks imported from the project's own config",
      }),
    });
}

function secretOf(input: ImportInput, path: string, content: Uint8Array | undefined): string | undefined {
  if (!input.secret || !content) return undefined;
  return input.secret(path, new TextDecoder().decode(content));
}

function leakReason(leak: string): string {
  return `${leak}: looks like a secret, so it is not copied into the pack (move it to an environment variable, \${VAR}, and rotate it)`;
}

/** The entries of a config object (servers, hook events) without the ones holding a secret. */
function withoutSecrets(
  obj: Record<string, unknown>,
  file: string,
  input: ImportInput,
  out: ImportPlan,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const leak = input.secret?.(`${file}#${k}`, JSON.stringify(v, null, 2));
    if (leak) out.skipped.push({ path: `${file}#${k}`, reason: leakReason(leak) });
    else kept[k] = v;
  }
  return kept;
}

function objectAt(f: ProjectFile, key: string[], out: ImportPlan): Record<string, unknown> | undefined {
  const text = new TextDecoder().decode(f.content).replace(/^\uFEFF/, "");
  const r = parseJson(text);
  if (!r.ok) {
    out.skipped.push({ path: `${f.path}:${r.line}`, reason: `not valid JSON (${r.message}); not imported` });
    return undefined;
  }
  let v: unknown = r.value;
  for (const k of key) v = isRecord(v) ? v[k] : undefined;
  if (v === undefined) return undefined;
  if (!isRecord(v)) {
    out.skipped.push({ path: f.path, reason: `"${key.join(".")}" is not an object; not imported` });
    return undefined;
  }
  return v;
}

function jsonBytes(v: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(v, null, 2)}\n`);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A loaded item of the import pack: its qualified id, kind, name and pack-relative main file. */
export interface PackItem {
  qid: string;
  kind: Kind;
  name: string;
  path: string;
}

/**
 * Which pack items each imported entry became, per host (for cadre.yaml `overrides.<host>.include`), and the
 * entries that became no item (cadre did not load the file as one: lint says why). Pure.
 */
export function assignItems(entries: readonly ImportEntry[], items: readonly PackItem[]) {
  const byHost = new Map<string, Set<string>>();
  const unmatched: ImportEntry[] = [];
  const matches = new Map<ImportEntry, string[]>();
  const settings = `${SETTINGS_PLUGIN}/`;
  for (const e of entries) {
    const [file, key] = e.path.split("#") as [string, string | undefined];
    const main = (p: string) => (e.kind === "skill" ? `${p}/SKILL.md` : p);
    const hits = items.filter((i) =>
      key === undefined
        ? i.kind === e.kind && (i.path === main(file) || i.path === main(e.twinOf ?? ""))
        : i.path.startsWith(settings) &&
          i.kind === e.kind &&
          (e.kind === "mcp" ? i.name === key : i.name.startsWith(`${SETTINGS_PLUGIN}-${kebab(key)}-`)),
    );
    if (hits.length === 0) unmatched.push(e);
    matches.set(
      e,
      hits.map((h) => h.qid),
    );
    const set = byHost.get(e.host) ?? new Set<string>();
    for (const h of hits) set.add(h.qid);
    byHost.set(e.host, set);
  }
  const include = Object.fromEntries(
    [...byHost].filter(([, s]) => s.size > 0).map(([h, s]) => [h, [...s].sort()]),
  ) as Record<string, string[]>;
  return { include, unmatched, matches };
}

/**
 * The imported items a trial plan's action would not leave as they are. A whole file's action names its
 * items; a shared config's conflict names the keys (`/mcpServers/x`, `/hooks/Stop/[…]`), and only the items
 * behind those keys are dropped.
 */
export function itemsToDrop(
  a: { type: string; reason: string; items: readonly string[] },
  items: readonly PackItem[],
): string[] {
  const keys = /^keys set by you were kept: (.*)$/.exec(a.reason)?.[1];
  if (a.type !== "conflict" || keys === undefined) return [...a.items];
  const out = new Set<string>();
  for (const k of keys.split(", ")) {
    const [, top, name] = k.split("/");
    for (const q of a.items) {
      const it = items.find((i) => i.qid === q);
      if (!it) continue;
      if (top === "mcpServers" && it.kind === "mcp" && it.name === name) out.add(q);
      if (
        top === "hooks" &&
        it.kind === "hook" &&
        it.name.startsWith(`${SETTINGS_PLUGIN}-${kebab(name ?? "")}-`)
      )
        out.add(q);
    }
  }
  return out.size ? [...out] : [...a.items];
}

function kebab(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/**
 * A trial plan's verdict on each imported item: kept only when the plan adopts (or leaves up to date) every
 * file it came from, for its host; otherwise why not (a rewrite, a conflict, a lint refusal, another path).
 */
export function trialVerdicts(
  entries: readonly ImportEntry[],
  matches: ReadonlyMap<ImportEntry, readonly string[]>,
  actions: ReadonlyArray<{ type: string; path: string; reason: string; items: readonly string[] }>,
  notes: ReadonlyArray<{ item?: string; host: string; message: string }>,
  items: readonly PackItem[],
): Map<string, string> {
  const bad = new Map<string, string>();
  const wanted = new Set([...matches.values()].flat());
  for (const a of actions) {
    if (a.type === "adopt" || a.type === "skip") continue;
    for (const q of itemsToDrop(a, items))
      if (wanted.has(q) && !bad.has(q)) bad.set(q, `cadre would ${a.type} ${a.path} (${a.reason})`);
  }
  for (const e of entries) {
    const file = e.path.split("#")[0] as string;
    for (const q of matches.get(e) ?? []) {
      if (bad.has(q)) continue;
      const owns = actions.some(
        (a) => (a.path === file || a.path.startsWith(`${file}/`)) && a.items.includes(q),
      );
      if (owns) continue;
      const note = notes.find((n) => n.item === q && n.host === e.host);
      bad.set(
        q,
        note
          ? `cadre would not install it: ${note.message}`
          : `cadre would install it elsewhere, not at ${file}`,
      );
    }
  }
  return bad;
}

type Splice = { at: number; text: string };

/**
 * cadre.yaml with the pack added to `sources`, hosts added to a `hosts` list, and items added to
 * `overrides.<host>.include`, spliced into the user's text so that every byte of theirs (spacing, comments,
 * quotes) stays. Undefined for a layout this does not handle (the caller edits the document tree instead).
 */
export function spliceImportConfig(
  text: string,
  source: string | readonly string[],
  include: Readonly<Record<string, readonly string[]>>,
): string | undefined {
  const added = typeof source === "string" ? [source] : [...source];
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const top = doc.contents;
  const edits: Splice[] = [];
  const tail = (t: string): Splice => ({
    at: text.length,
    text: text.endsWith("\n") || !text ? t : `\n${t}`,
  });
  const add = (key: string, values: readonly string[], map: YAMLMap, indent: string): boolean => {
    const node = map.get(key, true);
    if (node === undefined) {
      edits.push({ ...endOf(text, map, tail), text: `${indent}${key}: ${flow(values)}\n` });
      return true;
    }
    if (!isSeq(node)) return false;
    const have = node.items.map((i) => (isScalar(i) ? String(i.value) : ""));
    const more = values.filter((v) => !have.includes(v));
    if (more.length) edits.push(appendSeq(text, node, more));
    return true;
  };
  if (!add("sources", top.has("sources") ? added : ["builtin", ...added], top, "")) return undefined;
  const hosts = top.get("hosts", true);
  if (isSeq(hosts) && !add("hosts", Object.keys(include), top, "")) return undefined;
  const ov = top.get("overrides", true);
  if (Object.keys(include).length === 0) {
    // nothing to select (a converted pack only)
  } else if (ov === undefined) {
    const lines = Object.entries(include).map(([h, qs]) => `  ${h}:\n    include: ${flow(qs)}\n`);
    edits.push(tail(`overrides:\n${lines.join("")}`));
  } else {
    if (!isMap(ov) || ov.flow || ov.items.length === 0) return undefined;
    const indent = indentOf(text, ov.items[0]?.key);
    for (const [h, qs] of Object.entries(include)) {
      const host = ov.get(h, true);
      if (host === undefined) {
        edits.push({
          ...endOf(text, ov, tail),
          text: `${indent}${h}:\n${indent}${indent || "  "}include: ${flow(qs)}\n`,
        });
      } else if (!isMap(host) || host.flow || host.items.length === 0) return undefined;
      else if (!add("include", qs, host, indentOf(text, host.items[0]?.key))) return undefined;
    }
  }
  let out = text;
  for (const e of edits.map((x, i) => ({ ...x, i })).sort((a, b) => b.at - a.at || b.i - a.i))
    out = out.slice(0, e.at) + e.text + out.slice(e.at);
  return out;
}

function flow(values: readonly string[]): string {
  return `[${values.map(scalarText).join(", ")}]`;
}

function scalarText(v: string): string {
  return /^[A-Za-z0-9._/-][A-Za-z0-9._/@+:-]*$/.test(v) && !v.endsWith(":") ? v : JSON.stringify(v);
}

/** Where a line goes after a block map's last line (the document's end for the top level). */
function endOf(text: string, map: YAMLMap, tail: (t: string) => Splice): { at: number } {
  const end = map.range?.[1];
  if (end === undefined || end >= text.length) return { at: tail("").at };
  const nl = text.indexOf("\n", Math.max(end - 1, 0));
  return { at: nl === -1 ? text.length : nl + 1 };
}

function indentOf(text: string, node: unknown): string {
  const at = (node as { range?: [number, number, number] } | undefined)?.range?.[0] ?? 0;
  return text.slice(text.lastIndexOf("\n", at - 1) + 1, at).replace(/\S.*$/, "");
}

/** New elements at the end of a sequence, in its own style (flow `[a, b]` or block `- a` lines). */
function appendSeq(text: string, seq: YAMLSeq, values: readonly string[]): Splice {
  const items = seq.items as Array<{ range?: [number, number, number] }>;
  const last = items[items.length - 1]?.range;
  if (seq.flow) {
    const [s, e] = seq.range ?? [0, 0];
    const close = text.lastIndexOf("]", e);
    if (!last) return { at: close < s ? e : close, text: values.map(scalarText).join(", ") };
    return { at: last[1], text: `, ${values.map(scalarText).join(", ")}` };
  }
  const first = items[0]?.range?.[0] ?? 0;
  const prefix = text.slice(text.lastIndexOf("\n", first - 1) + 1, first);
  const nl = text.indexOf("\n", last?.[1] ?? 0);
  const at = nl === -1 ? text.length : nl + 1;
  const lead = nl === -1 ? "\n" : "";
  return { at, text: lead + values.map((v) => `${prefix}${scalarText(v)}\n`).join("") };
}

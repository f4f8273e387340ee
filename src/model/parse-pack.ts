import { parse as parseToml } from "smol-toml";
import type { Diagnostic } from "../core/diagnostics.js";
import { positionAt } from "../core/diagnostics.js";
import { parseFrontmatter, parseFrontmatterLenient, parseYaml } from "../core/frontmatter.js";
import { sha256 } from "../core/hash.js";
import { isRecord, jsonSyntaxDiagnostic, parseJson } from "../core/json.js";
import { checkName } from "../core/names.js";
import { namespacePluginDuplicates } from "./catalog.js";
import { claudeHookItems } from "./claude-hooks.js";
import { decodeText } from "./decode.js";
import { type Candidate, discoverConventional, discoverManifestPack, skillFiles } from "./discover.js";
import { canonicalRuleMeta } from "./host-rules.js";
import { type Item, itemId, type LayoutReason, type LoadNote, type Pack, type PackLayout } from "./item.js";
import { MARKDOWN_KINDS, PackManifestSchema, SKILL_HOST_KEYS, SKILL_SPEC_KEYS, splitList } from "./kinds.js";
import { pluginMcpItems } from "./plugin-mcp.js";
import type { PackSnapshot, SnapshotFile } from "./snapshot.js";

/**
 * The version of what parsePack makes of a folder. Bump it whenever discovery or loading changes, so packs
 * cached by an older cadre (a folder once read as "0 items") are read again (sources/pack-cache.ts keys on it).
 */
export const PARSER_VERSION = 5;

type Draft = Omit<Item, "tokens" | "hash" | "files" | "pack"> & { files?: string[] };

/** Parse a pack from a snapshot of its folder. Never throws: every problem becomes a diagnostic. */
export function parsePack(snap: PackSnapshot): Pack {
  const diagnostics: Diagnostic[] = [];
  const where = (p: string) => (snap.root === "" || snap.root === "." ? p : `${snap.root}/${p}`);
  const byPath = new Map(snap.files.map((f) => [f.path, f]));
  const paths = snap.files.map((f) => f.path).sort();

  const readText = (f: SnapshotFile | undefined, path: string): string | undefined => {
    if (!f) return undefined;
    if (f.problem) {
      const msg =
        f.problem === "too-large"
          ? `file is ${f.size} bytes, over the ${snap.maxFileBytes}-byte limit`
          : f.problem === "symlink-escape"
            ? `symbolic link points outside the pack${f.detail ? ` (${f.detail})` : ""}`
            : f.problem === "truncated"
              ? `the pack was not read whole: ${f.detail ?? "limits reached"}`
              : `file could not be read${f.detail ? `: ${f.detail}` : ""}`;
      const severity = f.problem === "truncated" ? "warning" : "error";
      diagnostics.push({ rule: `load/${f.problem}`, severity, message: msg, file: where(path) });
      return undefined;
    }
    if (!f.content) return undefined;
    const d = decodeText(f.content);
    if (!d.ok) {
      const message =
        d.reason === "binary"
          ? `file is binary (NUL byte at offset ${d.offset}), expected text`
          : `file is not valid UTF-8 (first bad byte at offset ${d.offset})`;
      diagnostics.push({ rule: `load/${d.reason}`, severity: "error", message, file: where(path) });
      return undefined;
    }
    return d.text;
  };

  // Manifest
  let name = sanitisePackName(snap.folderName);
  let manifest: Record<string, unknown> | undefined;
  let candidates: Candidate[];
  let layouts: PackLayout[];
  let reasons: LayoutReason[];
  const manifestText = readText(byPath.get("cadre-pack.yaml"), "cadre-pack.yaml");
  if (byPath.has("cadre-pack.yaml")) {
    layouts = ["cadre-pack"];
    if (manifestText !== undefined) {
      const parsed = parseYaml(manifestText);
      for (const e of parsed.errors)
        diagnostics.push({
          rule: "load/yaml-syntax",
          severity: "error",
          message: e.message,
          file: where("cadre-pack.yaml"),
          line: e.line,
          column: e.column,
        });
      const checked = PackManifestSchema.safeParse(parsed.value ?? {});
      if (parsed.errors.length === 0 && !checked.success) {
        for (const issue of checked.error.issues)
          diagnostics.push({
            rule: "pack/manifest",
            severity: "error",
            message: `${issue.path.join(".") || "manifest"}: ${issue.message}`,
            file: where("cadre-pack.yaml"),
            line: keyLine(manifestText, String(issue.path[0] ?? "")),
          });
      }
      if (checked.success) {
        manifest = checked.data;
        if (!checkName(checked.data.name)) name = checked.data.name;
      } else if (parsed.value && typeof parsed.value === "object") {
        manifest = parsed.value as Record<string, unknown>;
      }
    }
    candidates = discoverManifestPack(paths, (manifest?.paths ?? {}) as Record<string, string>);
    reasons = [
      { layout: "cadre-pack", rule: "cadre-pack.yaml", path: "cadre-pack.yaml", items: candidates.length },
    ];
  } else {
    const read = (p: string) => readText(byPath.get(p), p);
    ({ candidates, layouts, reasons } = discoverConventional(paths, read));
    if (layouts.length === 0) layouts = ["convention"];
    // An npm package (an unpacked tarball's folder is `package/`) is named as npm names it, scope stripped.
    const npmName = packageName(read("package.json"));
    if (npmName) name = npmName;
    const market = parseJson(read(".claude-plugin/marketplace.json") ?? "null");
    const mname = market.ok ? (market.value as { name?: unknown } | null)?.name : undefined;
    if (typeof mname === "string" && !checkName(mname)) name = mname;
    const plugin = readText(byPath.get(".claude-plugin/plugin.json"), ".claude-plugin/plugin.json");
    if (plugin) {
      const r = parseJson(plugin);
      if (r.ok) {
        const p = (r.value ?? {}) as { name?: unknown; version?: unknown; description?: unknown };
        if (typeof p.name === "string" && !checkName(p.name)) name = p.name;
        manifest = { version: p.version, description: p.description };
      } else {
        diagnostics.push(jsonSyntaxDiagnostic(r, where(".claude-plugin/plugin.json")));
      }
    }
  }

  // Files that are not items still must not escape the pack or be unreadable (they may be installed with it).
  const candidatePaths = new Set(candidates.map((c) => c.path));
  for (const f of snap.files) {
    if (
      candidatePaths.has(f.path) ||
      f.path === "cadre-pack.yaml" ||
      (f.problem !== "symlink-escape" && f.problem !== "unreadable" && f.problem !== "truncated")
    )
      continue;
    readText(f, f.path);
  }

  const skillDirs = candidates.filter((c) => c.kind === "skill").map((c) => c.dir ?? "");
  const drafts: Draft[] = [];
  /** The plugin (or category folder) a draft of a host layout came from: it tells apart items of one name. A cadre
   * pack is strict: its duplicates stay pack/duplicate-name errors. */
  const groupOf = new Map<Draft, string | undefined>();
  for (const c of candidates) {
    const text = readText(byPath.get(c.path), c.path);
    if (text === undefined) continue;
    if (c.claudeHooks) {
      const r = claudeHookItems(text, c.path, paths);
      for (const it of r.items) groupOf.set(it, groupKey(c));
      drafts.push(...r.items);
      for (const d of r.diagnostics) diagnostics.push({ ...d, file: where(d.file) });
      continue;
    }
    if (c.mcpServers) {
      const r = pluginMcpItems(text, c.path, c.category ?? name);
      for (const it of r.items) {
        if (c.category) it.category = c.category;
        groupOf.set(it, groupKey(c));
      }
      drafts.push(...r.items);
      for (const d of r.diagnostics) diagnostics.push({ ...d, file: where(d.file) });
      continue;
    }
    const r = parseCandidate(c, text, snap.folderName);
    for (const d of r.diagnostics) diagnostics.push({ ...d, file: where(c.path) });
    if (r.item) {
      if (c.kind === "skill") r.item.files = skillFiles(paths, c.dir ?? "", skillDirs);
      groupOf.set(r.item, groupKey(c));
      drafts.push(r.item);
    }
  }

  for (const copy of identicalCopies(drafts, (d) => groupOf.get(d))) {
    drafts.splice(drafts.indexOf(copy.item), 1);
    reasons.push({
      layout: "convention",
      rule: "one file twice: loaded once",
      path: copy.item.path,
      items: 0,
      note: `${copy.item.path} is byte for byte ${copy.of}; loaded once`,
    });
  }
  for (const r of namespacePluginDuplicates(drafts, (d) => groupOf.get(d)))
    reasons.push({
      layout: "convention",
      rule: "one name in several plugins: <plugin>-<name>",
      path: "",
      items: 0,
      note: `${r.from} loaded as ${r.to} (also in ${r.rivals.filter((x) => !r.from.startsWith(`${x}:`)).join(", ")})`,
    });
  const items: Item[] = drafts.map((d) => {
    const files = d.files ?? [d.path];
    const h =
      files.length === 1
        ? sha256(d.text)
        : sha256(files.map((f) => `${f}\0${sha256(byPath.get(f)?.content ?? "")}`).join("\n"));
    return { ...d, pack: name, files, hash: h, tokens: 0 };
  });

  let compositionMap: unknown;
  const cm = readText(byPath.get("composition-map.yaml"), "composition-map.yaml");
  if (cm !== undefined) {
    const parsed = parseYaml(cm);
    for (const e of parsed.errors)
      diagnostics.push({
        rule: "load/yaml-syntax",
        severity: "error",
        message: e.message,
        file: where("composition-map.yaml"),
        line: e.line,
        column: e.column,
      });
    compositionMap = parsed.value;
  }

  const itemPaths = new Set(items.map((i) => i.path));
  const texts = new Map<string, string>();
  for (const f of snap.files) {
    if (
      itemPaths.has(f.path) ||
      !f.content ||
      f.problem ||
      !/(^|\/)(scripts|references|assets)\//.test(f.path)
    )
      continue;
    const d = decodeText(f.content);
    if (d.ok) texts.set(f.path, d.text);
  }

  const pack: Pack = {
    name,
    texts,
    root: snap.root,
    layouts,
    discovery: reasons,
    items,
    files: new Set(paths),
    diagnostics,
    builtin: snap.builtin === true,
  };
  if (typeof manifest?.version === "string") pack.version = manifest.version;
  if (typeof manifest?.description === "string") pack.description = manifest.description;
  if (typeof manifest?.license === "string") pack.license = manifest.license;
  if (typeof manifest?.homepage === "string") pack.homepage = manifest.homepage;
  const author = authorOf(manifest?.author);
  if (author) pack.author = author;
  if (compositionMap !== undefined) pack.compositionMap = compositionMap;
  return pack;
}

/** cadre-pack.yaml `author`: "Name <email> (url)" or {name, email, url}. */
function authorOf(v: unknown): Pack["author"] {
  if (typeof v === "string") {
    const m = /^([^<(]+?)\s*(?:<([^>]+)>)?\s*(?:\(([^)]+)\))?$/.exec(v.trim());
    if (!m?.[1]) return undefined;
    return { name: m[1], ...(m[2] ? { email: m[2] } : {}), ...(m[3] ? { url: m[3] } : {}) };
  }
  if (!v || typeof v !== "object" || typeof (v as { name?: unknown }).name !== "string") return undefined;
  const a = v as { name: string; email?: unknown; url?: unknown };
  return {
    name: a.name,
    ...(typeof a.email === "string" ? { email: a.email } : {}),
    ...(typeof a.url === "string" ? { url: a.url } : {}),
  };
}

/** A published package.json's `name` as a pack name (`@scope/x` → `x`); a private package gives none. */
function packageName(text: string | undefined): string | undefined {
  const r = parseJson(text ?? "null");
  const p = (r.ok ? r.value : undefined) as { name?: unknown; private?: unknown } | null | undefined;
  if (!p || typeof p.name !== "string" || p.private === true) return undefined;
  const base = p.name.split("/").pop() ?? "";
  return /[a-z0-9]/i.test(base) ? sanitisePackName(base) : undefined;
}

function sanitisePackName(folder: string): string {
  const s = folder
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s || "pack";
}

/** 1-based line of a top-level YAML key in a text (for messages), if found. */
export function keyLine(text: string, key: string, offset = 0): number | undefined {
  if (!key) return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`^["']?${escaped}["']?\\s*:`, "m").exec(text);
  return m ? positionAt(text, m.index).line + offset : undefined;
}

function stem(path: string): string {
  const base = path.split("/").pop() ?? path;
  return base
    .replace(/\.schema\.json$/i, "")
    .replace(/\.(agent|prompt|instructions)\.md$/i, "")
    .replace(/\.(md|markdown|mdc|ya?ml|json|toml)$/i, "");
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function tagsOf(meta: Record<string, unknown>): string[] {
  const raw = meta.tags ?? (meta.metadata as Record<string, unknown> | undefined)?.tags;
  if (Array.isArray(raw)) return raw.filter((t): t is string => typeof t === "string");
  return typeof raw === "string" ? splitList(raw) : [];
}

interface Parsed {
  item?: Draft;
  diagnostics: Omit<Diagnostic, "file">[];
}

type Meta = { meta: Record<string, unknown>; body: string; bodyLine: number };

/**
 * Keys that start a frontmatter entry in the lenient fallback: every key a host documents for skills, agents,
 * commands and rules. Any other `word:` at the start of a line (`Context:`, `user:` in an example) continues
 * the entry above it, as it does in Claude Code.
 */
const FRONTMATTER_KEYS: ReadonlySet<string> = new Set([
  ...SKILL_SPEC_KEYS,
  ...SKILL_HOST_KEYS,
  ...["tools", "disallowedTools", "disallowed-tools", "skills", "mcpServers", "permissionMode", "maxTurns"],
  ...["category", "tags", "activation", "domain", "applies-when", "stacks", "concerns", "kind", "mode"],
  ...["temperature", "max_turns", "timeout_mins", "readonly", "is_background", "permission", "steps"],
  ...["alwaysApply", "applyTo", "trigger", "inclusion", "fileMatchPattern", "author", "title", "id"],
]);

const LENIENT_HINT: Record<string, string> = {
  description: 'quote the value (description: "…") or make it a block scalar (description: >-)',
};

/** Markdown frontmatter: strict YAML first; for a host's own files, what that host's loader accepts too. */
function readMarkdown(
  c: Candidate,
  text: string,
  diagnostics: Omit<Diagnostic, "file">[],
  notes: LoadNote[],
): Meta | undefined {
  const error = (rule: string, message: string, line = 1, column = 1) =>
    diagnostics.push({ rule, severity: "error", message, line, column });
  const fm = parseFrontmatter(text);
  if (fm.errors.length > 0 && c.host) {
    const l = parseFrontmatterLenient(text, (k) => FRONTMATTER_KEYS.has(k));
    if (l.data) {
      for (const k of l.lenient)
        notes.push({
          rule: "load/lenient-frontmatter",
          message: `${k.key}: not valid YAML (${k.error}); loaded as plain text, as ${hostName(c.host)} does`,
          line: k.line,
          hint: LENIENT_HINT[k.key] ?? `quote the value of ${k.key}`,
        });
      return { meta: l.data, body: l.body, bodyLine: l.bodyLine };
    }
  }
  for (const e of fm.errors) error("load/yaml-syntax", e.message, e.line, e.column);
  if (!fm.present && c.host && (c.kind === "command" || c.kind === "rule")) {
    const meta: Record<string, unknown> = {};
    if (c.kind === "command")
      notes.push({
        rule: "load/lenient-frontmatter",
        message: `no frontmatter; loaded with the first line of the body as its description, as ${hostName(c.host)} does`,
        line: 1,
        hint: "add '---' lines with a description at the top",
      });
    return { meta, body: fm.body, bodyLine: 1 };
  }
  if (!fm.present && c.host && c.kind === "agent") {
    // Claude Code and the other hosts skip an agent file without frontmatter: a note in an agents folder.
    diagnostics.push({
      rule: "load/missing-frontmatter",
      severity: "warning",
      message: `no YAML frontmatter: not an agent, and ${hostName(c.host)} does not load it either; skipped`,
      line: 1,
      column: 1,
    });
    return undefined;
  }
  if (!fm.present)
    error("load/missing-frontmatter", "no YAML frontmatter: the file must start with a '---' line");
  return fm.data ? { meta: fm.data, body: fm.body, bodyLine: fm.bodyLine } : undefined;
}

function hostName(host: string): string {
  const names: Record<string, string> = {
    claude: "Claude Code",
    cursor: "Cursor",
    copilot: "GitHub Copilot",
  };
  return names[host] ?? host;
}

/** A Gemini CLI command (`description`, `prompt`) or a Codex agent (`name`, `description`, `developer_instructions`). */
function readToml(
  text: string,
  error: (rule: string, message: string, line?: number) => void,
): Meta | undefined {
  try {
    const v = parseToml(text) as Record<string, unknown>;
    // Gemini commands keep their text in `prompt`, Codex agents in `developer_instructions`
    const { prompt, developer_instructions: instructions, ...meta } = v;
    const body = typeof prompt === "string" ? prompt : typeof instructions === "string" ? instructions : "";
    return { meta, body, bodyLine: 1 };
  } catch (e) {
    const m = e as { message?: string; line?: number };
    error("load/toml-syntax", (m.message ?? "TOML does not parse").split("\n")[0] ?? "", m.line ?? 1);
    return undefined;
  }
}

/** Read a candidate's metadata and body by its file format; problems go into `diagnostics`. */
function readMeta(
  c: Candidate,
  text: string,
  normalised: string,
  diagnostics: Omit<Diagnostic, "file">[],
  notes: LoadNote[],
): Meta | undefined {
  const error = (rule: string, message: string, line = 1, column = 1) =>
    diagnostics.push({ rule, severity: "error", message, line, column });

  if (/\.toml$/i.test(c.path)) return readToml(normalised, error);
  if (MARKDOWN_KINDS.has(c.kind)) return readMarkdown(c, text, diagnostics, notes);
  if (c.kind === "schema") {
    const r = parseJson(normalised);
    if (!r.ok) error("load/json-syntax", r.message, r.line, r.column);
    else if (!isRecord(r.value)) error("load/json-syntax", "a JSON Schema must be an object");
    else return { meta: r.value, body: normalised, bodyLine: 1 };
    return undefined;
  }
  const parsed = parseYaml(text);
  for (const e of parsed.errors) error("load/yaml-syntax", e.message, e.line, e.column);
  if (parsed.errors.length > 0) return undefined;
  if (!isRecord(parsed.value)) {
    error("load/yaml-syntax", "expected a YAML mapping");
    return undefined;
  }
  return { meta: parsed.value, body: normalised, bodyLine: 1 };
}

/**
 * What a host derives when its file leaves it out, filled in so the item reads as the host reads it: a command's
 * or rule's name is its file name, a command without a description shows its first body line (a note says so),
 * a display name becomes the id the host uses, and a rule's activation comes from the host's own keys.
 */
function hostDefaults(
  c: Candidate,
  raw: Record<string, unknown>,
  name: string,
  body: string,
  notes: LoadNote[],
) {
  let meta = raw;
  if (c.kind === "rule" && c.host) meta = canonicalRuleMeta(meta, c.host);
  if (meta.name !== undefined && meta.name !== name) meta = { ...meta, name };
  if ((c.kind === "command" || c.kind === "rule") && meta.name === undefined) meta = { ...meta, name };
  if (c.kind === "command" && (typeof meta.description !== "string" || meta.description.trim() === "")) {
    const first = body.split("\n").find((l) => l.trim() !== "") ?? "";
    meta = { ...meta, description: first.replace(/^#+\s*/, "").trim() };
    if (!notes.some((n) => n.rule === "load/lenient-frontmatter" && n.line === 1))
      notes.push({
        rule: "load/lenient-frontmatter",
        message: `no description; loaded with the first line of the body, as ${hostName(c.host ?? "")} shows it`,
        line: 1,
        hint: "add a description to the frontmatter",
      });
  }
  return meta;
}

/**
 * The item's name. A host's own file whose `name` is a display name (`Agent Development`) is named as the host
 * names it, by its folder or file, with a note that says how to fix it.
 */
function itemName(
  c: Candidate,
  meta: Record<string, unknown>,
  fallback: string,
  notes: LoadNote[],
  text: string,
) {
  const declared = c.kind === "hook" ? (str(meta.id) ?? str(meta.name)) : str(meta.name);
  if (declared === undefined) return fallback;
  if (!c.host || !["skill", "agent", "command"].includes(c.kind) || !checkName(declared)) return declared;
  if (declared === fallback || checkName(fallback)) return declared;
  notes.push({
    rule: "item/display-name",
    message: `name "${declared}" is a display name, not an id; loaded as "${fallback}" (its ${c.kind === "skill" ? "folder" : "file"} name), as ${hostName(c.host)} does`,
    line: keyLine(text, "name") ?? 1,
    hint: `set name: ${fallback}`,
  });
  return fallback;
}

/** Parse one candidate file into an item draft. */
export function parseCandidate(c: Candidate, text: string, folderName: string): Parsed {
  const diagnostics: Omit<Diagnostic, "file">[] = [];
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const notes: LoadNote[] = [];
  const read = readMeta(c, text, normalised, diagnostics, notes);
  if (!read) return { diagnostics };
  const { body, bodyLine } = read;
  const fallback =
    c.kind === "skill" ? (c.dir === "" ? folderName : ((c.dir ?? "").split("/").pop() ?? "")) : stem(c.path);
  const name = itemName(c, read.meta, fallback, notes, normalised);
  const meta = c.host ? hostDefaults(c, read.meta, name, body, notes) : read.meta;
  if (/[\\/]/.test(name) || name.includes("..")) {
    diagnostics.push({
      rule: "load/unsafe-name",
      severity: "error",
      message: `name "${name}" contains a path separator or '..'; the item is skipped`,
      line: keyLine(normalised, c.kind === "hook" ? "id" : "name", MARKDOWN_KINDS.has(c.kind) ? 1 : 0) ?? 1,
      hint: "use a kebab-case name such as my-skill",
    });
    return { diagnostics };
  }

  const metadata = meta.metadata as Record<string, unknown> | undefined;
  const category =
    str(meta.category) ??
    (c.kind === "expertise" ? str(meta.domain) : undefined) ??
    (metadata && typeof metadata === "object" ? str(metadata.category) : undefined) ??
    (c.kind === "command" ? undefined : c.category);
  const description = str(meta.description) ?? (c.kind === "schema" ? (str(meta.title) ?? "") : "");
  const draft: Draft = {
    id: itemId(c.kind, name),
    kind: c.kind,
    name,
    path: c.path,
    meta,
    body,
    bodyLine,
    text: normalised,
    description,
    tags: tagsOf(meta),
  };
  if (c.dir !== undefined) draft.dir = c.dir;
  if (category) draft.category = category;
  if (notes.length > 0) draft.notes = notes;
  return { item: draft, diagnostics };
}

/** The plugin or category folder of a host-layout candidate (`""`: the repo's own host folder); none for a cadre pack. */
function groupKey(c: Candidate): string | undefined {
  return c.host ? (c.category ?? "") : undefined;
}

/**
 * Items of a host layout that are byte-identical copies of an earlier item of the same id from the same plugin or
 * folder group (a repo that keeps `.cursor/rules/x.mdc` and an adapter copy of it): the same item twice, so it is
 * loaded once. Copies in two plugins stay two items (each plugin offers it). Pure.
 */
function identicalCopies(drafts: readonly Draft[], groupOf: (d: Draft) => string | undefined) {
  const first = new Map<string, Draft>();
  const out: Array<{ item: Draft; of: string }> = [];
  for (const d of drafts) {
    const group = groupOf(d);
    if (group === undefined) continue;
    const key = `${group}\u0000${d.id}`;
    const seen = first.get(key);
    if (seen && seen.text === d.text && (seen.files ?? []).length <= 1 && (d.files ?? []).length <= 1)
      out.push({ item: d, of: seen.path });
    else if (!seen) first.set(key, d);
  }
  return out;
}

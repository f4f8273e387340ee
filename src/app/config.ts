import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { ErrorCodes, UserError } from "../core/errors.js";
import { normaliseText, parseYaml } from "../core/frontmatter.js";
import { didYouMean } from "../core/names.js";
import { CONFIG_HOST_IDS, HOST_IDS } from "../hosts/registry.js";

const ref = z.string().min(1);
// Former ids (`windsurf`) are accepted and resolved where hosts are chosen (app/project.ts).
const HostIdSchema = z.enum(CONFIG_HOST_IDS as [string, ...string[]]);

/** `cadre.yaml`: written by `init`, edited by people. Strict: an unknown key is an error, not a silent no-op. */
export const ConfigSchema = z.strictObject({
  version: z.literal(1).default(1),
  hosts: z.union([z.literal("auto"), z.array(HostIdSchema)]).default("auto"),
  scope: z.enum(["project", "user"]).default("project"),
  /**
   * `builtin` is cadre's own library; other entries are source specs (sources/spec.ts): pack folders relative to
   * cadre.yaml, `owner/repo[/subdir][@ref]`, `github:`/`gitlab:`, git URLs, `npm:<package>[@range]`, archives.
   */
  sources: z.array(z.string().min(1)).default(["builtin"]),
  profiles: z.array(z.string().min(1)).default([]),
  include: z.array(ref).default([]),
  exclude: z.array(ref).default([]),
  /** Per host: items to add for that host only, or to leave out of it. Name only the hosts it changes. */
  overrides: z
    .partialRecord(
      HostIdSchema,
      z.strictObject({
        include: z.array(ref).optional(),
        exclude: z.array(ref).optional(),
        /** The host's own options (docs/hosts.md lists them), e.g. copilot `prompt-files`. */
        options: z.array(z.string().min(1)).optional(),
      }),
    )
    .default({}),
  budgets: z.strictObject({ tokens: z.number().int().positive().optional() }).default({}),
  /** Install skill files as symlinks to the pack (copies where symlinks are not allowed). */
  link: z.boolean().default(false),
  /**
   * Install-time composition (docs/compose.md): `true` gives each pipeline role agent the expertise modules for
   * the project's detected stacks; a block adds stacks and concerns, turns detection off, or narrows the limits.
   */
  compose: z
    .union([
      z.boolean(),
      z.strictObject({
        /** Stacks added to the detected ones. */
        stacks: z.array(z.string().min(1)).optional(),
        concerns: z.array(z.string().min(1)).optional(),
        /** Detect stacks from the project's manifests (default true). */
        detect: z.boolean().optional(),
        /** Token ceiling of one role's modules (a host's own limit may narrow it). */
        tokens: z.number().int().positive().optional(),
        /** At most this many modules per role. */
        modules: z.number().int().positive().optional(),
      }),
    ])
    .default(false),
  /** How the hook commands cadre installs start cadre (`<command> hook <name> --host <host>`). */
  hooks: z.strictObject({ command: z.string().min(1).optional() }).default({}),
});
export type Config = z.infer<typeof ConfigSchema>;

export const CONFIG_FILE = "cadre.yaml";

export function parseConfigText(text: string, where: string): Config {
  const y = parseYaml(text);
  const first = y.errors[0];
  if (first)
    throw new UserError(
      ErrorCodes.parse,
      `${where}:${first.line}:${first.column}: ${first.message}`,
      "fix the YAML syntax",
    );
  if (y.value === undefined || y.value === null)
    throw new UserError(
      ErrorCodes.parse,
      `${where} is empty`,
      "write the hosts and profiles to install (e.g. `hosts: [claude-code]` and `profiles: [core]`), or run `cadre init --force`",
    );
  const r = ConfigSchema.safeParse(y.value);
  if (!r.success) {
    const issue = r.error.issues[0] as z.core.$ZodIssue;
    const { path, message } = describeIssue(issue, y.value);
    throw new UserError(
      ErrorCodes.parse,
      `${where}${lineOf(text, path)}: ${message}`,
      "see schemas/cadre.yaml.schema.json for the fields",
    );
  }
  SOURCES.set(r.data, { text, where });
  return r.data;
}

/** The text each parsed Config came from, so later errors (an unknown profile) can name the line. */
const SOURCES = new WeakMap<Config, { text: string; where: string }>();

/** `cadre.yaml:line:column` of a value in the file a Config was parsed from (`cadre.yaml` when unknown). */
export function configWhere(c: Config, path: PropertyKey[]): string {
  const src = SOURCES.get(c);
  return src ? `${src.where}${lineOf(src.text, path)}` : CONFIG_FILE;
}

type Path = PropertyKey[];

const TYPE_WORDS: Record<string, string> = {
  array: "a list",
  object: "a map",
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function showPath(path: Path): string {
  return path
    .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join("");
}

function show(v: unknown): string {
  if (v === undefined || v === null) return "nothing";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A host id is expected here: a `hosts` entry or an `overrides` key. */
function isHostPlace(path: Path): boolean {
  return (path[0] === "hosts" && path.length === 2) || (path[0] === "overrides" && path.length === 2);
}

function notOneOf(path: Path, value: unknown, values: readonly unknown[]): string {
  const host = isHostPlace(path);
  const valid = host ? [...HOST_IDS].sort() : values.map(String);
  const near = typeof value === "string" ? didYouMean(value, valid) : "";
  const what = host ? "a host" : "valid";
  const where = host && path[0] === "overrides" ? "overrides" : showPath(path);
  return `${where}: ${show(value)} is not ${what}; ${near ? `${near} ` : ""}valid: ${valid.join(", ")}`;
}

/** One zod issue as a sentence with the path, the bad value and what is allowed; the path to locate it. */
function describeIssue(
  issue: z.core.$ZodIssue,
  root: unknown,
  base: Path = [],
): { path: Path; message: string } {
  const path = [...base, ...issue.path];
  const value = valueAt(root, path);
  const at = path.length ? `${showPath(path)}: ` : "";
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0] as string;
      if (path[0] === "overrides" && path.length === 1)
        return { path: [...path, key], message: notOneOf([...path, key], key, HOST_IDS) };
      const known = Object.keys(shapeAt(path));
      const near = didYouMean(key, known);
      return {
        path: [...path, key],
        message: `${at}unknown key "${key}"${near ? `; ${near}` : ""} (keys: ${known.join(", ")})`,
      };
    }
    case "invalid_key":
      return { path: [...path], message: notOneOf(path, path[path.length - 1], HOST_IDS) };
    case "invalid_value":
      return { path, message: notOneOf(path, value, issue.values) };
    case "invalid_type":
      return {
        path,
        message: `${at}expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, found ${show(value)}`,
      };
    case "invalid_union": {
      // The branch that got past the top-level type check says what is really wrong.
      const deeper =
        issue.errors.find((b) => b.some((i) => i.path.length > 0)) ??
        issue.errors.find((b) => b.some((i) => i.code !== "invalid_type"));
      const inner = deeper?.find((i) => i.path.length > 0) ?? deeper?.[0];
      if (inner && (inner.path.length > 0 || Array.isArray(value))) return describeIssue(inner, root, path);
      const options = issue.errors.map((b) => {
        const i = b[0];
        if (i?.code === "invalid_value") return i.values.map((v) => JSON.stringify(v)).join(" or ");
        return i?.code === "invalid_type" ? (TYPE_WORDS[i.expected] ?? i.expected) : "?";
      });
      return { path, message: `${at}expected ${options.join(" or ")}, found ${show(value)}` };
    }
    default:
      return { path, message: `${at}${issue.message} (found ${show(value)})` };
  }
}

/** The fields allowed at a path of cadre.yaml (for suggesting a misspelt key). */
function shapeAt(path: Path): Record<string, unknown> {
  if (path.length === 0) return ConfigSchema.shape;
  if (path[0] === "overrides" && path.length === 2) return { include: 1, exclude: 1 };
  if (path[0] === "budgets") return { tokens: 1 };
  if (path[0] === "hooks") return { command: 1 };
  if (path[0] === "compose") return { stacks: 1, concerns: 1, detect: 1, tokens: 1, modules: 1 };
  return {};
}

/** `:line:column` of the node at a path (a map key when the path ends at a key), or "". */
function lineOf(text: string, path: Path): string {
  const lc = new LineCounter();
  const doc = parseDocument(normaliseText(text), { lineCounter: lc });
  let node: unknown = doc.contents;
  let at: number | undefined;
  for (const k of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === k);
      if (!pair) break;
      at = (pair.key as { range?: [number, number] })?.range?.[0];
      node = pair.value;
      if (node && (node as { range?: [number, number] }).range && k !== path[path.length - 1])
        at = (node as { range: [number, number] }).range[0];
      continue;
    }
    if (isSeq(node) && typeof k === "number") {
      node = node.items[k];
      at = (node as { range?: [number, number] })?.range?.[0] ?? at;
      continue;
    }
    break;
  }
  if (isScalar(node) || isSeq(node) || isMap(node)) {
    const r = (node as { range?: [number, number] }).range;
    if (r && typeof path[path.length - 1] !== "string") at = r[0];
  }
  if (at === undefined) return "";
  const pos = lc.linePos(at);
  return `:${pos.line}:${pos.col}`;
}

export async function readConfig(path: string, where: string): Promise<Config | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return parseConfigText(text, where);
}

/** The cadre.yaml that `init` writes: commented, with the chosen hosts and profiles. */
export function renderConfig(c: {
  hosts: string[] | "auto";
  profiles: string[];
  scope: "project" | "user";
  sources: string[];
  include?: string[];
  link?: boolean;
  compose?: boolean;
  /** `hooks.command`, when cadre is not on PATH (e.g. a project devDependency: `npx --no-install cadre`). */
  hooksCommand?: string;
}): string {
  const list = (xs: string[]) => (xs.length ? `[${xs.join(", ")}]` : "[]");
  return [
    "# cadre.yaml — what cadre installs, and for which hosts. Run `cadre sync` after editing.",
    "# Schema: schemas/cadre.yaml.schema.json in the cadre package",
    "version: 1",
    `# Host ids (see \`cadre hosts\`), or auto to use the hosts detected in the project.`,
    `hosts: ${Array.isArray(c.hosts) ? list(c.hosts) : c.hosts}`,
    `scope: ${c.scope}`,
    "# builtin is cadre's own library; add pack folders (relative to this file), owner/repo[@ref], git URLs,",
    "# npm:<package>[@range] or archive URLs (see `cadre add --help`). cadre.lock pins what they resolve to.",
    `sources: ${list(c.sources)}`,
    `profiles: ${list(c.profiles)}`,
    "# Items to add or leave out, e.g. skill:test-driven-development, agent:code-reviewer, or my-pack/* for a whole pack.",
    `include: ${list(c.include ?? [])}`,
    "exclude: []",
    ...(c.link
      ? ["# Skill files are symlinks to the pack (copies where symlinks are not allowed).", "link: true"]
      : []),
    ...(c.compose
      ? [
          "# Give the role agents the expertise modules for the project's stacks (see docs/compose.md).",
          "compose: true",
        ]
      : []),
    ...(c.hooksCommand
      ? [
          "# How hosts start cadre for its hooks (default: cadre, on PATH). See docs/hooks.md.",
          "hooks:",
          `  command: ${JSON.stringify(c.hooksCommand)}`,
        ]
      : []),
    "",
  ].join("\n");
}

/** Edit one list in cadre.yaml, keeping the user's comments and layout. */
export function editConfigList(text: string, key: string[], edit: (xs: string[]) => string[]): string {
  const doc = parseDocument(text);
  const cur = doc.getIn(key);
  const arr =
    cur && typeof cur === "object" && "toJSON" in cur
      ? ((cur as { toJSON(): unknown }).toJSON() as unknown)
      : cur;
  const next = edit(Array.isArray(arr) ? arr.map(String) : []);
  const node = doc.createNode(next);
  (node as { flow?: boolean }).flow = true;
  doc.setIn(key, node);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

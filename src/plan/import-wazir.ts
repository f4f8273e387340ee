import { ErrorCodes, UserError } from "../core/errors.js";
import { parseYaml } from "../core/frontmatter.js";
import { isRecord } from "../core/json.js";
import { fileNameProblem } from "../core/names.js";
import type { ProjectFile } from "./import.js";

/**
 * Wazir (`@wazir-dev/cli`) keeps its canonical content in the repository, not in host folders: roles, workflows
 * and expertise modules as Markdown without frontmatter, listed by `wazir.manifest.yaml`, which also names the
 * hosts and the protected paths. Pure: the manifest and the files are passed in; out comes a cadre pack
 * (cadre-pack.yaml, agents/, commands/, expertise/, a protected-paths hook) and the cadre host ids.
 */

export const WAZIR_MANIFEST = "wazir.manifest.yaml";

/** Wazir's host ids → cadre's. */
const WAZIR_HOSTS: Record<string, string> = {
  claude: "claude-code",
  codex: "codex",
  gemini: "gemini-cli",
  cursor: "cursor",
};

export interface WazirManifest {
  name: string;
  hosts: string[];
  roles: string[];
  workflows: string[];
  protectedPaths: string[];
  paths: { roles: string; workflows: string; expertise: string };
}

export interface WazirPack {
  /** Pack-relative path → text. */
  files: Array<{ path: string; content: Uint8Array }>;
  /** The pack's name (cadre-pack.yaml). */
  name: string;
  /** cadre host ids for Wazir's hosts. */
  hosts: string[];
  items: number;
  skipped: Array<{ path: string; reason: string }>;
}

/** Read `wazir.manifest.yaml`; a YAML error or a wrong shape is an error naming the file and line. */
export function parseWazirManifest(text: string, where = WAZIR_MANIFEST): WazirManifest {
  const y = parseYaml(text);
  const first = y.errors[0];
  const bad = (msg: string, line = 1) =>
    new UserError(
      ErrorCodes.parse,
      `${where}:${line}: ${msg}`,
      "fix the manifest (`wazir validate manifest`)",
    );
  if (first) throw bad(first.message, first.line);
  const v = y.value;
  if (!isRecord(v)) throw bad("expected a YAML map");
  const lineOf = (key: string) => {
    const i = text.search(new RegExp(`^${key}:`, "m"));
    return i < 0 ? 1 : text.slice(0, i).split("\n").length;
  };
  const list = (key: string): string[] => {
    const x = v[key] ?? [];
    if (!Array.isArray(x) || x.some((e) => typeof e !== "string"))
      throw bad(`"${key}" must be a list of names`, lineOf(key));
    return x as string[];
  };
  const paths = isRecord(v.paths) ? v.paths : {};
  const path = (k: string) => (typeof paths[k] === "string" ? String(paths[k]).replace(/\/$/, "") : k);
  const project = isRecord(v.project) ? v.project : {};
  const names = [...list("roles"), ...list("workflows")];
  const unsafe = names.find((n) => fileNameProblem(n) !== undefined);
  if (unsafe !== undefined) throw bad(`${JSON.stringify(unsafe)} is not a file name`, lineOf("roles"));
  return {
    name: typeof project.name === "string" ? project.name : "wazir",
    hosts: list("hosts"),
    roles: list("roles"),
    workflows: list("workflows"),
    protectedPaths: list("protected_paths"),
    paths: { roles: path("roles"), workflows: path("workflows"), expertise: path("expertise") },
  };
}

/** The cadre pack for a Wazir repository's content. */
export function planWazir(m: WazirManifest, files: readonly ProjectFile[]): WazirPack {
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  const byPath = new Map(files.map((f) => [f.path, f]));
  const out: WazirPack = { files: [], name: slug(m.name), hosts: [], items: 0, skipped: [] };
  const add = (path: string, text: string) => {
    out.files.push({ path, content: enc.encode(text) });
    out.items++;
  };
  for (const h of m.hosts) {
    const id = WAZIR_HOSTS[h];
    if (id) out.hosts.push(id);
    else out.skipped.push({ path: WAZIR_MANIFEST, reason: `host "${h}" has no cadre host; left out` });
  }
  const each = (names: string[], dir: string, kind: "agent" | "command", file: (n: string) => string) => {
    for (const n of names) {
      const src = `${dir}/${file(n)}`;
      const f = byPath.get(src);
      if (!f) {
        out.skipped.push({ path: src, reason: `listed in ${WAZIR_MANIFEST} but missing` });
        continue;
      }
      const name = n.replace(/_/g, "-").toLowerCase();
      const body = withoutFrontmatter(dec.decode(f.content));
      const fields =
        kind === "agent"
          ? { name, description: describe(body, `Wazir's ${n} role.`) }
          : {
              name,
              description: describe(body, `Run Wazir's ${n} phase.`),
            };
      add(`${kind}s/${name}.md`, markdown(fields, body));
    }
  };
  each(m.roles, m.paths.roles, "agent", (n) => `${n}.md`);
  each(m.workflows, m.paths.workflows, "command", (n) => `${n.replace(/_/g, "-")}.md`);
  for (const x of expertiseItems(m.paths.expertise, files)) add(x.path, x.text);
  if (m.protectedPaths.length) add("hooks/wazir-protected-paths.yaml", protectedHook(m.protectedPaths));
  out.files.unshift({
    path: "cadre-pack.yaml",
    content: enc.encode(
      `name: ${JSON.stringify(out.name)}\nversion: 0.0.0\ndescription: ${JSON.stringify(`Wazir content of ${m.name}, converted by cadre import`)}\n`,
    ),
  });
  return out;
}

/** Expertise modules (`<domain>/<topic>.md`, no frontmatter) as expertise items named `<domain>-<topic>`. */
function expertiseItems(dir: string, files: readonly ProjectFile[]): Array<{ path: string; text: string }> {
  const prefix = `${dir}/`;
  const out: Array<{ path: string; text: string }> = [];
  for (const f of files.filter((x) => x.path.startsWith(prefix) && x.path.endsWith(".md"))) {
    const rest = f.path.slice(prefix.length);
    if (/(^|\/)(README|index)\.md$/i.test(rest)) continue;
    const parts = rest.slice(0, -3).split("/");
    const name = slug(parts.join("-"));
    const body = withoutFrontmatter(new TextDecoder().decode(f.content));
    const title = titleOf(body, parts[parts.length - 1] ?? name);
    const fields = {
      name,
      description: describe(body, title),
      domain: parts.length > 1 ? (parts[0] as string) : "general",
      "applies-when": `the task needs ${title.replace(/\.$/, "").toLowerCase()}`,
    };
    out.push({ path: `expertise/${name}.md`, text: markdown(fields, body) });
  }
  return out;
}

/** Wazir's protected paths as a protected-paths hook (a name without an extension is a folder). */
function protectedHook(protectedPaths: readonly string[]): string {
  const paths = protectedPaths.map((p) => (/\.[^/]+$/.test(p) ? p : `${p.replace(/\/$/, "")}/`));
  return [
    "id: wazir-protected-paths",
    `description: Block edits and shell writes to the paths ${WAZIR_MANIFEST} protects.`,
    "event: pre-tool-use",
    "matcher: [edit, write, shell]",
    "handler:",
    "  builtin: protected-paths",
    "failure: closed",
    "config:",
    `  paths: ${JSON.stringify(paths)}`,
    "",
  ].join("\n");
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "wazir"
  );
}

function withoutFrontmatter(text: string): string {
  const t = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const m = /^---\n[\s\S]*?\n---\n/.exec(t);
  return m ? t.slice(m[0].length) : t;
}

/** The first line of prose of a body (else its first heading), as a one-line description. */
function describe(body: string, fallback: string): string {
  const lines = body.split("\n").map((l) => l.trim());
  const prose = lines.find((l) => l !== "" && !l.startsWith("#"));
  const heading = lines.find((l) => l.startsWith("#"))?.replace(/^#+\s*/, "");
  return prose || heading || fallback;
}

/** The first heading of a body, as a title. */
function titleOf(body: string, fallback: string): string {
  return (
    body
      .split("\n")
      .find((l) => l.startsWith("#"))
      ?.replace(/^#+\s*/, "")
      .trim() || fallback
  );
}

function markdown(fields: Record<string, string>, body: string): string {
  const head = Object.entries(fields).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${head.join("\n")}\n---\n\n${body.replace(/^\n+/, "")}`;
}

import type { PackLayout } from "./item.js";
import { DEFAULT_PATHS, type Kind } from "./kinds.js";

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
}

const IGNORED_NAMES = /(^|\/)(README|readme|Readme|CHANGELOG|LICENSE)(\.[a-z]+)?$/;
const SKIP_DIRS = /(^|\/)(node_modules|\.git)(\/|$)/;

function under(path: string, folder: string): string | undefined {
  if (folder === "" || folder === ".") return path;
  return path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : undefined;
}

function skillsUnder(
  paths: readonly string[],
  folder: string,
  category?: (rest: string) => string | undefined,
) {
  const out: Candidate[] = [];
  for (const p of paths) {
    const rest = under(p, folder);
    if (rest === undefined || !rest.endsWith("SKILL.md")) continue;
    if (rest !== "SKILL.md" && !rest.endsWith("/SKILL.md")) continue;
    const dir = p.slice(0, -"/SKILL.md".length);
    if (rest === "SKILL.md") continue; // a SKILL.md directly in the skills folder is not a skill folder
    const c: Candidate = { kind: "skill", path: p, dir };
    const cat = category?.(rest);
    if (cat) c.category = cat;
    out.push(c);
  }
  return out;
}

function markdownUnder(paths: readonly string[], folder: string, kind: Kind, categoryFromFolder: boolean) {
  const out: Candidate[] = [];
  for (const p of paths) {
    const rest = under(p, folder);
    if (rest === undefined || !/\.(md|markdown)$/i.test(rest) || IGNORED_NAMES.test(rest)) continue;
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
    ...skillsUnder(clean, dirs.skill),
    ...markdownUnder(clean, dirs.agent, "agent", true),
    ...markdownUnder(clean, dirs.command, "command", false),
    ...markdownUnder(clean, dirs.rule, "rule", false),
    ...markdownUnder(clean, dirs.expertise, "expertise", true),
    ...markdownUnder(clean, dirs.template, "template", false),
    ...filesUnder(clean, dirs.hook, "hook", /\.ya?ml$/, true),
    ...filesUnder(clean, dirs.mcp, "mcp", /\.ya?ml$/, true),
    ...filesUnder(clean, dirs.schema, "schema", /\.json$/, false),
    ...filesUnder(clean, dirs.profile, "profile", /\.ya?ml$/, true),
  ];
}

/** Candidates of a folder without a manifest, by the conventions of known layouts. */
export function discoverConventional(paths: readonly string[]): {
  candidates: Candidate[];
  layouts: PackLayout[];
} {
  const clean = paths.filter((p) => !SKIP_DIRS.test(p));
  const set = new Set(clean);
  const layouts = new Set<PackLayout>();
  const candidates: Candidate[] = [];
  const add = (layout: PackLayout, list: Candidate[]) => {
    if (list.length === 0) return;
    layouts.add(layout);
    candidates.push(...list);
  };

  if (set.has("SKILL.md")) add("agent-skills", [{ kind: "skill", path: "SKILL.md", dir: "" }]);
  for (const folder of ["skills", ".claude/skills", ".agents/skills"])
    add("agent-skills", skillsUnder(clean, folder));

  if (set.has(".claude-plugin/plugin.json")) {
    layouts.add("claude-plugin");
    add("claude-plugin", markdownUnder(clean, "commands", "command", false));
    if (set.has("hooks/hooks.json"))
      add("claude-plugin", [{ kind: "hook", path: "hooks/hooks.json", claudeHooks: true }]);
  }
  // agents/*.md (plugins) and agents/<category>/*.md (blue-gardener catalogs)
  const agents = markdownUnder(clean, "agents", "agent", true);
  add(agents.some((a) => a.category) ? "blue-gardener" : "claude-plugin", agents);
  add(
    "skillset",
    skillsUnder(clean, "templates", (rest) =>
      rest.split("/").length === 3 ? rest.split("/")[0] : undefined,
    ),
  );
  return { candidates, layouts: [...layouts] };
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

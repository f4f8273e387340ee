/**
 * Outputs that belong to the project rather than to a host: the artifact schemas and templates the pipeline
 * reads (`.cadre/schemas/<name>.schema.json`, `.cadre/templates/<name>.md`). Written once per project
 * whatever the hosts, owned by cadre.lock like every other output (`hosts: []`). Pure.
 */
import type { DesiredFile } from "../hosts/output.js";
import { type Item, qualifiedId } from "../model/item.js";

/** The folders holding project outputs, relative to the project root. */
export const PROJECT_OUTPUT_DIRS = [".cadre/schemas", ".cadre/templates"] as const;

/** Whether a root-relative path is a project output (the only files cadre installs under `.cadre/`). */
export function isProjectOutput(path: string): boolean {
  return PROJECT_OUTPUT_DIRS.some((d) => path.startsWith(`${d}/`) && !path.slice(d.length + 1).includes("/"));
}

/**
 * A template item's body is the artifact skeleton (a Markdown document with its own frontmatter, see
 * src/pipeline/template.ts); that is what is installed, without the item's frontmatter.
 */
function skeletonOf(item: Item): string {
  const body = item.body.replace(/^\n+/, "");
  return body.endsWith("\n") ? body : `${body}\n`;
}

/** The project outputs of the selected items (schemas and templates; other kinds have none), by path. */
export function projectFiles(items: readonly Item[]): DesiredFile[] {
  const out = new Map<string, DesiredFile>();
  for (const item of items) {
    if (item.kind !== "schema" && item.kind !== "template") continue;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(item.name)) continue;
    const path =
      item.kind === "schema" ? `.cadre/schemas/${item.name}.schema.json` : `.cadre/templates/${item.name}.md`;
    const content = item.kind === "schema" ? item.text : skeletonOf(item);
    const prev = out.get(path);
    if (prev) prev.items.push(qualifiedId(item));
    else out.set(path, { type: "file", path, content, hosts: [], items: [qualifiedId(item)] });
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

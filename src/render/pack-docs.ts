/**
 * A pack's generated docs: the README catalogue section, INDEX.md, llms.txt and llms-full.txt. Pure: items in,
 * texts out. `cadre pack docs` writes them into any pack; `npm run gen` uses the same functions for the
 * built-in library (docs/catalog.md, llms.txt).
 */
import type { Item } from "../model/item.js";

export interface PackDocsInput {
  /** Shown in headings: "Built-in library", or the pack's name. */
  title: string;
  /** One paragraph under the llms.txt heading (its `>` summary). */
  summary: string;
  /** Prefix of item links (`library/` for the built-in library, "" for a pack's own files). */
  linkBase: string;
  /** The line that says how the file was made (kept inside the generated text). */
  generatedBy: string;
  items: readonly Item[];
}

export const README_BEGIN = "<!-- cadre:catalog:begin -->";
export const README_END = "<!-- cadre:catalog:end -->";

const one = (s: string) => s.replace(/\s+/g, " ").trim();

/** Items grouped by kind, in catalog order (kind, category, name). */
function byKind(items: readonly Item[]): Map<string, Item[]> {
  const sorted = [...items].sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      (a.category ?? "").localeCompare(b.category ?? "") ||
      a.name.localeCompare(b.name),
  );
  const m = new Map<string, Item[]>();
  for (const i of sorted) m.set(i.kind, [...(m.get(i.kind) ?? []), i]);
  return m;
}

function kindTable(groups: Map<string, Item[]>): string[] {
  const rows = [...groups].map(
    ([k, list]) =>
      `| ${k} | ${list.length} | ${list.reduce((a, i) => a + i.tokens, 0).toLocaleString("en-US")} |`,
  );
  return ["| kind | items | tokens |", "|---|---|---|", ...rows, ""];
}

/** The full catalogue: a table by kind, then every item by kind and category with its tokens. */
export function catalogDoc(p: PackDocsInput): string {
  const groups = byKind(p.items);
  const md = [`# ${p.title} catalog`, "", p.generatedBy, "", ...kindTable(groups)];
  for (const [k, list] of groups) {
    md.push(`## ${k} (${list.length})`, "");
    let category: string | undefined;
    for (const i of list) {
      if ((i.category ?? "") !== category) {
        category = i.category ?? "";
        if (category) md.push(`### ${category}`, "");
      }
      md.push(`- **${i.name}** (\`${i.id}\`, ${i.tokens} tokens) — ${one(i.description)}`);
    }
    md.push("");
  }
  return md.join("\n");
}

/** The README section: the kind table and one linked line per item (no tokens, no categories). */
export function readmeSection(p: PackDocsInput): string {
  const groups = byKind(p.items);
  const md = ["## Catalog", "", ...kindTable(groups)];
  for (const [k, list] of groups) {
    md.push(`### ${k}`, "");
    for (const i of list) md.push(`- [\`${i.id}\`](${p.linkBase}${i.path}) — ${one(i.description)}`);
    md.push("");
  }
  md.push(`<sub>${p.generatedBy}</sub>`);
  return md.join("\n");
}

/** llms.txt (llmstxt.org): a heading, a summary, then one link per item under its kind. */
export function llmsTxt(p: PackDocsInput): string {
  const out = [`# ${p.title}`, "", `> ${one(p.summary)}`, ""];
  for (const [k, list] of byKind(p.items)) {
    out.push(`## ${k}`, "");
    for (const i of list) out.push(`- [${i.id}](${p.linkBase}${i.path}): ${one(i.description)}`);
    out.push("");
  }
  return out.join("\n");
}

/** llms-full.txt: llms.txt's heading and summary, then every item's whole main file. */
export function llmsFullTxt(p: PackDocsInput): string {
  const out = [`# ${p.title}`, "", `> ${one(p.summary)}`, ""];
  for (const [, list] of byKind(p.items))
    for (const i of list) out.push(`## ${i.id} (${p.linkBase}${i.path})`, "", i.text.replace(/\s+$/, ""), "");
  return out.join("\n");
}

/** Put `body` between the README markers, appending a marked section when the README has none. */
export function withReadmeSection(readme: string | undefined, title: string, body: string): string {
  const block = `${README_BEGIN}\n${body}\n${README_END}`;
  if (readme === undefined) return `# ${title}\n\n${block}\n`;
  const lines = readme.split("\n");
  const a = lines.indexOf(README_BEGIN);
  const b = lines.indexOf(README_END);
  if (a === -1 && b === -1) return `${readme.replace(/\n*$/, "\n\n")}${block}\n`;
  if (a === -1 || b === -1 || b < a || lines.indexOf(README_BEGIN, a + 1) !== -1)
    throw new Error(`unbalanced ${README_BEGIN} / ${README_END} markers`);
  return [...lines.slice(0, a), block, ...lines.slice(b + 1)].join("\n");
}

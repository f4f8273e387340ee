import { findMentions, findRelativeLinks, scanLines } from "../../core/markdown.js";
import { resolveRef } from "../../model/catalog.js";
import type { Item, Pack } from "../../model/item.js";
import { MARKDOWN_KINDS } from "../../model/kinds.js";
import { bodyToFileLine, lineOfKey } from "../locate.js";
import type { Finding, LintContext, LintRule } from "../types.js";

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? "" : path.slice(0, i);
}

/** Join a relative link onto a folder, resolving '.' and '..'; undefined when it leaves the pack. */
export function joinRelative(dir: string, rel: string): string | undefined {
  const parts = dir ? dir.split("/") : [];
  for (const seg of rel.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join("/");
}

function exists(pack: Pack, path: string): boolean {
  if (pack.files.has(path)) return true;
  const prefix = `${path.replace(/\/$/, "")}/`;
  for (const f of pack.files) if (f.startsWith(prefix)) return true;
  return false;
}

function mentionResolves(name: string, item: Item, ctx: LintContext): boolean {
  if (name === item.name) return true;
  return ctx.catalog.items.some((i) => i.name === name);
}

/** Edit distance of two short strings, capped: enough to tell a typo of an item name. */
function near(a: string, b: string, max = 2): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return (prev[b.length] as number) <= max;
}

/**
 * An unresolved `@word` that reads as a reference to an item: a kebab-case name (`@code-reviewer`), or
 * one a typo away from an item's name. A single word far from every name is a decorator (`@contextmanager`),
 * a version (`@v4`, `@latest`), a CSS at-rule or a person (`@alice`), not a mention.
 */
function looksLikeItem(name: string, ctx: LintContext): boolean {
  if (/^(?:v?\d|latest$|next$)/.test(name)) return false;
  if (name.includes("-")) return true;
  const max = name.length >= 8 ? 2 : name.length >= 5 ? 1 : 0;
  return max > 0 && ctx.catalog.items.some((i) => i.kind !== "profile" && near(name, i.name, max));
}

/** The folder of the Claude plugin holding a file: the nearest with .claude-plugin/plugin.json, else the pack. */
function pluginRoot(pack: Pack, path: string): string {
  for (let dir = dirOf(path); dir !== ""; dir = dirOf(dir))
    if (pack.files.has(`${dir}/.claude-plugin/plugin.json`)) return dir;
  return "";
}

/** Folder a `${VAR}/…` link is relative to, for the variables hosts expand; undefined for other templates. */
function linkBase(link: string, item: Item, pack: Pack): { base: string; rel: string } | undefined {
  const m = /^\$\{?(CLAUDE_SKILL_DIR|CLAUDE_PLUGIN_ROOT)\}?\/(.*)$/.exec(link);
  if (m) {
    const base = m[1] === "CLAUDE_SKILL_DIR" ? (item.dir ?? dirOf(item.path)) : pluginRoot(pack, item.path);
    return { base, rel: m[2] ?? "" };
  }
  if (/[{}$<>]/.test(link) || !/[./]/.test(link)) return undefined; // {placeholder}, thumbnail_url
  return { base: dirOf(item.path), rel: link };
}

export const refRules: LintRule[] = [
  {
    id: "links/relative-missing",
    severity: "warning",
    description:
      "Relative Markdown links (also links starting with the CLAUDE_SKILL_DIR or CLAUDE_PLUGIN_ROOT variable) point at files that exist in the pack; links inside code, inline or fenced at any indent, are not links. Authoring, not rejection: hosts load the item, and the model finds no file there.",
    hint: "fix the link target or add the missing file",
    item: (it, pack) => {
      if (!MARKDOWN_KINDS.has(it.kind)) return [];
      const out: Finding[] = [];
      for (const link of findRelativeLinks(it.body)) {
        const at = linkBase(link.value, it, pack);
        if (!at) continue;
        const target = joinRelative(at.base, at.rel);
        if (target === undefined)
          out.push({
            message: `link "${link.value}" leaves the pack`,
            line: bodyToFileLine(it, link.line),
            column: link.column,
          });
        else if (!exists(pack, target))
          out.push({
            message: `link target "${link.value}" does not exist`,
            line: bodyToFileLine(it, link.line),
            column: link.column,
          });
      }
      return out;
    },
  },
  {
    id: "links/references-missing",
    severity: "warning",
    description:
      "Files a skill names under references/, scripts/ or assets/ exist. Authoring, not rejection: hosts load the skill, and the model finds no file there.",
    hint: "add the file to the skill folder or remove the mention",
    item: (it, pack) => {
      if (it.kind !== "skill") return [];
      const base = it.dir ?? "";
      const out: Finding[] = [];
      for (const l of scanLines(it.body)) {
        if (l.inFence) continue;
        for (const m of l.text.matchAll(
          /(?:^|[\s(`'"])((?:references|scripts|assets)\/[\w./-]*\.[A-Za-z0-9]+)/g,
        )) {
          const rel = m[1] as string;
          const target = joinRelative(base, rel);
          if (target === undefined || !exists(pack, target))
            out.push({
              message: `"${rel}" is mentioned but not in the skill folder`,
              line: bodyToFileLine(it, l.line),
              column: (m.index ?? 0) + 2,
            });
        }
      }
      return out;
    },
  },
  {
    id: "refs/unresolved-mention",
    severity: "warning",
    description:
      "An @name mention that reads as an item reference (kebab-case, or a typo away from an item's name) names an item that exists; decorators, versions and handles such as @contextmanager, @v4 or @alice are not mentions. Authoring, not rejection: hosts load the text as written.",
    hint: "fix the name, add the item, or write the word without '@'",
    item: (it, _pack, ctx) => {
      if (!MARKDOWN_KINDS.has(it.kind)) return [];
      return findMentions(it.body)
        .filter((m) => !mentionResolves(m.value, it, ctx) && looksLikeItem(m.value, ctx))
        .map((m) => ({
          message: `@${m.value} does not name any item`,
          line: bodyToFileLine(it, m.line),
          column: m.column,
        }));
    },
  },
  {
    id: "refs/command-agent",
    severity: "error",
    description:
      "A command's agent field names an agent that exists. Consequence: hosts run the command with an agent they do not have, so `sync` does not install it.",
    hint: "set agent to the name of an existing agent",
    item: (it, _pack, ctx) => {
      const a = it.meta.agent;
      if (it.kind !== "command" || typeof a !== "string") return [];
      return resolveRef(ctx.catalog, `agent:${a}`).ok
        ? []
        : [{ message: `agent "${a}" does not exist`, line: lineOfKey(it, "agent") }];
    },
  },
  {
    id: "profile/unknown-item",
    severity: "error",
    description:
      "Every item and extended profile a profile lists exists. Consequence: `sync` installs the profile without what is missing.",
    hint: "use ids of the form kind:name (see `cadre list`)",
    item: (it, _pack, ctx) => {
      if (it.kind !== "profile") return [];
      const out: Finding[] = [];
      const items = Array.isArray(it.meta.items) ? it.meta.items : [];
      for (const ref of items) {
        const r = typeof ref === "string" ? resolveRef(ctx.catalog, ref) : undefined;
        if (!r?.ok || !String(ref).includes(":"))
          out.push({ message: `unknown item "${String(ref)}"`, line: lineOfRef(it.text, String(ref)) });
      }
      for (const p of Array.isArray(it.meta.extends) ? it.meta.extends : []) {
        if (!resolveRef(ctx.catalog, `profile:${String(p)}`).ok)
          out.push({
            message: `extends unknown profile "${String(p)}"`,
            line: lineOfRef(it.text, String(p)),
          });
      }
      return out;
    },
  },
];

function lineOfRef(text: string, ref: string): number {
  const i = text.indexOf(ref);
  return i === -1 ? 1 : text.slice(0, i).split("\n").length;
}

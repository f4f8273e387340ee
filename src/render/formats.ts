import type { Fields, FormatId, Target } from "../hosts/define.js";
import type { Content } from "../hosts/output.js";
import type { Item } from "../model/item.js";
import { hostTools, mapFields } from "./fields.js";
import { markdownFile } from "./frontmatter.js";
import { rewriteRefs } from "./refs.js";
import { renderToml } from "./toml.js";

/** One item as a renderer sees it: the loaded item plus the bytes of its other files (skills). */
/**
 * What composition gives a role agent in one host (app/compose.ts): text appended to its body (the inlined
 * expertise, or the per-mode references) and, where the host's agents preload skills, the skills to list.
 */
export interface ComposedAgent {
  append: string;
  preload?: { field: string; skills: string[] };
}

export interface RenderItem {
  item: Item;
  /** Host id → the composed expertise this agent gets there (cadre.yaml `compose:`). */
  composed?: ReadonlyMap<string, ComposedAgent>;
  /** Pack-relative path → content, for every file of a skill folder except SKILL.md. */
  assets?: ReadonlyMap<string, Content>;
  /** Pack-relative paths of the assets that must install executable (exec bit in the pack, or a `#!` line). */
  executable?: ReadonlySet<string>;
  /** `--link`: the pack folder (absolute), so that skill files can be symlinked rather than copied. */
  linkRoot?: string;
  /** A plugin hook's support files (pack-relative path → bytes and whether the pack file is executable). */
  scripts?: ReadonlyMap<string, { content: Content; executable: boolean }>;
  /**
   * For an item read from a host's own folder at the pack's root: the pack paths that hold its main file as it
   * is → those bytes. Where the item installs at one of these paths, the bytes are written as they are (the
   * host reads its own file as it is).
   */
  raw?: ReadonlyMap<string, Content>;
}

export interface RenderedFile {
  /** Root-relative path. */
  path: string;
  content: Content;
  link?: string;
  executable?: boolean;
}

/** A file renderer: one per output format, shared by every host that uses the format. */
export type FileRenderer = (ri: RenderItem, target: Target, path: string, refs?: RefPhrase) => RenderedFile[];

/** `@name` → how the host should read the reference (undefined: leave it). */
export type RefPhrase = (name: string) => string | undefined;

/** The agent as it renders in one host with its composed expertise: a longer body, a preload field. */
export function withComposed<T extends RenderItem>(
  ri: T,
  host: string,
  target: Target,
): { ri: T; target: Target } {
  const c = ri.composed?.get(host);
  if (!c || ri.item.kind !== "agent") return { ri, target };
  const body = c.append ? `${ri.item.body.trimEnd()}\n\n${c.append}` : ri.item.body;
  const meta = c.preload?.skills.length ? { ...ri.item.meta, skills: c.preload.skills } : ri.item.meta;
  const preload = c.preload?.skills.length ? c.preload.field : undefined;
  return {
    ri: { ...ri, item: { ...ri.item, body, meta } },
    target: preload ? { ...target, fields: { ...target.fields, [preload]: "$skills" } } : target,
  };
}

function body(item: Item, refs?: RefPhrase): string {
  return refs ? rewriteRefs(item.body, refs) : item.body;
}

/** An Agent Skills folder. Skills are copied as they are; other kinds become a SKILL.md with name and description. */
export const renderSkillDir: FileRenderer = ({ item, assets, linkRoot, executable }, target, dir, refs) => {
  if (item.kind === "skill") {
    const base = item.dir ?? item.path.replace(/\/?SKILL\.md$/, "");
    const text = ensureNewline(refs ? rewriteRefs(item.text, refs) : item.text);
    // Linked only when the file is exactly its source (no reference rewritten).
    const link = (f: string, same: boolean) => (linkRoot && same ? `${linkRoot}/${f}` : undefined);
    const files: RenderedFile[] = [
      withLink({ path: `${dir}/SKILL.md`, content: text }, link(item.path, text === item.text)),
    ];
    for (const f of [...item.files].sort()) {
      if (f === item.path) continue;
      const content = assets?.get(f);
      if (content === undefined) continue;
      const rel = base ? f.slice(base.length + 1) : f;
      const l = link(f, true);
      // A linked file has the pack file's own mode.
      const exec = !l && executable?.has(f) ? { executable: true } : {};
      files.push(withLink({ path: `${dir}/${rel}`, content, ...exec }, l));
    }
    return files;
  }
  const fields = target.fields ?? skillFields(item);
  return [
    { path: `${dir}/SKILL.md`, content: markdownFile(mapFields(fields, item, target), body(item, refs)) },
  ];
};

/**
 * The frontmatter of an item written as a skill: a command, or a `manual` rule (Claude Code, Cline and Roo load
 * a rule without frontmatter at launch, so a manual rule becomes a skill only the user invokes).
 */
function skillFields(item: Item): Fields {
  if (item.kind === "command") return COMMAND_SKILL;
  if (item.kind === "rule" && item.meta.activation === "manual") return MANUAL_RULE_SKILL;
  return SKILL;
}

/** Frontmatter of an agent, rule or expertise item written as a skill (a target's `fields` replace it). */
const SKILL = { name: "$name", description: "$description" } as const;

/**
 * A command written as a skill is one the user runs (`/name`): `disable-model-invocation: true` keeps the model
 * from running it on its own where the host honours the key (Claude Code, Copilot, Cursor); hosts that do not
 * ignore it. Every host that shares a skills folder gets the same file.
 */
const COMMAND_SKILL = {
  ...SKILL,
  "argument-hint": "$argumentHint",
  "disable-model-invocation": true,
} as const;

const MANUAL_RULE_SKILL = { ...SKILL, "disable-model-invocation": true } as const;

/** Markdown with a host's frontmatter table (agents, commands, kiro steering). */
export const renderMarkdown: FileRenderer = ({ item }, target, path, refs) => [
  { path, content: markdownFile(mapFields(target.fields, item, target), body(item, refs)) },
];

/** A rule: frontmatter chosen by the rule's activation, then the host's fixed fields. */
export const renderRule: FileRenderer = ({ item }, target, path, refs) => {
  const activation = String(item.meta.activation ?? "always") as "always" | "glob" | "model" | "manual";
  const fields = { ...(target.activation?.[activation] ?? {}), ...(target.fields ?? {}) };
  return [{ path, content: markdownFile(mapFields(fields, item, target), body(item, refs)) }];
};

/** Codex custom agent: one TOML file with name, description, a read-only sandbox when the tools allow no writes, and developer_instructions. */
export const renderAgentToml: FileRenderer = ({ item }, target, path, refs) => {
  const sandbox = hostTools(item.meta.tools, target);
  return [
    {
      path,
      content: renderToml([
        ["name", item.name],
        ["description", item.description.replace(/\s+/g, " ").trim()],
        ...(typeof sandbox === "string" ? [["sandbox_mode", sandbox] as [string, string]] : []),
        ["developer_instructions", `${body(item, refs).trim()}\n`],
      ]),
    },
  ];
};

/** Gemini CLI command: TOML with description and prompt; `$ARGUMENTS` becomes `{{args}}`. */
export const renderCommandToml: FileRenderer = ({ item }, _target, path, refs) => [
  {
    path,
    content: renderToml([
      ["description", item.description.replace(/\s+/g, " ").trim()],
      [
        "prompt",
        `${body(item, refs)
          .trim()
          .replace(/\$ARGUMENTS/g, "{{args}}")}\n`,
      ],
    ]),
  },
];

/**
 * The owned copy an index entry points at: name, description and the body. A skill written as
 * `<folder>/SKILL.md` gets its other files copied beside it, so that its relative links (`scripts/…`) resolve.
 */
export const renderIndexedFile: FileRenderer = (ri, target, path, refs) => {
  const { item } = ri;
  if (item.kind === "skill" && path.endsWith("/SKILL.md"))
    return renderSkillDir(ri, target, path.slice(0, -"/SKILL.md".length), refs);
  return [
    {
      path,
      content: markdownFile(
        [
          ["name", item.name],
          ["description", item.description.replace(/\s+/g, " ").trim()],
        ],
        body(item, refs),
      ),
    },
  ];
};

export const FILE_RENDERERS: Partial<Record<FormatId, FileRenderer>> = {
  "skill-dir": renderSkillDir,
  "agent-md": renderMarkdown,
  "command-md": renderMarkdown,
  "rule-md": renderRule,
  "agent-toml": renderAgentToml,
  "command-toml": renderCommandToml,
  index: renderIndexedFile,
};

function withLink(f: RenderedFile, link: string | undefined): RenderedFile {
  return link ? { ...f, link } : f;
}

function ensureNewline(s: string): string {
  return s.endsWith("\n") ? s : `${s}\n`;
}

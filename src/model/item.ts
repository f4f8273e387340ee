import type { Diagnostic } from "../core/diagnostics.js";
import type { Kind } from "./kinds.js";

export type ItemId = `${Kind}:${string}`;

/** One loaded item. `meta` is the raw frontmatter/document; lint validates it against the kind's schema. */
export interface Item {
  id: ItemId;
  kind: Kind;
  name: string;
  /** The pack's name. */
  pack: string;
  /** Main file, posix path relative to the pack root. */
  path: string;
  /** Skills: the folder holding SKILL.md (relative to the pack root). */
  dir?: string;
  meta: Record<string, unknown>;
  /** Markdown body (or the whole document for YAML/JSON kinds). */
  body: string;
  /** 1-based line of the main file where the body starts. */
  bodyLine: number;
  /** The main file's normalised text. */
  text: string;
  description: string;
  category?: string;
  tags: string[];
  /** Every file that belongs to the item (skills: the whole folder), relative to the pack root. */
  files: string[];
  /** sha256 of the item's content (all its files). */
  hash: string;
  /** Token count of the main file (set by the loader with a real BPE tokenizer). */
  tokens: number;
  /** What the loader accepted leniently, as its host does (see LoadNote). */
  notes?: LoadNote[];
}

export type PackLayout =
  | "cadre-pack"
  | "claude-plugin"
  | "claude-marketplace"
  | "cursor-plugin"
  | "gemini-extension"
  | "host-folders"
  | "categories"
  | "command-collection"
  | "cursor-rules"
  | "skill-folders"
  | "agent-skills"
  | "blue-gardener"
  | "skillset"
  | "convention";

/** Why a folder was read the way it was: which file or folder matched which convention. Printed by --explain. */
export interface LayoutReason {
  layout: PackLayout;
  /** The convention, e.g. "marketplace.json plugins[].source" or "<category>/<skill>/SKILL.md". */
  rule: string;
  /** The pack-relative file or folder that matched ("" is the pack root). */
  path: string;
  /** Items this match contributed. */
  items: number;
  note?: string;
}

/**
 * Something the loader accepted only because the host that wrote the file accepts it (an unquoted colon, no
 * frontmatter, a display name): the lenient-loading lint rules report each as a warning with its fix.
 */
export interface LoadNote {
  rule: "load/lenient-frontmatter" | "item/display-name";
  message: string;
  line?: number;
  hint: string;
}

export interface Pack {
  name: string;
  version?: string;
  description?: string;
  license?: string;
  homepage?: string;
  /** cadre-pack.yaml `author`, for exported plugin manifests. */
  author?: { name: string; email?: string; url?: string };
  /** The pack folder as the user should see it in messages. */
  root: string;
  layouts: PackLayout[];
  /** Why the folder was read as these layouts: which file or folder matched which convention. */
  discovery?: LayoutReason[];
  items: Item[];
  /** Every file of the pack (posix, relative to the root). */
  files: ReadonlySet<string>;
  /** Decoded text of supporting files that are not items (scripts, references), for lint. */
  texts: ReadonlyMap<string, string>;
  /** Load problems: parse errors, unreadable or unsafe files. */
  diagnostics: Diagnostic[];
  /** Raw `composition-map.yaml`, when the pack has one. */
  compositionMap?: unknown;
  builtin: boolean;
}

export function itemId(kind: Kind, name: string): ItemId {
  return `${kind}:${name}`;
}

export function qualifiedId(item: Pick<Item, "pack" | "id">): string {
  return `${item.pack}/${item.id}`;
}

export function displayPath(pack: Pick<Pack, "root">, rel: string): string {
  return pack.root === "" || pack.root === "." ? rel : `${pack.root}/${rel}`;
}

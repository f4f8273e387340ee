/**
 * What renderers produce and the planner consumes: the desired state of each path, relative to the
 * scope root. Pure data; defined here so that `render/` and `plan/` (siblings) share it.
 */
export type Content = string | Uint8Array;

export interface Owners {
  /** Host ids that read this output. */
  hosts: string[];
  /** Qualified item ids (`pack/kind:name`) that produced it. */
  items: string[];
  /** Other selected hosts that read this output too, although it was not written for them (`HostDef.reads`). */
  readers?: string[];
}

/** A whole file cadre owns. */
export interface DesiredFile extends Owners {
  type: "file";
  path: string;
  content: Content;
  /** `--link`: an absolute path to symlink to instead of copying (its content is `content`). */
  link?: string;
  /** The file must be executable (a hook script run by the host): mode 0755, restored when lost. */
  executable?: boolean;
}

/** cadre's managed block inside a shared file (AGENTS.md, config.toml); the rest of the file is the user's. */
export interface DesiredBlock extends Owners {
  type: "block";
  path: string;
  /** The block's inner text (without markers), ending with a newline. */
  content: string;
  comment: "html" | "hash";
  /** The host's size limit for the whole file, in bytes. */
  limitBytes?: number;
}

/**
 * A key segment `[path=value]` selects the element of an array whose dotted `path` equals `value`
 * (e.g. `[slug=reviewer]`, `[hooks.0.command=cadre hook loop-cap]`; `[.=CONVENTIONS.md]`: the string element
 * itself): how cadre owns one entry of an
 * array it shares with the user. A selector must be the last segment of a key.
 */
export interface Selector {
  path: string[];
  value: string;
  /** `[{…}]` (selectorAll): every dotted path must hold its JSON value (null: be absent). */
  all?: Array<{ path: string[]; value: unknown }>;
}

export function parseSelector(segment: string): Selector | undefined {
  if (segment.startsWith("[{") && segment.endsWith("}]")) {
    try {
      const o = JSON.parse(segment.slice(1, -1)) as Record<string, unknown>;
      const all = Object.entries(o).map(([k, v]) => ({ path: k.split("."), value: v }));
      const first = all[0];
      if (first) return { path: first.path, value: String(first.value), all };
    } catch {
      // not a selector: a plain key
    }
  }
  const m = /^\[([^=\]]+)=(.*)\]$/s.exec(segment);
  // `[.=value]`: the element itself is the string `value` (an entry of a list of strings).
  return m ? { path: m[1] === "." ? [] : (m[1] as string).split("."), value: m[2] as string } : undefined;
}

/** A selector on several dotted paths at once (`null`: the key must be absent), e.g. command + matcher. */
export function selectorAll(conditions: Record<string, unknown>): string {
  return `[${JSON.stringify(conditions)}]`;
}

export function selector(path: string, value: string): string {
  return `[${path}=${value}]`;
}

/** Keys cadre owns in a shared JSON config; every other key is the user's. */
export interface DesiredKeys extends Owners {
  type: "keys";
  path: string;
  /** `yaml`: the file may be YAML or JSON (kept in whichever it is; a new file is YAML). Default JSON. */
  syntax?: "json" | "yaml";
  /** Each entry's key is a path of object keys, optionally ending in a `[path=value]` array-entry selector. */
  entries: Array<{ key: string[]; value: unknown }>;
}

export type Desired = DesiredFile | DesiredBlock | DesiredKeys;

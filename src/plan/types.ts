import type { Scope } from "../hosts/define.js";
import type { Content } from "../hosts/output.js";

/** How cadre owns a path: the whole file, a marked block inside it, or some keys of a JSON config. */
export type OwnMode = "file" | "block" | "keys";

export interface LockEntry {
  mode: OwnMode;
  /** sha256 of what cadre last rendered for this path (whole file, block text, or all owned keys). */
  sha256: string;
  hosts: string[];
  items: string[];
  /** Other selected hosts that read this path too, though it was written for `hosts` (`HostDef.reads`). */
  readers?: string[];
  /** Block: what cadre inserted before the block, so that removing it restores the original bytes. */
  sep?: string;
  /** Block/keys: cadre created the file, so it may delete it when nothing else is left. */
  created?: boolean;
  /** Keys: JSON pointer → sha256 of the value cadre wrote. */
  keys?: Record<string, string>;
  /** Keys: parent objects cadre created (JSON pointers), removed again when they become empty. */
  parents?: string[];
  /** Block comment style. */
  comment?: "html" | "hash";
  /** File: installed as a symlink to the pack's file (`--link`). */
  link?: boolean;
  /** File: written executable (mode 0755); a lost exec bit is restored by the next sync. */
  executable?: boolean;
  /** Keys: the config may be YAML (`.roomodes`); absent means JSON. */
  syntax?: "yaml";
  /**
   * File/keys: already on disk with cadre's content when cadre first took it over (`cadre import`), so cadre did
   * not create it: removing it from the selection or `cadre uninstall` releases it instead (`--force` deletes).
   */
  adopted?: boolean;
}

export interface Lock {
  version: 1;
  rendererVersion: number;
  scope: Scope;
  /** Qualified item id → sha256 of the item's content. */
  items: Record<string, { hash: string }>;
  /** Root-relative path → what cadre owns there. */
  files: Record<string, LockEntry>;
  /** Folders cadre created (root-relative); only these are removed when they become empty. */
  dirs?: string[];
  /** Remote sources (canonical spec → what it resolved to), so a fresh clone installs exactly these. */
  sources?: Record<string, LockSource>;
  /** Executable content the user trusted: canonical source spec → item id (`kind:name`) → its trust hash. */
  trust?: Record<string, Record<string, string>>;
}

/** A pinned remote source: the commit, version or archive it resolved to, and the hash of its files. */
export interface LockSource {
  type: "git" | "npm" | "archive";
  /** git: the URL fetched; archive: the URL or file. */
  url?: string;
  /** git: the ref asked for (absent: the default branch). */
  ref?: string;
  commit?: string;
  /** npm: the exact version, its tarball and its integrity (sha512). */
  version?: string;
  resolved?: string;
  integrity?: string;
  /** archive: sha256 of the downloaded file. */
  sha256?: string;
  /** sha256 over the unpacked files (paths, exec bits, contents): checked on every use of the cache. */
  tree: string;
}

export function emptyLock(scope: Scope, rendererVersion: number): Lock {
  return { version: 1, rendererVersion, scope, items: {}, files: {} };
}

/** What is on disk now: every path the plan may touch → its bytes, or null when absent. */
export type Observed = ReadonlyMap<string, Content | null>;

/** Paths that exist on disk without their owner's exec bit (only paths cadre wants executable are checked). */
export type NotExecutable = ReadonlySet<string>;

/** Merge bases from the content-addressed cache: sha256 → text cadre once wrote. */
export type Bases = ReadonlyMap<string, string>;

export type ActionType = "create" | "update" | "merge" | "delete" | "skip" | "conflict" | "adopt" | "untrack";

export interface Action {
  type: ActionType;
  path: string;
  mode: OwnMode;
  reason: string;
  /** The whole new content of the file; null deletes it; undefined leaves the file alone. */
  write?: Content | null;
  /** The file's content before (for diffs). */
  before?: Content | null;
  /** Conflicts: the proposal written beside the file. */
  proposal?: string;
  /** `--link`: make the file a symlink to this absolute path (the applier falls back to a copy). */
  link?: string;
  /** Write the file executable (mode 0755, set on the temporary file before the rename). */
  executable?: boolean;
  /** Texts to keep in the merge-base cache (what cadre rendered this time). */
  bases?: string[];
  hosts: string[];
  items: string[];
  /** Hosts that read the path too, though it is not written for them. */
  readers?: string[];
}

export interface Plan {
  actions: Action[];
  /** The lock after the plan is applied. */
  lock: Lock;
}

export interface PlanOptions {
  /** Overwrite or delete files the user edited. */
  force?: boolean;
  /** Remove everything cadre owns (uninstall). */
  removeAll?: boolean;
  /** Mark files and key sets found already in place with cadre's content `adopted` (`cadre import`). */
  adopt?: boolean;
}

/** Suffix of the proposal file written beside a conflicted file. */
export const PROPOSAL_SUFFIX = ".cadre-proposed";

/** Actions that change the disk. */
export function isChange(a: Action): boolean {
  return a.write !== undefined || a.proposal !== undefined;
}

/** What the I/O edge read from a pack folder: the input of the pure pack parser. */
export interface SnapshotFile {
  /** Posix path relative to the pack root. */
  path: string;
  size: number;
  /** Bytes, for text-like files under the size cap. */
  content?: Uint8Array;
  problem?: "too-large" | "symlink-escape" | "unreadable" | "truncated";
  /** Extra detail for a problem (e.g. the symlink target). */
  detail?: string;
}

export interface PackSnapshot {
  /** The pack folder as shown in messages. */
  root: string;
  /** The folder's base name (the pack name when there is no manifest). */
  folderName: string;
  files: SnapshotFile[];
  builtin?: boolean;
  maxFileBytes: number;
}

const TEXT_EXT = /\.(md|markdown|mdc|ya?ml|json|toml|txt|sh|bash|zsh|ps1|py|js|mjs|cjs|ts|rb|pl)$/i;

/** Whether the edge should read a file's bytes into the snapshot. */
export function wantsContent(path: string): boolean {
  return TEXT_EXT.test(path) || !/\.[^/]+$/.test(path);
}

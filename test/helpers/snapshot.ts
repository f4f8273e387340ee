import type { Pack } from "../../src/model/item.js";
import { parsePack } from "../../src/model/parse-pack.js";
import type { PackSnapshot, SnapshotFile } from "../../src/model/snapshot.js";

export type Tree = Record<string, string | Uint8Array | Omit<SnapshotFile, "path">>;

/** An in-memory pack folder: path → text, bytes, or a raw snapshot entry (for problems). */
export function snapshot(tree: Tree, root = "pack", folderName = "pack"): PackSnapshot {
  const enc = new TextEncoder();
  const files: SnapshotFile[] = Object.entries(tree).map(([path, v]) => {
    if (typeof v === "string") {
      const content = enc.encode(v);
      return { path, size: content.length, content };
    }
    if (v instanceof Uint8Array) return { path, size: v.length, content: v };
    return { path, ...v };
  });
  return { root, folderName, files, maxFileBytes: 1024 * 1024 };
}

export function pack(tree: Tree, root = "pack"): Pack {
  return parsePack(snapshot(tree, root, root));
}

/** A minimal valid cadre pack manifest. */
export const MANIFEST = "name: test-pack\nversion: 1.0.0\ndescription: A pack for tests.\n";

export function skill(name: string, extra = "", body = "Do the thing, step by step."): string {
  return `---\nname: ${name}\ndescription: Does ${name} things. Use when testing ${name}.\n${extra}---\n${body}\n`;
}

export function agent(name: string, extra = "", body = "You are a helpful agent."): string {
  return `---\nname: ${name}\ndescription: Agent ${name}. Use when delegating ${name} work.\ncategory: quality\n${extra}---\n${body}\n`;
}

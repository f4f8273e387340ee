import { lstat } from "node:fs/promises";
import { join } from "node:path";
import type { HostDef, HostReads } from "../hosts/define.js";
import { type HostEnv, resolveTemplate } from "../hosts/paths.js";

/**
 * Which of the files that decide whether a host reads another host's output (`ReadPath.unless`, e.g. a
 * CLAUDE.md that stops Claude Code reading AGENTS.md) exist under the root. Only those paths are looked at,
 * with `lstat` (nothing is opened or followed).
 */
export async function presentPaths(
  root: string,
  hosts: readonly HostDef[],
  env: HostEnv,
): Promise<Set<string>> {
  const paths = new Set<string>();
  for (const h of hosts)
    for (const list of Object.values(h.reads ?? {}) as Array<HostReads[keyof HostReads]>)
      for (const r of list ?? [])
        for (const u of r.unless ?? []) {
          const p = resolveTemplate({ project: u, user: u }, env);
          if (p !== undefined) paths.add(p);
        }
  const found = await Promise.all(
    [...paths].map(async (p) => ((await lstat(join(root, p)).catch(() => undefined)) ? p : undefined)),
  );
  return new Set(found.filter((p): p is string => p !== undefined));
}

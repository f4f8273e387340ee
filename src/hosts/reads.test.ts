import { describe, expect, it } from "vitest";
import { type HostDef, type HostKind, type ReadPath, SCOPES, type Scope, targetAt } from "./define.js";
import { type HostEnv, resolveTemplate } from "./paths.js";
import { HOSTS } from "./registry.js";

// Issue 11 item 3: every host says, as data (`HostDef.reads`), which files it reads. The least that data must
// hold is what cadre writes for the host itself: a path cadre writes that the host's own `reads` does not
// cover means the module is wrong (or the host reads nothing cadre writes for it).
const hosts = Object.values(HOSTS) as HostDef[];
const KINDS: HostKind[] = ["skill", "agent", "rule", "expertise", "hook"];

function covered(path: string, reads: readonly ReadPath[], env: HostEnv): boolean {
  return reads.some((r) => {
    const at = resolveTemplate(r, env);
    return at !== undefined && (path === at || path.startsWith(`${at}/`));
  });
}

describe.each(hosts.map((h) => [h.id, h] as const))("%s", (_id, host) => {
  it("declares what it reads", () => {
    expect(host.reads, `${host.id} has no reads`).toBeDefined();
  });

  it.each(SCOPES.map((s) => [s] as const))(
    "reads every file cadre writes for it at %s scope",
    (scope: Scope) => {
      const env: HostEnv = { home: "/home/user", scope };
      const all = Object.values(host.reads ?? {}).flat() as ReadPath[];
      const missing: string[] = [];
      for (const kind of KINDS) {
        const t = targetAt(host, kind, scope);
        // Index rules are read through the links in the instructions file, not by a folder read.
        if (!t || t.format === "index") continue;
        const path = resolveTemplate(t.path, env, { name: "x", kind });
        if (path !== undefined && !covered(path, all, env)) missing.push(`${kind}: ${path}`);
      }
      const instr = host.instructions ? resolveTemplate(host.instructions, env) : undefined;
      if (instr !== undefined && !covered(instr, host.reads?.instructions ?? [], env))
        missing.push(`instructions: ${instr}`);
      expect(missing).toEqual([]);
    },
  );
});

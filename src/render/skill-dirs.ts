import type { HostDef, Target } from "../hosts/define.js";
import { HOST_KINDS, skillReads, targetAt } from "../hosts/define.js";
import { type HostEnv, resolveTemplate } from "../hosts/paths.js";

const PLACEHOLDER = "__cadre_name__";

function ownDir(host: HostDef, env: HostEnv): string | undefined {
  const t = HOST_KINDS.map((k) => targetAt(host, k, env.scope)).find(
    (x): x is Target => x?.format === "skill-dir",
  );
  const p = t ? resolveTemplate(t.path, env, { name: PLACEHOLDER }) : undefined;
  return p?.endsWith(`/${PLACEHOLDER}`) ? p.slice(0, -PLACEHOLDER.length - 1) : undefined;
}

/**
 * Pick one skills folder per host so that hosts reading a shared folder (`.agents/skills`) share one
 * copy, and no host reads the same skill from two folders when that can be avoided. Hosts with the
 * fewest choices pick first; a host that reads an already chosen folder uses it, and otherwise takes the
 * folder it reads that most of the hosts still to choose read too (its own on a tie). Where a host still
 * reads two chosen folders, `render/reads.ts` says so.
 */
export function chooseSkillDirs(hosts: readonly HostDef[], env: HostEnv): Map<string, string> {
  const options = hosts
    .map((h) => {
      const own = ownDir(h, env);
      if (!own) return undefined;
      const reads = skillReads(h)
        .map((d) => resolveTemplate(d, env))
        .filter((d): d is string => d !== undefined);
      return { host: h, own, reads: reads.includes(own) ? reads : [own, ...reads] };
    })
    .filter((x) => x !== undefined);
  const order = options
    .map((o, i) => ({ o, i }))
    .sort((a, b) => a.o.reads.length - b.o.reads.length || a.i - b.i);
  const chosen: string[] = [];
  const result = new Map<string, string>();
  for (const [i, { o }] of order.entries()) {
    const shared = o.reads.find((d) => chosen.includes(d));
    const later = order.slice(i + 1).map((x) => x.o.reads);
    const readers = (d: string) => later.filter((r) => r.includes(d)).length;
    const dir = shared ?? o.reads.reduce((best, d) => (readers(d) > readers(best) ? d : best), o.own);
    if (!shared) chosen.push(dir);
    result.set(o.host.id, dir);
  }
  return result;
}

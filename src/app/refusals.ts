import { type HostDef, skillReads } from "../hosts/define.js";
import type { Desired } from "../hosts/output.js";
import { type HostEnv, resolveTemplate } from "../hosts/paths.js";
import type { Refusal } from "../lint/run.js";
import type { RenderNote } from "../render/compose.js";

export type Skip = (host: string, qid: string) => boolean;

/** Leave out, per host, the items lint says that host rejects or mis-loads; a note per item says why. */
export function skipRefused(
  skip: Skip | undefined,
  refused: Map<string, Refusal[]>,
  notes: RenderNote[],
): Skip | undefined {
  if (refused.size === 0) return skip;
  for (const [item, list] of refused)
    for (const r of list)
      notes.push({
        host: r.host,
        item,
        level: "warning",
        message: `not installed: ${r.message} (${r.rule})`,
      });
  return (host, qid) => skip?.(host, qid) === true || refused.get(qid)?.some((r) => r.host === host) === true;
}

/**
 * A skill left out for host H still reaches H when another host's copy lands in a folder H also reads
 * (Copilot reads `.claude/skills`): say so, since H will find it there and refuse it.
 */
export function noteStillRead(
  refused: Map<string, Refusal[]>,
  desired: readonly Desired[],
  hosts: readonly HostDef[],
  env: HostEnv,
  notes: RenderNote[],
): void {
  for (const [item, list] of refused)
    for (const host of new Set(list.map((r) => r.host))) {
      const h = hosts.find((x) => x.id === host);
      const dirs = (h ? skillReads(h) : []).flatMap((d) => resolveTemplate(d, env) ?? []);
      const seen = desired.find(
        (d) =>
          d.items.includes(item) &&
          !d.hosts.includes(host) &&
          dirs.some((dir) => d.path.startsWith(`${dir}/`)),
      );
      if (!h || !seen) continue;
      const dir = dirs.find((x) => seen.path.startsWith(`${x}/`));
      notes.push({
        host,
        item,
        level: "warning",
        message: `${h.displayName} also reads ${dir}, where the copy for ${seen.hosts.join(", ")} is: it will find the skill there and refuse it`,
      });
    }
}

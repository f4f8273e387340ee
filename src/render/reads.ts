import { getOr } from "../core/maps.js";
import type { HostDef, HostReads, ReadPath } from "../hosts/define.js";
import type { Desired } from "../hosts/output.js";
import { type HostEnv, resolveTemplate } from "../hosts/paths.js";

const READ_KINDS = ["instructions", "rules", "skills", "agents", "hooks"] as const satisfies ReadonlyArray<
  keyof HostReads
>;

interface Note {
  host: string;
  level: "info" | "warning";
  message: string;
  topic?: "double-read";
}

/**
 * Who else reads what cadre wrote (`HostDef.reads`): every selected host that reads an output written for
 * other hosts becomes one of its `readers` (cadre.lock and `cadre status` show them), and a host that gets
 * an item twice that way (its own copy, and another host's file it reads) is told, once per file or folder,
 * with the host setting that stops the second read where there is one. Outputs are changed in place.
 */
export function applyReads(desired: Desired[], hosts: readonly HostDef[], env: HostEnv, notes: Note[]): void {
  const written = new Set(desired.map((d) => d.path));
  const own = new Map<string, Set<string>>();
  for (const d of desired)
    for (const h of d.hosts) for (const q of d.items) getOr(own, h, () => new Set<string>()).add(q);
  const sorted = [...desired].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const host of hosts)
    for (const kind of READ_KINDS)
      for (const r of host.reads?.[kind] ?? []) {
        const at = resolveTemplate(r, env);
        if (at === undefined || !readNow(r, env, written)) continue;
        const twice = new Set<string>();
        const from = new Set<string>();
        for (const d of sorted) {
          if (d.hosts.includes(host.id) || !(d.path === at || d.path.startsWith(`${at}/`))) continue;
          d.readers = [...new Set([...(d.readers ?? []), host.id])].sort();
          const again = d.items.filter((q) => own.get(host.id)?.has(q));
          for (const q of again) twice.add(q);
          if (again.length) for (const h of d.hosts) from.add(h);
        }
        if (twice.size)
          notes.push({
            host: host.id,
            level: "warning",
            topic: "double-read",
            message: twiceMessage(host, at, r, twice, from),
          });
      }
}

/** False while one of the read's `unless` files exists (on disk, or written by this sync). */
function readNow(r: ReadPath, env: HostEnv, written: ReadonlySet<string>): boolean {
  return !(r.unless ?? []).some((u) => {
    const p = resolveTemplate({ project: u, user: u }, env);
    return p !== undefined && (written.has(p) || env.present?.has(p) === true);
  });
}

function twiceMessage(host: HostDef, at: string, r: ReadPath, twice: Set<string>, from: Set<string>): string {
  const names = [...twice].sort().map((q) => q.slice(q.indexOf("/") + 1));
  const shown = names.length > 5 ? [...names.slice(0, 5), `${names.length - 5} more`] : names;
  const when = r.when ? ` (${r.when})` : "";
  const stop = r.off
    ? `to read each once, turn that read off: ${r.off}`
    : `${host.displayName} has no setting to stop it`;
  return `${host.displayName} also reads ${at}${when}, written for ${[...from].sort().join(", ")}: ${names.length} item${names.length === 1 ? "" : "s"} it already has reach it twice (${shown.join(", ")}); ${stop}`;
}

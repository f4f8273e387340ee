import type { HostDef } from "../hosts/define.js";
import type { DesiredBlock, DesiredKeys } from "../hosts/output.js";
import { selector } from "../hosts/output.js";
import { type HostEnv, resolveTemplate } from "../hosts/paths.js";

/**
 * For a host that loads its instructions file only when a config lists it (Aider: `read:` in `.aider.conf.yml`),
 * the owned list entry naming the file that holds cadre's index block; the user's own entries stay theirs.
 */
export function instructionsLoads(
  hosts: readonly HostDef[],
  env: HostEnv,
  block: DesiredBlock,
): DesiredKeys[] {
  const out: DesiredKeys[] = [];
  for (const h of hosts) {
    const load = h.instructionsLoad;
    if (!load || !block.hosts.includes(h.id)) continue;
    const config = resolveTemplate(load.config, env);
    if (config === undefined || config.includes("/")) continue; // a root config lists root-relative paths
    out.push({
      type: "keys",
      path: config,
      syntax: "yaml",
      hosts: [h.id],
      items: block.items,
      entries: [{ key: [load.key, selector(".", block.path)], value: block.path }],
    });
  }
  return out;
}

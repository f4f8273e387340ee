import { HOST_KINDS, type HostDef, supportOf } from "../hosts/define.js";
import { HOSTS } from "../hosts/registry.js";
import { readConfig } from "./config.js";
import { detectHosts, layoutOf, type ProjectOptions } from "./project.js";

export interface HostRow {
  id: string;
  displayName: string;
  support: Record<string, "native" | "degraded" | "none">;
  detected: boolean;
  used: boolean;
}

/** `cadre hosts`: the capability matrix (kinds × hosts) and which hosts this project uses. */
export async function hostsCommand(o: ProjectOptions) {
  const layout = layoutOf(o);
  const config = await readConfig(layout.configPath, "cadre.yaml");
  const detected = await detectHosts(layout);
  const used = config
    ? config.hosts === "auto"
      ? detected.length
        ? detected
        : ["agents-standard"]
      : config.hosts
    : [];
  const rows: HostRow[] = (Object.values(HOSTS) as HostDef[]).map((h) => ({
    id: h.id,
    displayName: h.displayName,
    support: Object.fromEntries(HOST_KINDS.map((k) => [k, supportOf(h, k)])),
    detected: (detected as string[]).includes(h.id),
    used: used.includes(h.id),
  }));
  return { kinds: [...HOST_KINDS], rows, configured: config !== undefined, auto: config?.hosts === "auto" };
}

import type { HostDef } from "./define.js";
import { HOST_IDS, HOSTS } from "./registry.js";

/**
 * Every registered host's built-in slash commands: name → the hosts that have it. Install checks names against
 * all hosts, not only the selected ones, so an item's name does not change when a host is added later.
 */
export const BUILTIN_COMMANDS: ReadonlyMap<string, readonly HostDef[]> = (() => {
  const m = new Map<string, HostDef[]>();
  for (const id of HOST_IDS) {
    const h = HOSTS[id] as HostDef;
    for (const n of h.builtins?.commands ?? []) m.set(n, [...(m.get(n) ?? []), h]);
  }
  return m;
})();

/** The kinds a host invokes as `/name`: skills and commands, and expertise (installed as reference skills). */
export const SLASH_KINDS: readonly string[] = ["skill", "command", "expertise"];

/** The hosts whose built-in `/name` an item of this kind and name would shadow (empty: none). */
export function builtinHosts(kind: string, name: string): readonly HostDef[] {
  return SLASH_KINDS.includes(kind) ? (BUILTIN_COMMANDS.get(name) ?? []) : [];
}

/**
 * The name an item is installed under when its own is a host's built-in command: `<pack>-<name>` (a pack's
 * items keep one prefix, so `/acme-review` sits beside `/acme-plan-review`). Undefined when the name is free.
 */
export function builtinRename(item: {
  kind: string;
  name: string;
  pack: string;
}): { to: string; hosts: readonly HostDef[] } | undefined {
  const hosts = builtinHosts(item.kind, item.name);
  if (!hosts.length) return undefined;
  return { to: `${item.pack}-${item.name}`, hosts };
}

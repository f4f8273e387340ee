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

/**
 * The rule activations some host installs as a skill or a command (`activationAs`: Claude Code, Cline, Qwen
 * Code, Roo turn a model- or manual-activated rule into one), so such a rule is invoked as `/name` too.
 */
const SLASH_RULE_ACTIVATIONS: ReadonlySet<string> = new Set(
  HOST_IDS.flatMap((id) => Object.keys((HOSTS[id] as HostDef).targets.rule?.activationAs ?? {})),
);

/**
 * The hosts whose built-in `/name` an item of this kind and name would shadow (empty: none). A rule counts
 * when its activation is one a host installs as a skill or command.
 */
export function builtinHosts(kind: string, name: string, activation?: unknown): readonly HostDef[] {
  const slash =
    SLASH_KINDS.includes(kind) ||
    (kind === "rule" && SLASH_RULE_ACTIVATIONS.has(String(activation ?? "always")));
  return slash ? (BUILTIN_COMMANDS.get(name) ?? []) : [];
}

/**
 * The name an item is installed under when its own is a host's built-in command: `<pack>-<name>` (a pack's
 * items keep one prefix, so `/acme-review` sits beside `/acme-plan-review`). Undefined when the name is free.
 */
export function builtinRename(item: {
  kind: string;
  name: string;
  pack: string;
  meta?: Record<string, unknown>;
}): { to: string; hosts: readonly HostDef[] } | undefined {
  const hosts = builtinHosts(item.kind, item.name, item.meta?.activation);
  if (!hosts.length) return undefined;
  return { to: `${item.pack}-${item.name}`, hosts };
}

import type { Kind } from "../model/kinds.js";

/** How a host takes a kind: in its own native format, degraded to another form, or not at all. */
export type Support = "native" | "degraded" | "none";

export interface KindSupport {
  support: Exclude<Support, "none">;
  /** What the host gets: the native place, or the form it degrades to. */
  note: string;
}

/** Kinds that become host files. Schemas, templates and profiles are used by cadre itself. */
export const HOST_KINDS = ["skill", "agent", "command", "rule", "expertise", "hook", "mcp"] as const satisfies readonly Kind[];
export type HostKind = (typeof HOST_KINDS)[number];

export interface HostLimits {
  /** Bytes of the always-on instructions file the host reads (e.g. Codex AGENTS.md 32 KiB). */
  instructionsBytes?: number;
  /** Characters per rule file. */
  ruleChars?: number;
  /** Characters of an agent's body. */
  agentBodyChars?: number;
  /** Characters of one skill's listing entry (description + when_to_use). */
  skillDescriptionChars?: number;
  /** Fraction of the context window for the whole skill listing, and the context size assumed. */
  skillListing?: { fraction: number; contextTokens: number };
}

export interface HostDef {
  id: string;
  displayName: string;
  docsUrl: string;
  /** Paths whose presence suggests the project uses this host (templates: {project}, {home}). */
  detect: string[];
  kinds: Partial<Record<HostKind, KindSupport>>;
  limits?: HostLimits;
}

/** Identity function that gives host modules type checking and inference. */
export function defineHost<const T extends HostDef>(def: T): T {
  return def;
}

export function supportOf(host: HostDef, kind: Kind): Support {
  return (host.kinds as Partial<Record<Kind, KindSupport>>)[kind]?.support ?? "none";
}

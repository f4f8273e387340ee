/**
 * How composed expertise reaches a host, as data and pure functions: the limits a host allows (derived from
 * its size limits), whether its agents preload skills, the inlined text, the composed prompt and its proof.
 */
import { sha256 } from "../core/hash.js";
import { scanLines } from "../core/markdown.js";
import { type HostDef, targetOf } from "../hosts/define.js";
import { type Dropped, type Kept, type Limits, type Resolution, resolveModules } from "./resolve.js";
import type { DetectedStack } from "./stacks.js";

/** The limits when nothing narrower applies (a host without size limits, `cadre compose` without --host). */
export const DEFAULT_LIMITS: Limits = { maxModules: 12, tokens: 40_000 };

/** Characters per token assumed when a host limit in characters becomes a token ceiling. */
export const CHARS_PER_TOKEN = 4;

/** The frontmatter key of a host's agents that lists skills loaded at start (Claude Code `skills:`). */
export function preloadField(host: HostDef): string | undefined {
  const agent = targetOf(host, "agent");
  const skill = targetOf(host, "expertise");
  return agent?.preloadSkills && skill?.format === "skill-dir" ? agent.preloadSkills : undefined;
}

/**
 * A host's default limits: the defaults, narrowed where the host caps an agent's body (Copilot's 30,000
 * characters) by what the role's own body leaves free. A preloading host's modules are separate skills, so
 * only the defaults apply. `base` carries the user's settings (cadre.yaml, flags), which narrow further.
 */
export function hostLimits(host: HostDef | undefined, roleChars: number, base: Partial<Limits> = {}): Limits {
  const l: Limits = {
    maxModules: base.maxModules ?? DEFAULT_LIMITS.maxModules,
    tokens: base.tokens ?? DEFAULT_LIMITS.tokens,
  };
  const cap = host && !preloadField(host) ? host.limits?.agentBodyChars : undefined;
  if (cap === undefined) return l;
  const free = Math.max(0, cap - roleChars - HEADER_CHARS);
  return { ...l, tokens: Math.min(l.tokens, Math.floor(free / CHARS_PER_TOKEN)), chars: free };
}

/** Room kept for the expertise section's own heading and introduction. */
const HEADER_CHARS = 400;

export interface ModuleText {
  name: string;
  description: string;
  body: string;
}

/** A module's body with every heading outside code moved down `by` levels (at most six), to nest it. */
export function nestHeadings(body: string, by: number): string {
  return scanLines(body)
    .map((l) => {
      if (l.inFence) return l.text;
      const m = /^(#{1,6})(\s.*)$/.exec(l.text);
      return m ? `${"#".repeat(Math.min(6, (m[1] as string).length + by))}${m[2]}` : l.text;
    })
    .join("\n");
}

/** The text of one inlined module, as it appears in the expertise section. */
export function moduleSection(m: ModuleText): string {
  const nested = nestHeadings(m.body.trim(), 2);
  const title = /^###\s+(.*)\n+/.exec(nested);
  const body = title ? nested.slice(title[0].length) : nested;
  return `### ${title ? `${(title[1] as string).trim()} (${m.name})` : m.name}\n\n${body.trim()}\n`;
}

/** The expertise section appended to a role's body: an introduction, then each module in order. */
export function expertiseSection(modules: readonly ModuleText[], stacks: readonly string[]): string {
  if (modules.length === 0) return "";
  const where = stacks.length ? ` for this project's stacks (${stacks.join(", ")})` : "";
  const intro = `## Expertise\n\nReference material composed by cadre${where}. Apply it where the task touches it; the task and the project's own conventions come first.\n`;
  return [intro, ...modules.map(moduleSection)].join("\n");
}

/** A role's body followed by its expertise section. */
export function composePrompt(roleBody: string, section: string): string {
  const body = roleBody.trim();
  if (!section) return `${body}\n`;
  return body ? `${body}\n\n${section}` : section;
}

export interface ConcernSource {
  concern: string;
  /** Where it was asked for: a flag, cadre.yaml, or the active run's clarification artifact. */
  from: "flag" | "config" | "clarification";
}

/** The proof of one composition: what was chosen and why, and the hash of the prompt it gave. */
export interface ProofRecord {
  version: 1;
  role: string;
  mode?: string;
  host?: string;
  stacks: DetectedStack[];
  concerns: ConcernSource[];
  limits: Limits;
  kept: Kept[];
  dropped: Dropped[];
  /** Tokens of the kept modules, and of the whole prompt. */
  moduleTokens: number;
  promptTokens: number;
  sha256: string;
}

export function proofRecord(
  r: Resolution,
  o: {
    host?: string;
    stacks: DetectedStack[];
    concerns: ConcernSource[];
    prompt: string;
    promptTokens: number;
  },
): ProofRecord {
  return {
    version: 1,
    role: r.role,
    ...(r.mode === undefined ? {} : { mode: r.mode }),
    ...(o.host === undefined ? {} : { host: o.host }),
    stacks: o.stacks,
    concerns: o.concerns,
    limits: r.limits,
    kept: r.kept,
    dropped: r.dropped,
    moduleTokens: r.tokens,
    promptTokens: o.promptTokens,
    sha256: sha256(o.prompt),
  };
}

/** A module as the engine reads it from the catalog: its text and its token count. */
export type ModuleInfo = ModuleText & { tokens: number };

/**
 * One role's inlined expertise for a host (or none): resolution within the host's limits, then the section.
 * Used at install (app/compose-core.ts) and by lint to check the result fits the host.
 */
export function composeInline(o: {
  map: import("../model/composition.js").CompositionMap;
  role: string;
  mode?: string;
  roleBody: string;
  stacks: readonly string[];
  concerns: readonly string[];
  host?: HostDef;
  base?: Partial<Limits>;
  modules: ReadonlyMap<string, ModuleInfo>;
}): { resolution: Resolution; section: string } {
  const resolution = resolveModules({
    map: o.map,
    role: o.role,
    ...(o.mode === undefined ? {} : { mode: o.mode }),
    stacks: o.stacks,
    concerns: o.concerns,
    size: (name) => {
      const m = o.modules.get(name);
      return m ? { tokens: m.tokens, chars: moduleSection(m).length + 1 } : undefined;
    },
    limits: hostLimits(o.host, o.roleBody.length, o.base ?? {}),
  });
  const section = expertiseSection(
    resolution.kept.map((k) => o.modules.get(k.module) as ModuleInfo),
    o.stacks,
  );
  return { resolution, section };
}

import { z } from "zod";
import { HOOK_EVENTS } from "./hook-events.js";

/**
 * The content model: every kind's fields defined once, as a schema; the TypeScript types are inferred.
 * Host-facing frontmatter is loose (unknown keys pass through and are judged by lint); cadre's own
 * YAML kinds (hook, mcp, profile, pack manifest) are strict.
 */

export const KINDS = [
  "skill",
  "agent",
  "command",
  "rule",
  "expertise",
  "hook",
  "mcp",
  "schema",
  "template",
  "profile",
  "workflow",
] as const;
export const KindSchema = z.enum(KINDS);
export type Kind = z.infer<typeof KindSchema>;

const name = z.string().min(1);
const text = z.string().min(1);
/** A list of strings, also accepted as one comma-separated string. */
const stringList = z.union([z.array(z.string()), z.string().transform((s) => splitList(s))]);

export function splitList(s: string): string[] {
  return s
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Agent Skills specification fields (agentskills.io). */
export const SKILL_SPEC_KEYS = [
  "name",
  "description",
  "license",
  "compatibility",
  "metadata",
  "allowed-tools",
] as const;

/** Keys that hosts accept in SKILL.md beyond the spec (reference/hosts.md §2.3, §4.3, §6.4). */
export const SKILL_HOST_KEYS = [
  "when_to_use",
  "argument-hint",
  "arguments",
  "disable-model-invocation",
  "user-invocable",
  "disallowed-tools",
  "model",
  "effort",
  "context",
  "agent",
  "background",
  "hooks",
  "paths",
  "globs",
  "shell",
  "icon",
  "color",
  "version",
] as const;

export const SkillSchema = z.looseObject({
  name,
  description: text,
  license: z.string().optional(),
  compatibility: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  "allowed-tools": z.unknown().optional(),
});

export const AgentSchema = z.looseObject({
  name,
  description: text,
  tools: stringList.optional(),
  model: z.string().optional(),
  category: z.string().optional(),
  tags: stringList.optional(),
  color: z.enum(["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"]).optional(),
});

export const CommandSchema = z.looseObject({
  name,
  description: text,
  "argument-hint": z.string().optional(),
  category: z.string().optional(),
  agent: z.string().optional(),
  tags: stringList.optional(),
});

export const ACTIVATIONS = ["always", "glob", "model", "manual"] as const;
export const RuleSchema = z
  .looseObject({
    name,
    description: text,
    activation: z.enum(ACTIVATIONS),
    globs: stringList.optional(),
    tags: stringList.optional(),
  })
  .refine((r) => r.activation !== "glob" || (r.globs?.length ?? 0) > 0, {
    message: "activation 'glob' needs at least one entry in globs",
    path: ["globs"],
  });

export const EXPERTISE_SECTIONS = [
  "What it is",
  "When to use it and when not",
  "How it works",
  "Trade-offs",
  "Failure modes",
  "Decision guide",
  "Checklist",
] as const;

export const ExpertiseSchema = z.looseObject({
  name,
  description: text,
  domain: text,
  "applies-when": text,
  stacks: stringList.optional(),
  concerns: stringList.optional(),
  tags: stringList.optional(),
});

export { HOOK_EVENTS };

export const HookSchema = z.strictObject({
  id: name,
  description: text,
  event: z.enum(HOOK_EVENTS),
  matcher: stringList.optional(),
  handler: z.union([
    z.strictObject({ builtin: name }),
    z.strictObject({
      command: text,
      timeout: z.number().int().positive().optional(),
      /** Claude Code's `if`: a permission-rule pattern (`Bash(git commit:*)`); a host without it refuses the hook. */
      if: z.string().min(1).optional(),
      /** Other Claude Code handler keys (`async`, `asyncRewake`, `statusMessage`, …), written for Claude only. */
      claude: z.record(z.string(), z.unknown()).optional(),
      /** Pack-relative folder `${CLAUDE_PLUGIN_ROOT}` stands for; its files used by the hook are installed with it. */
      root: z.string().optional(),
    }),
    /** A Claude Code handler of another type (`prompt`, `http`, `agent`, `mcp_tool`), kept as written. */
    z.strictObject({ claude: z.looseObject({ type: z.enum(["prompt", "http", "agent", "mcp_tool"]) }) }),
  ]),
  failure: z.enum(["open", "closed"]),
  config: z.record(z.string(), z.unknown()).optional(),
  tags: stringList.optional(),
});

export const McpSchema = z
  .strictObject({
    name,
    description: text,
    transport: z.enum(["stdio", "http"]),
    command: z.string().optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    url: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    tags: stringList.optional(),
  })
  .refine((m) => (m.transport === "stdio" ? !!m.command : !!m.url), {
    message: "a stdio server needs 'command'; an http server needs 'url'",
  });

export const SchemaItemSchema = z.looseObject({
  $id: z.string().optional(),
  title: text,
  description: text,
  type: z.unknown().optional(),
});

export const TemplateSchema = z.looseObject({
  name,
  description: text,
  artifact: z.string().optional(),
  tags: stringList.optional(),
});

const cap = z.number().int().nonnegative();
export const WorkflowPhaseSchema = z.strictObject({
  id: name,
  /** The library command that runs the phase. */
  command: name.optional(),
  /** The library agent that owns the phase. */
  role: name.optional(),
  /** The schema (library/schemas/<artifact>.schema.json) of the artifact required to leave the phase. */
  artifact: name.optional(),
  /** `user`: leaving the phase needs an approval (`cadre run gate approve`). */
  gate: z.enum(["user", "none"]).default("none"),
  /** A review phase: a reject sends the run back to this phase (a declared loop). */
  review_of: name.optional(),
  next: z.array(name).default([]),
});

/** A pipeline workflow: its phases as a graph, data the state machine in src/pipeline/ runs. */
export const WorkflowSchema = z.strictObject({
  name,
  description: text,
  start: name,
  /** Source edits are allowed from this phase on (the pipeline-gate hook). */
  edits_from: name.optional(),
  /** How many times a review may send its phase back, per depth. */
  caps: z.strictObject({ quick: cap, standard: cap, deep: cap }),
  phases: z.array(WorkflowPhaseSchema).min(1),
  tags: stringList.optional(),
});

export const ProfileSchema = z.strictObject({
  name,
  description: text,
  extends: z.array(name).optional(),
  items: z.array(z.string()).default([]),
  tags: stringList.optional(),
});

export const PackManifestSchema = z.strictObject({
  name,
  version: z.string().min(1),
  description: text,
  license: z.string().optional(),
  homepage: z.string().optional(),
  /** Who publishes the pack: written into exported plugin manifests (`cadre export`). */
  author: z
    .union([
      z.string().min(1),
      z.strictObject({ name: z.string().min(1), email: z.string().optional(), url: z.string().optional() }),
    ])
    .optional(),
  paths: z.partialRecord(KindSchema, z.string()).optional(),
});

export type SkillData = z.infer<typeof SkillSchema>;
export type AgentData = z.infer<typeof AgentSchema>;
export type CommandData = z.infer<typeof CommandSchema>;
export type RuleData = z.infer<typeof RuleSchema>;
export type ExpertiseData = z.infer<typeof ExpertiseSchema>;
export type HookData = z.infer<typeof HookSchema>;
export type McpData = z.infer<typeof McpSchema>;
export type TemplateData = z.infer<typeof TemplateSchema>;
export type ProfileData = z.infer<typeof ProfileSchema>;
export type WorkflowData = z.infer<typeof WorkflowSchema>;
export type PackManifest = z.infer<typeof PackManifestSchema>;

/** The schema for each kind's metadata (frontmatter, YAML document or JSON Schema header). */
export const KIND_SCHEMAS: Record<Kind, z.ZodType> = {
  skill: SkillSchema,
  agent: AgentSchema,
  command: CommandSchema,
  rule: RuleSchema,
  expertise: ExpertiseSchema,
  hook: HookSchema,
  mcp: McpSchema,
  schema: SchemaItemSchema,
  template: TemplateSchema,
  profile: ProfileSchema,
  workflow: WorkflowSchema,
};

/** Kinds stored as Markdown with frontmatter and a body. */
export const MARKDOWN_KINDS: ReadonlySet<Kind> = new Set([
  "skill",
  "agent",
  "command",
  "rule",
  "expertise",
  "template",
]);

export const DEFAULT_PATHS: Record<Kind, string> = {
  skill: "skills",
  agent: "agents",
  command: "commands",
  rule: "rules",
  expertise: "expertise",
  hook: "hooks",
  mcp: "mcp",
  schema: "schemas",
  template: "templates",
  profile: "profiles",
  workflow: "workflows",
};

/** Kinds that are data for cadre itself, never rendered into a host's files (and not picked one by one). */
export const DATA_KINDS: ReadonlySet<Kind> = new Set(["schema", "template", "workflow"]);

import type { HookData, Kind } from "../model/kinds.js";

/** How a host takes a kind: in its own native format, degraded to another form, or not at all. */
export type Support = "native" | "degraded" | "none";

/** Kinds that become host files. Schemas, templates and profiles are used by cadre itself. */
export const HOST_KINDS = [
  "skill",
  "agent",
  "command",
  "rule",
  "expertise",
  "hook",
  "mcp",
] as const satisfies readonly Kind[];
export type HostKind = (typeof HOST_KINDS)[number];

export interface HostLimits {
  /** Bytes of the always-on instructions file the host reads (e.g. Codex AGENTS.md 32 KiB). */
  instructionsBytes?: number;
  /** Characters per rule file. */
  ruleChars?: number;
  /** Characters of an agent's body. */
  agentBodyChars?: number;
  /** Characters of a skill's description beyond which the host refuses to load the skill. */
  skillDescriptionMax?: number;
  /** Characters of one skill's listing entry (description + when_to_use). */
  skillDescriptionChars?: number;
  /**
   * The whole skill listing the host puts in the model's context (names and descriptions of skills, and of the
   * commands and expertise it lists as skills): `chars` in all, each entry costing its name, its description
   * (cut at `skillDescriptionChars` when set) and `entryChars` of framing; `basis` says where the number comes
   * from, for messages and docs. Lint checks every profile against it (`budget/skill-listing`).
   */
  skillListing?: { chars: number; entryChars: number; basis: string };
}

/**
 * The host's own slash commands (and the bundled skills it offers under `/name`), as data: an installed
 * skill or command of one of these names would shadow the built-in, or be shadowed by it. Install renames such
 * an item (`render/compose.ts`), and lint warns the author (`command/builtin-name`). `source` and `checked` say
 * where and when the list was read.
 */
export interface HostBuiltins {
  commands: readonly string[];
  source: string;
  checked: string;
}

/** Where cadre writes: in a project, or in the user's home (`--global`). */
export const SCOPES = ["project", "user"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Output formats. Each has one pure renderer in `src/render/`, shared by every host that uses it.
 * - `skill-dir`: an Agent Skills folder (SKILL.md plus the item's other files).
 * - `agent-md`, `command-md`, `rule-md`: Markdown with host-specific frontmatter (see `Fields`).
 * - `agent-toml` (Codex agents), `command-toml` (Gemini commands).
 * - `index`: an entry in a managed block of the host's instructions file, pointing at a file cadre owns.
 * - `mcp-json`: owned keys merged into a JSON config; `mcp-toml`: a managed block in a TOML config.
 * - `agent-roomodes`: one owned entry (by slug) of the `customModes` array in Roo Code's `.roomodes`.
 * - `hooks-json`: owned entries (by command) of the event arrays under `hooks` in a JSON settings file
 *   (Claude Code, Gemini CLI: event → matcher group → handlers); `hooks-cursor`: Cursor's `hooks.json`
 *   (`version: 1`, event → handlers); `hooks-windsurf`: Windsurf's `hooks.json`; `hooks-toml`: tables in a
 *   managed block of Codex's config.toml; `hooks-file`: one owned file per hook (Copilot `.github/hooks/`);
 *   `hooks-opencode`: one owned JS plugin per hook (OpenCode `.opencode/plugins/`); `hooks-cline`: one
 *   owned executable script per host event, running every hook on that event (Cline `.clinerules/hooks/`;
 *   the path template's `{name}` is the event); `hooks-kiro`: one owned v1 hooks file per hook (Kiro
 *   `.kiro/hooks/`).
 * - `mcp-goose`: one owned extension under `extensions.<name>` in Goose's YAML config.yaml.
 */
export const FORMATS = [
  "skill-dir",
  "agent-md",
  "agent-toml",
  "command-md",
  "command-toml",
  "rule-md",
  "index",
  "mcp-json",
  "mcp-toml",
  "agent-roomodes",
  "hooks-json",
  "hooks-cursor",
  "hooks-windsurf",
  "hooks-toml",
  "hooks-file",
  "hooks-opencode",
  "hooks-cline",
  "mcp-goose",
  "hooks-kiro",
] as const;
export type FormatId = (typeof FORMATS)[number];

/** A path template per scope. Placeholders: {project}, {home}, {xdgConfig}, {name}. */
export interface ScopedPath {
  project?: string;
  user?: string;
}

/**
 * Frontmatter, as a table read by one converter. Values are literals or `$field` references:
 * `$name`, `$description`, `$body`, `$tools` (list), `$tools:csv`, `$tools:host` (the target's `tools`),
 * `$model`, `$color`, `$argumentHint`, `$allowedTools` (as written), `$globs` (list), `$globs:csv` (joined
 * with `, `), `$globs:join` (joined with `,`, YAML-quoted as needed), `$globs:line` (joined with `,` and
 * written unquoted: only for a host whose reader is not YAML, see `render/frontmatter.ts` `raw`),
 * `$globs:first`. A reference to an absent field drops the key.
 */
export type Fields = Record<string, string | boolean | number>;

/** Canonical classes of an agent's tools (the library writes Claude Code's names; `render/fields.ts` classifies them). */
export const AGENT_TOOL_CLASSES = ["read", "edit", "write", "shell", "web"] as const;
export type AgentToolClass = (typeof AGENT_TOOL_CLASSES)[number];

/**
 * How a host restricts an agent's tools, as data (written by `$tools:host`, explained by `toolGaps`):
 * - `native`: the item's own list, as written (Claude Code, whose names the library uses);
 * - `list`: the host's tool names for every class the item allows;
 * - `deny`: per class the host permission key that governs it; a key none of the allowed classes needs is
 *   written `deny` (OpenCode `permission`);
 * - `readonly`: the host can only make an agent read-only: `value` when the item allows no edit, write or
 *   shell class, otherwise nothing (full access).
 * A target without `tools` has no per-agent restriction: the agent runs with full access.
 */
export interface AgentTools {
  form: "native" | "list" | "deny" | "readonly";
  names?: Partial<Record<AgentToolClass, string[]>>;
  value?: string | boolean;
  /**
   * `deny`: classes whose Claude permission patterns (`Bash(git log:*)`) the host writes as patterns under
   * the class's key, last match winning (OpenCode `bash: {"*": deny, "git log*": allow}`).
   */
  patterns?: AgentToolClass[];
}

export interface Target {
  /** What the host gets, for people, when it says more than `as` (see `noteOf`). */
  note?: string;
  format: FormatId;
  /** Where the item's own file (or skill folder) goes. `{name}` is the item name. */
  path: ScopedPath;
  /** Frontmatter for Markdown formats. For `rule-md`, per activation (always, glob, model, manual). */
  fields?: Fields;
  activation?: Partial<Record<"always" | "glob" | "model" | "manual", Fields>>;
  /** `mcp-json`: the key holding servers, the server entry's shape, and how the host reads secret references. */
  mcp?: McpSpec;
  /** `$model`: the library's model tiers (fast, balanced, strong, inherit) → this host's model names; unmapped tiers are left out. */
  models?: Record<string, string>;
  /** `$model`: a regular expression for this host's own model names, kept as written (e.g. `^claude-`). */
  modelIds?: string;
  /**
   * Agents: the frontmatter key listing skills the host loads into the agent's context at start (Claude Code
   * `skills:`). Composed expertise goes there, installed as skills; without it, it is inlined in the body.
   */
  preloadSkills?: string;
  /** Agents: how the host restricts tools (see `AgentTools`); absent means it cannot. */
  tools?: AgentTools;
  /** The form this target degrades the kind to, for messages (e.g. "a skill"). */
  as?: string;
  /** The target used at a scope where `path` has no template (e.g. a project-only config file). */
  fallback?: Target;
  /** `hooks-*` formats: the host's hook protocol, as data (see `HookProtocol`). */
  hooks?: HookProtocol;
  /**
   * Rules: the kind whose target renders a rule of this activation, where the rule format cannot express
   * it (Claude Code loads a rule without `paths` at launch, so `model` becomes a skill and `manual` a skill
   * with `disable-model-invocation: true`).
   */
  activationAs?: Partial<Record<"model" | "manual", "skill" | "command">>;
  /** Per scope, keys that replace the target's own there (Kiro: user-scope glob rules become `auto`). */
  scoped?: Partial<Record<Scope, Partial<Omit<Target, "scoped">>>>;
}

/**
 * One file or folder a host reads (see `HostReads`): a path template per scope, without `{name}`. A folder
 * covers every path under it.
 */
export interface ReadPath extends ScopedPath {
  /** The host reads it only while none of these exists (templates): Claude Code reads AGENTS.md only without a CLAUDE.md. */
  unless?: string[];
  /**
   * The host reads it only on some of its surfaces or with a setting on ("VS Code", "with third-party configs
   * on"): the host keeps its own copy (its other surfaces need it), and a double read is reported.
   */
  when?: string;
  /** How the user stops this read (a host setting), for the note; absent: the host offers no way. */
  off?: string;
  /**
   * The host reads what another host writes here as its own (same format, protocol and tool names): when a
   * selected host writes an item here, this host gets no copy of its own (`render/native-reads.ts`). Continue's
   * `cn` runs Claude Code's `.claude/settings.json` hooks.
   */
  native?: true;
}

/**
 * What a host reads, its own files and other hosts' alike, per kind of file: the data behind "each item once
 * per host that reads it". `render/reads.ts` adds each host to `readers` of the outputs it reads although
 * they were written for other hosts (recorded in cadre.lock, shown by `cadre status`), and reports a host
 * that reads an item twice (its own copy and another host's); `render/skill-dirs.ts` uses `skills` (entries
 * without `when` or `unless`) to share one skills folder. List folders in the host's own precedence order,
 * its own folder first; a list must cover what cadre writes for the host (`hosts/reads.test.ts`). A kind
 * left out means the host reads nothing of that kind: nothing is shared or reported for it. `native` marks
 * another host's file the host reads as its own (`render/native-reads.ts`: the item is written once).
 */
export interface HostReads {
  /** Always-on instructions files (AGENTS.md, CLAUDE.md, GEMINI.md, …). */
  instructions?: ReadPath[];
  /** Rule folders loaded by the host (`.claude/rules`, `.github/instructions`). */
  rules?: ReadPath[];
  /** Skill folders. */
  skills?: ReadPath[];
  /** Agent folders (or files, e.g. `.roomodes`). */
  agents?: ReadPath[];
  /** Hook configuration files or folders the host runs hooks from. */
  hooks?: ReadPath[];
}

/**
 * An MCP config's shape. `shape` picks the entry layout (`render/mcp.ts`): `claude` (`type` stdio/http), `cline`
 * (remote `type: "streamableHttp"`), `roo` (`streamable-http`), `windsurf` (remote `serverUrl`), `zed` (flat,
 * no `type`), `opencode`, `gemini` (`httpUrl`). `extra` keys go into every entry (Copilot CLI `tools`).
 */
export interface McpSpec {
  key: string[];
  shape?: "claude" | "vscode" | "opencode" | "gemini" | "cline" | "roo" | "windsurf" | "zed";
  secrets?: McpSecrets;
  extra?: Record<string, unknown>;
}

/**
 * How a host reads the canonical secret reference `${VAR}` / `${VAR:-default}` (`model/mcp-secrets.ts`):
 * `shell` writes it as it is (defaults too); `plain` `${VAR}` without defaults; `env-colon` `${env:VAR}`;
 * `braces-env` `{env:VAR}` (OpenCode); `codex`: no expansion, but Codex's config.toml forwards variables by
 * name (`env_vars`, `bearer_token_env_var`, `env_http_headers`), and anything else is refused; `none`: the host is not known to expand anything, so the reference is
 * written as it is with a warning. A default the form cannot write, or a reference in a field outside
 * `fields` (the ones the host is known to expand; all when absent), refuses or warns: see `render/mcp.ts`.
 * `source` and `checked` say where and when this was verified (docs/hosts.md prints them).
 */
export interface McpSecrets {
  form: "shell" | "plain" | "env-colon" | "braces-env" | "codex" | "none";
  fields?: Array<"command" | "args" | "env" | "url" | "headers">;
  /** Said in a warning whenever the item has a reference (e.g. a second reader that does not expand). */
  caveat?: string;
  source: string;
  checked: string;
}

/**
 * How a host runs hooks: its event names per canonical event (several when the host splits one, e.g.
 * Claude's PostToolUseFailure), its tool names per tool class (for matchers), and the unit of `timeout`.
 * Read by the renderers and by `cadre hook`'s adapters.
 */
export interface HookProtocol {
  /** The `--host` the installed command passes to `cadre hook` (which payload and answer format). */
  host: string;
  events: Partial<Record<HookData["event"], string[]>>;
  /** Tool class → the host's matcher for it; hosts without matchers leave it out. */
  tools?: Partial<Record<"shell" | "edit" | "write" | "read", string>>;
  /** Matchers: `regex` alternatives joined with `|`, anchored (`^(…)$`) when `anchored`. */
  anchored?: boolean;
  timeoutUnit?: "s" | "ms";
  /** Handlers carry a `name` (Gemini CLI). */
  named?: boolean;
  /**
   * Claude Code itself (not a host that only speaks its protocol): a Claude plugin's hooks keep their tool
   * names, `if`, other handler types and keys, and the events only Claude Code has.
   */
  claude?: boolean;
  /** Handler types besides `command` a Claude-protocol host runs from a plugin's hooks (Continue: `http`). */
  handlers?: string[];
  /**
   * The host's `stop` event can keep the agent working (Claude Code and Codex `decision: "block"`, Cursor
   * `followup_message`, Gemini CLI AfterAgent `decision: "deny"`): a fail-closed built-in stop guard is
   * installed only there.
   */
  stopBlocks?: boolean;
}

export interface HostDef {
  id: string;
  displayName: string;
  docsUrl: string;
  /** Paths whose presence suggests the project uses this host (templates: {project}, {home}). */
  detect: string[];
  limits?: HostLimits;
  /** The host's built-in slash command names (see `HostBuiltins`). */
  builtins?: HostBuiltins;
  /** What cadre writes for each kind the host takes: native, or degraded when the target says `as`. */
  targets: Partial<Record<HostKind, Target>>;
  /** What the host reads, its own files and other hosts' (see `HostReads`); at least what cadre writes for it. */
  reads: HostReads;
  /** How `@name` references read for this host, by the format the referenced item was installed in ({name}, {path}); overrides the defaults in `render/refs.ts`. */
  refs?: Partial<Record<FormatId, string>>;
  /** The always-on instructions file that holds cadre's managed block (index entries). */
  instructions?: ScopedPath;
  /**
   * The YAML config that must list the instructions file under `key` before the host reads it (Aider's
   * `read:` in `.aider.conf.yml`): cadre owns that one list entry.
   */
  instructionsLoad?: { config: ScopedPath; key: string };
  /** Choices the host offers in cadre.yaml (`overrides.<host>.options: [name]`), each replacing some targets. */
  options?: Record<string, HostOption>;
  /** Where the module's facts come from (URL or repository @ commit, and the date checked), for docs/hosts.md. */
  sources?: string[];
  /** What `npm run test:hosts` can ask the host's own CLI offline, or why it cannot, for docs/hosts.md. */
  hostCli?: string;
}

/** A host option: for people, what it changes; the targets it puts in place of the host's own. */
export interface HostOption {
  note: string;
  targets: Partial<Record<HostKind, Target>>;
}

/** The host with the named options' targets in place of its own (names checked by the caller). */
export function withOptions(host: HostDef, names: readonly string[]): HostDef {
  const chosen = names.map((n) => host.options?.[n]).filter((o): o is HostOption => o !== undefined);
  if (!chosen.length) return host;
  return { ...host, targets: Object.assign({}, host.targets, ...chosen.map((o) => o.targets)) };
}

/** The skill folders a host reads fully (no `when`, no `unless`), for sharing one copy. */
export function skillReads(host: HostDef): ScopedPath[] {
  return (host.reads?.skills ?? []).filter((r: ReadPath) => r.when === undefined && r.unless === undefined);
}

/** Identity function that gives host modules type checking and inference. */
export function defineHost<const T extends HostDef>(def: T): T {
  return def;
}

/** Derived from the target: none without one, degraded when it renders the kind as another form. */
export function supportOf(host: HostDef, kind: Kind): Support {
  const t = targetOf(host, kind);
  return t ? (t.as ? "degraded" : "native") : "none";
}

/** The cross-tool skills folder (`.agents/skills`), read by many hosts. */
export const AGENTS_SKILL: ScopedPath = {
  project: "{project}/.agents/skills/{name}",
  user: "{home}/.agents/skills/{name}",
};

/** What the host gets for a kind, for people: the target's note, else the form it degrades to, else its path. */
export function noteOf(t: Target): string {
  return (
    t.note ??
    t.as ??
    (t.path.project ?? t.path.user ?? "").replace(/^\{(project|home)\}\//, "").replace("{name}", "<name>")
  );
}

export function targetOf(host: HostDef, kind: Kind): Target | undefined {
  return (host.targets as Partial<Record<Kind, Target>>)[kind];
}

/** The target that applies at a scope: the kind's own, or its fallback where the own has no path there. */
export function targetAt(host: HostDef, kind: Kind, scope: Scope): Target | undefined {
  const t = targetOf(host, kind);
  const at = t && t.path[scope] === undefined && t.fallback ? t.fallback : t;
  const o = at?.scoped?.[scope];
  return at && o ? { ...at, ...o } : at;
}

import { AGENT_TOOL_CLASSES, type AgentToolClass, type Fields, type Target } from "../hosts/define.js";
import type { Item } from "../model/item.js";
import { splitList } from "../model/kinds.js";
import type { FrontValue } from "./frontmatter.js";

/** A list field, written as a YAML list or a comma-separated string. */
export function list(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map(String).filter(Boolean);
  if (typeof v === "string" && v.trim()) return splitList(v);
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

/** Claude Code's model aliases (how Claude packs name models) → the library's tiers. */
const CLAUDE_ALIASES: Record<string, string> = { haiku: "fast", sonnet: "balanced", opus: "strong" };

/** `model`: a tier (or a Claude alias, read as its tier) through the host's table, or a host's own model id. */
export function modelFor(
  v: unknown,
  target: Pick<Target, "models" | "modelIds"> | undefined,
): string | undefined {
  const m = str(v);
  if (m === undefined) return undefined;
  const mapped = target?.models?.[m] ?? target?.models?.[CLAUDE_ALIASES[m.toLowerCase()] ?? ""];
  if (mapped !== undefined) return mapped;
  return target?.modelIds && new RegExp(target.modelIds).test(m) ? m : undefined;
}

/**
 * `argument-hint` as a string: Claude packs also write `argument-hint: [message]`, which YAML reads as a
 * list; each element is put back in its brackets.
 */
export function argumentHint(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    const parts = v.map((x) => String(x).trim()).filter(Boolean);
    return parts.length ? parts.map((p) => (/^[[<]/.test(p) ? p : `[${p}]`)).join(" ") : undefined;
  }
  return str(v);
}

/** Claude Code's tool names (the library's vocabulary) → canonical classes. */
const TOOL_CLASS_OF: Record<string, AgentToolClass> = {
  read: "read",
  grep: "read",
  glob: "read",
  ls: "read",
  notebookread: "read",
  edit: "edit",
  multiedit: "edit",
  notebookedit: "edit",
  write: "write",
  bash: "shell",
  webfetch: "web",
  websearch: "web",
};

/** An agent's tool list, sorted into classes; `scoped` are Claude permission patterns such as `Bash(git:*)`. */
export function classifyTools(tools: readonly string[]): {
  classes: Set<AgentToolClass>;
  other: string[];
  scoped: string[];
} {
  const classes = new Set<AgentToolClass>();
  const other: string[] = [];
  const scoped: string[] = [];
  for (const t of tools) {
    const base = t.trim().replace(/\(.*$/s, "");
    const c = TOOL_CLASS_OF[base.toLowerCase()];
    if (!c) other.push(t.trim());
    else {
      classes.add(c);
      if (base !== t.trim()) scoped.push(t.trim());
    }
  }
  return { classes, other, scoped };
}

/**
 * The patterns of a class when every entry of it is a Claude permission pattern (`Bash(git log:*)` →
 * `git log*`); undefined when the item also allows the whole tool, or names none.
 */
export function toolPatterns(tools: readonly string[], c: AgentToolClass): string[] | undefined {
  const mine = tools
    .map((t) => t.trim())
    .filter((t) => TOOL_CLASS_OF[t.replace(/\(.*$/s, "").toLowerCase()] === c);
  const inner = mine.map((t) => /^[^(]+\((.+)\)$/s.exec(t)?.[1]?.trim());
  if (!mine.length || inner.some((p) => !p)) return undefined;
  return (inner as string[]).map((p) => (p.endsWith(":*") ? `${p.slice(0, -2)}*` : p));
}

/** `$tools:host`: the item's tool list in the target's own form (see `AgentTools`). */
export function hostTools(v: unknown, target: Pick<Target, "tools"> | undefined): FrontValue | undefined {
  const tools = list(v);
  const t = target?.tools;
  if (!tools?.length || !t) return undefined;
  if (t.form === "native") return tools;
  const { classes } = classifyTools(tools);
  const names = t.names ?? {};
  if (t.form === "readonly") return WRITING.some((c) => classes.has(c)) ? undefined : t.value;
  const granted = uniq(AGENT_TOOL_CLASSES.filter((c) => classes.has(c)).flatMap((c) => names[c] ?? []));
  if (t.form === "list") return granted;
  const denied: Record<string, string | Record<string, string>> = {};
  for (const key of uniq(AGENT_TOOL_CLASSES.flatMap((c) => names[c] ?? []))) {
    if (!granted.includes(key)) denied[key] = "deny";
    for (const c of t.patterns ?? []) {
      const ps = names[c]?.[0] === key ? toolPatterns(tools, c) : undefined;
      if (ps) denied[key] = Object.fromEntries([["*", "deny"], ...ps.map((p) => [p, "allow"])]);
    }
  }
  return Object.keys(denied).length ? { map: denied } : undefined;
}

const WRITING: readonly AgentToolClass[] = ["edit", "write", "shell"];

/**
 * What a host cannot express of an agent's tool list, for the install note and `cadre info`; undefined when
 * it keeps the restriction. `widens` (a warning rather than a note): the agent gets a shell it did not list, or
 * file changes although it listed neither edit nor write (edit and write merged into one is a note).
 */
export function toolGaps(
  item: Item,
  target: Target | undefined,
  host: string,
): { message: string; widens: boolean } | undefined {
  const tools = item.kind === "agent" ? list(item.meta.tools) : undefined;
  if (!tools?.length) return undefined;
  const t = target?.tools;
  const { classes, other, scoped } = classifyTools(tools);
  const missingWriting = WRITING.filter((c) => !classes.has(c));
  if (!t) {
    return {
      message: `${host} has no per-agent tool restriction: the agent runs with full access, not only ${tools.join(", ")}`,
      widens: widens(classes, WRITING),
    };
  }
  if (t.form === "native") return undefined;
  if (t.form === "readonly") {
    if (missingWriting.length === 0 || !WRITING.some((c) => classes.has(c))) return undefined;
    return {
      message: `${host} can only make an agent read-only: this one lists ${WRITING.filter((c) => classes.has(c)).join(", ")}, so it runs with full access (${missingWriting.join(", ")} too)`,
      widens: widens(classes, WRITING),
    };
  }
  const names = t.names ?? {};
  const granted = new Set(AGENT_TOOL_CLASSES.filter((c) => classes.has(c)).flatMap((c) => names[c] ?? []));
  const comes = AGENT_TOOL_CLASSES.filter(
    (c) => !classes.has(c) && (names[c]?.length ?? 0) > 0 && names[c]?.every((n) => granted.has(n)),
  );
  const open =
    t.form === "deny" ? AGENT_TOOL_CLASSES.filter((c) => !classes.has(c) && !names[c]?.length) : [];
  const parts: string[] = [];
  if (comes.length)
    parts.push(`${comes.join(", ")} cannot be withheld (the same permission as what it lists)`);
  if (open.length) parts.push(`${open.join(", ")} cannot be denied`);
  const widened = scoped.filter((s) => {
    const c = classifyTools([s]).classes.values().next().value as AgentToolClass;
    return !(t.form === "deny" && t.patterns?.includes(c) && toolPatterns(tools, c));
  });
  if (widened.length) parts.push(`${widened.join(", ")} becomes the whole tool`);
  if (other.length) parts.push(`${other.join(", ")} has no equivalent and is left out`);
  if (!parts.length) return undefined;
  return {
    message: `${host} cannot express all of the agent's tools: ${parts.join("; ")}`,
    widens: widened.length > 0 || widens(classes, [...comes, ...open]),
  };
}

/** Whether granting `extra` gives an agent with `classes` a shell, or file changes it did not have. */
function widens(classes: ReadonlySet<AgentToolClass>, extra: readonly AgentToolClass[]): boolean {
  const gets = (c: AgentToolClass) => !classes.has(c) && extra.includes(c);
  return gets("shell") || (!classes.has("edit") && !classes.has("write") && (gets("edit") || gets("write")));
}

/** Resolve one `$field` reference against an item; undefined drops the key. */
export function fieldValue(ref: string, item: Item, target?: Pick<Target, "models" | "modelIds" | "tools">) {
  const m = item.meta;
  switch (ref) {
    case "$name":
      return item.name;
    case "$description":
      return item.description.replace(/\s+/g, " ").trim();
    case "$model":
      return modelFor(m.model, target);
    case "$color":
      return str(m.color);
    case "$argumentHint":
      return argumentHint(m["argument-hint"]);
    case "$allowedTools":
      return Array.isArray(m["allowed-tools"]) ? list(m["allowed-tools"]) : str(m["allowed-tools"]);
    case "$tools":
      return list(m.tools);
    case "$tools:csv":
      return list(m.tools)?.join(", ");
    case "$tools:host":
      return hostTools(m.tools, target);
    case "$skills":
      return list(m.skills);
    case "$globs":
      return list(m.globs);
    case "$globs:csv": {
      const g = list(m.globs);
      return g ? { plain: g.join(", ") } : undefined;
    }
    case "$globs:join": {
      const g = list(m.globs);
      return g ? g.join(",") : undefined;
    }
    case "$globs:line": {
      const g = list(m.globs);
      return g ? { raw: g.join(",") } : undefined;
    }
    case "$globs:first":
      return list(m.globs)?.[0];
    default:
      throw new Error(`unknown field reference ${ref}`);
  }
}

/** Apply a host's field table to an item, in the table's order. */
export function mapFields(
  fields: Fields | undefined,
  item: Item,
  target?: Pick<Target, "models" | "modelIds" | "tools">,
): Array<[string, FrontValue]> {
  const out: Array<[string, FrontValue]> = [];
  for (const [k, v] of Object.entries(fields ?? {})) {
    const value: FrontValue | undefined =
      typeof v === "string" && v.startsWith("$") ? fieldValue(v, item, target) : v;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out.push([k, value]);
  }
  return out;
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}

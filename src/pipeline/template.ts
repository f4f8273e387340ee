/**
 * Artifact templates, the pure part. A template item (library/templates/<kind>.md) is Markdown whose own
 * frontmatter describes the item (name, description, artifact) and whose body is the artifact skeleton:
 * itself a Markdown-with-frontmatter document, the frontmatter holding the structured fields (empty where the
 * author fills them in) and the body guidance for the prose. The skeleton is what sync installs as
 * `.cadre/templates/<kind>.md` and what `cadre artifact new` fills in.
 */
import { normaliseText, parseFrontmatter } from "../core/frontmatter.js";
import { schemaConst } from "./schema.js";

/** The fields of an artifact cadre knows without the author. */
export interface MachineFields {
  schema_version: number;
  run_id: string;
  phase: string;
  author_role?: string;
  created_at: string;
  iteration?: number;
}

/** The artifact skeleton of a template item's text: its body, which opens with the artifact's frontmatter. */
export function templateSkeleton(itemText: string): string {
  const fm = parseFrontmatter(itemText);
  return fm.present && fm.errors.length === 0 ? fm.body.replace(/^\n+/, "") : normaliseText(itemText);
}

/** YAML for one scalar: strings double-quoted (JSON is valid YAML), numbers and booleans as they are. */
function scalar(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/**
 * Fill top-level frontmatter fields of a skeleton: an existing `key:` line gets the value (its trailing
 * comment kept), a missing key is added before the closing `---`. The rest of the text is left byte for byte.
 */
export function fillFields(skeleton: string, fields: Readonly<Record<string, unknown>>): string {
  const lines = normaliseText(skeleton).split("\n");
  const end = lines[0] === "---" ? lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(l)) : -1;
  if (end === -1) {
    const head = Object.entries(fields).map(([k, v]) => `${k}: ${scalar(v)}`);
    return ["---", ...head, "---", ...lines].join("\n");
  }
  const missing: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const re = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(?:\\s|$)`);
    const at = lines.findIndex((l, i) => i > 0 && i < end && re.test(l));
    if (at === -1) {
      missing.push(`${key}: ${scalar(value)}`);
      continue;
    }
    const comment = /\s(#.*)$/.exec(lines[at]?.slice(key.length + 1) ?? "")?.[1];
    lines[at] = `${key}: ${scalar(value)}${comment ? `  ${comment}` : ""}`;
  }
  lines.splice(end, 0, ...missing);
  return lines.join("\n");
}

/**
 * The machine-knowable fields for a kind: the schema's own `const`s for schema_version, phase and
 * author_role win (an artifact must match them), then what the run's workflow says.
 */
export function machineFields(
  schema: unknown,
  o: { runId: string; phase: string; role?: string; now: Date },
): MachineFields {
  const props = (schema as { properties?: Record<string, { const?: unknown }> } | null)?.properties ?? {};
  const version = props.schema_version?.const;
  return {
    schema_version: typeof version === "number" ? version : 1,
    run_id: o.runId,
    phase: schemaConst(schema, "phase") ?? o.phase,
    author_role: schemaConst(schema, "author_role") ?? o.role,
    created_at: o.now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    iteration: "iteration" in props ? 1 : undefined,
  };
}

/** A skeleton (not a template item: see templateSkeleton) with the machine fields filled in. */
export function fillTemplate(skeleton: string, fields: MachineFields): string {
  return fillFields(skeleton, fields as unknown as Record<string, unknown>);
}

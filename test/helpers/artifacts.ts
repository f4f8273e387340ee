/**
 * Test helpers for pipeline artifacts: a run folder with a workflow snapshot, and a filler that replaces each
 * empty placeholder of a template (a YAML null) with a value its schema accepts, so a test can check that a
 * template is complete: filled in, it validates.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRunDir, setActiveRun } from "../../src/runs/store.js";

type S = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  items?: S;
  properties?: Record<string, S>;
  required?: string[];
};

/** A value that satisfies a (simple) schema: the shapes the library's artifact schemas use. */
export function sample(s: S): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case "string": {
      if (s.format === "date-time") return "2026-12-02T10:00:00Z";
      if (s.format === "date") return "2027-01-15";
      const id = s.pattern && /^\^([A-Z]+)\[0-9\]\+\$$/.exec(s.pattern);
      if (id) return `${id[1]}1`;
      if (s.pattern === "^[0-9a-f]{7,64}$") return "0123abc";
      if (s.pattern) return "key.one";
      return "filled in";
    }
    case "integer":
      return s.minimum ?? 0;
    case "number":
      return Math.min(s.maximum ?? 0.5, Math.max(s.minimum ?? 0, 0.5));
    case "boolean":
      return true;
    case "array":
      return [sample(s.items ?? {})];
    case "object":
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k] ?? {})]));
    default:
      return "filled in";
  }
}

/** Replace every null in `value` by a sample of its schema; returns the filled copy. */
export function fillPlaceholders(value: unknown, s: S): unknown {
  if (value === null) return sample(s);
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, s.items ?? {}));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, s.properties?.[k] ?? {})]),
    );
  return value;
}

/** The JSON pointers of every null in a value: the placeholders left for the author. */
export function placeholders(value: unknown, at = ""): string[] {
  if (value === null) return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, `${at}/${i}`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => placeholders(v, `${at}/${k}`));
  return [];
}

/** A run folder (status, workflow snapshot) made the active run; returns its id. */
export async function fakeRun(
  root: string,
  id: string,
  phases: { id: string; artifact?: string; role?: string }[] = [{ id: "clarify" }],
): Promise<string> {
  const dir = await createRunDir(root, id);
  const now = "2026-12-02T10:00:00Z";
  const workflow = {
    name: "test",
    description: "A test workflow.",
    start: phases[0]?.id ?? "clarify",
    caps: { quick: 1, standard: 2, deep: 4 },
    phases: phases.map((p) => ({ gate: "none", next: [], ...p })),
  };
  const status = {
    schema_version: 1,
    id,
    workflow: "test",
    depth: "standard",
    state: "active",
    phase: null,
    phase_state: null,
    created_at: now,
    updated_at: now,
    history: [],
    gates: [],
    loops: {},
    seq: 0,
  };
  writeFileSync(join(dir, "workflow.json"), JSON.stringify(workflow));
  writeFileSync(join(dir, "status.json"), JSON.stringify(status));
  writeFileSync(join(dir, "events.ndjson"), "");
  await setActiveRun(root, id);
  return id;
}

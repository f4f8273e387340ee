/**
 * Artifact schemas compiled with the shared Ajv (src/core/ajv.ts: draft 2020-12, formats on, all errors),
 * loaded the first time a schema is compiled; nothing on the hook path or the no-op sync path reaches it.
 */
import { type AjvInstance, compileJsonSchema } from "../core/ajv.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import type { SchemaError } from "./artifact.js";

const compiled = new Map<string, Validator>();

/** A compiled schema: returns the errors for a value, [] when it is valid. */
export type Validator = (value: unknown) => SchemaError[];

/**
 * Compile a schema object. Throws an Error naming `schemaFile` when it does not compile (a broken schema is a
 * library defect, reported as such, never as the artifact's fault). Cached by the schema's JSON text.
 */
export function compileSchema(schema: unknown, schemaFile: string): Validator {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  if (typeof schema !== "object" || schema === null || Array.isArray(schema))
    throw new UserError(ErrorCodes.parse, `${schemaFile}: a schema must be a JSON object`);
  let fn: ReturnType<AjvInstance["compile"]>;
  try {
    fn = compileJsonSchema(schema as Record<string, unknown>);
  } catch (e) {
    throw new UserError(
      ErrorCodes.parse,
      `${schemaFile}: the schema does not compile: ${(e as Error).message.split("\n")[0]}`,
      "the schema is broken, not the artifact: fix the schema (`cadre lint` checks every schema item)",
    );
  }
  const v: Validator = (value) => (fn(value) ? [] : ((fn.errors ?? []) as SchemaError[]));
  compiled.set(key, v);
  return v;
}

/** The `const` of a top-level property (`phase`, `author_role`) of an artifact schema, when it has one. */
export function schemaConst(schema: unknown, prop: string): string | undefined {
  const props = (schema as { properties?: Record<string, { const?: unknown }> } | null)?.properties;
  const c = props?.[prop]?.const;
  return typeof c === "string" ? c : undefined;
}

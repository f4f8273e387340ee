/**
 * Artifact schemas compiled with Ajv (JSON Schema draft 2020-12, formats on, every error reported). Ajv and
 * ajv-formats (CommonJS, ~80 modules) load the first time a schema is compiled; nothing on the hook path or
 * the no-op sync path reaches this module's functions.
 */
import { createRequire } from "node:module";
import type Ajv2020Module from "ajv/dist/2020.js";
import type { SchemaError } from "./artifact.js";

type Ajv2020 = typeof Ajv2020Module.default;
type AjvInstance = InstanceType<Ajv2020>;

let ajv: AjvInstance | undefined;
const compiled = new Map<string, Validator>();

/** A compiled schema: returns the errors for a value, [] when it is valid. */
export type Validator = (value: unknown) => SchemaError[];

function newAjv(): AjvInstance {
  const req = createRequire(import.meta.url);
  const m = req("ajv/dist/2020.js") as { default?: Ajv2020 } & Ajv2020;
  const Ajv = m.default ?? m;
  const f = req("ajv-formats") as { default?: (a: AjvInstance) => void } & ((a: AjvInstance) => void);
  const instance = new Ajv({ strict: false, allErrors: true });
  (f.default ?? f)(instance);
  return instance;
}

/**
 * Compile a schema object. Throws an Error naming `schemaFile` when it does not compile (a broken schema is a
 * library defect, reported as such, never as the artifact's fault). Cached by the schema's JSON text.
 */
export function compileSchema(schema: unknown, schemaFile: string): Validator {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  if (typeof schema !== "object" || schema === null || Array.isArray(schema))
    throw new Error(`${schemaFile}: a schema must be a JSON object`);
  ajv ??= newAjv();
  const copy = { ...(schema as Record<string, unknown>) };
  delete copy.$id; // the same $id may be compiled again from another copy of the file
  let fn: ReturnType<AjvInstance["compile"]>;
  try {
    fn = ajv.compile(copy);
  } catch (e) {
    throw new Error(`${schemaFile}: the schema does not compile: ${(e as Error).message.split("\n")[0]}`);
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

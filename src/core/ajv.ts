/**
 * The one Ajv configuration for artifact schemas: JSON Schema draft 2020-12, formats on (ajv-formats), every
 * error reported. Shared by the `schema/invalid` lint rule and `cadre artifact validate`, so a schema that
 * lints is a schema that validates. Ajv and ajv-formats (CommonJS, ~80 modules) load on first use only.
 */
import { createRequire } from "node:module";
import type Ajv2020Module from "ajv/dist/2020.js";

type Ajv2020 = typeof Ajv2020Module.default;
export type AjvInstance = InstanceType<Ajv2020>;

let ajv: AjvInstance | undefined;

/** The shared Ajv instance, created on first use. */
export function artifactAjv(): AjvInstance {
  if (ajv) return ajv;
  const req = createRequire(import.meta.url);
  const m = req("ajv/dist/2020.js") as { default?: Ajv2020 } & Ajv2020;
  const Ajv = m.default ?? m;
  const f = req("ajv-formats") as { default?: (a: AjvInstance) => void } & ((a: AjvInstance) => void);
  ajv = new Ajv({ strict: false, allErrors: true });
  (f.default ?? f)(ajv);
  return ajv;
}

/** Compile a schema (its `$id` dropped: the same schema may come from several copies); throws Ajv's error. */
export function compileJsonSchema(schema: Record<string, unknown>): ReturnType<AjvInstance["compile"]> {
  const copy = { ...schema };
  delete copy.$id;
  return artifactAjv().compile(copy);
}

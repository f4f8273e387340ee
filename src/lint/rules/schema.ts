import { createRequire } from "node:module";
import type Ajv2020Module from "ajv/dist/2020.js";
import type { LintRule } from "../types.js";

type Ajv2020 = typeof Ajv2020Module.default;
let ajv: InstanceType<Ajv2020> | undefined;

/**
 * ajv (CommonJS, ~80 modules) is loaded the first time a schema item is checked: `sync` runs the item rules
 * on every run, and schemas are never installed, so it never needs it.
 */
function newAjv(): InstanceType<Ajv2020> {
  const m = createRequire(import.meta.url)("ajv/dist/2020.js") as { default?: Ajv2020 } & Ajv2020;
  const Ajv = m.default ?? m;
  return new Ajv({ strict: false, allErrors: true, validateFormats: false });
}

export const schemaRules: LintRule[] = [
  {
    id: "schema/invalid",
    severity: "error",
    description:
      "Artifact schemas are valid JSON Schema (draft 2020-12) and compile. Consequence: the schema cannot validate any artifact.",
    hint: "fix the schema so it validates against the JSON Schema meta-schema",
    item: (it) => {
      if (it.kind !== "schema") return [];
      ajv ??= newAjv();
      const copy = { ...it.meta };
      delete copy.$id;
      try {
        ajv.compile(copy);
        return [];
      } catch (e) {
        return [{ message: `schema does not compile: ${(e as Error).message.split("\n")[0]}`, line: 1 }];
      }
    },
  },
];

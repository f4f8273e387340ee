import Ajv2020Module from "ajv/dist/2020.js";
import type { LintRule } from "../types.js";

// ajv is CommonJS: its default export arrives as the module object under NodeNext.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ??
  Ajv2020Module) as typeof Ajv2020Module.default;
let ajv: InstanceType<typeof Ajv2020> | undefined;

export const schemaRules: LintRule[] = [
  {
    id: "schema/invalid",
    severity: "error",
    description:
      "Artifact schemas are valid JSON Schema (draft 2020-12) and compile. Consequence: the schema cannot validate any artifact.",
    hint: "fix the schema so it validates against the JSON Schema meta-schema",
    item: (it) => {
      if (it.kind !== "schema") return [];
      ajv ??= new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
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

import { compileJsonSchema } from "../../core/ajv.js";
import { parseFrontmatter } from "../../core/frontmatter.js";
import type { LintRule } from "../types.js";

export const schemaRules: LintRule[] = [
  {
    id: "schema/invalid",
    severity: "error",
    description:
      "Artifact schemas are valid JSON Schema (draft 2020-12, formats on, as `cadre artifact validate` compiles them) and compile. Consequence: the schema cannot validate any artifact.",
    hint: "fix the schema so it validates against the JSON Schema meta-schema",
    item: (it) => {
      if (it.kind !== "schema") return [];
      try {
        compileJsonSchema(it.meta);
        return [];
      } catch (e) {
        return [{ message: `schema does not compile: ${(e as Error).message.split("\n")[0]}`, line: 1 }];
      }
    },
  },
  {
    id: "template/unknown-artifact",
    severity: "error",
    description:
      "A template names, in `artifact:`, the schema its artifact is validated against, and that schema exists. Consequence: `cadre artifact new` cannot fill it in and nothing validates what it produces.",
    hint: "set `artifact:` to the name of a schema item (library/schemas/<name>.schema.json)",
    item: (it, _pack, ctx) => {
      if (it.kind !== "template") return [];
      const artifact = it.meta.artifact;
      if (typeof artifact !== "string" || !artifact)
        return [{ message: "template has no `artifact:` naming its schema", line: 1 }];
      const known = ctx.catalog.items.some((i) => i.kind === "schema" && i.name === artifact);
      return known
        ? []
        : [{ message: `template's artifact '${artifact}' is not a schema in the catalog`, line: 1 }];
    },
  },
  {
    id: "template/skeleton",
    severity: "error",
    description:
      "A template's body is the artifact skeleton: a Markdown document that opens with a YAML frontmatter block holding the artifact's fields. Consequence: `cadre artifact new` would write an artifact with no structured part.",
    hint: "start the body (after the template's own frontmatter) with a second '---' block holding the artifact's fields",
    item: (it) => {
      if (it.kind !== "template") return [];
      const fm = parseFrontmatter(it.body.replace(/^\n+/, ""));
      if (!fm.present)
        return [
          { message: "the body does not open with the artifact's '---' frontmatter", line: it.bodyLine },
        ];
      const first = fm.errors[0];
      const skipped = it.body.length - it.body.replace(/^\n+/, "").length;
      return first
        ? [
            {
              message: `the artifact frontmatter: ${first.message}`,
              line: it.bodyLine + skipped + first.line - 1,
            },
          ]
        : [];
    },
  },
];

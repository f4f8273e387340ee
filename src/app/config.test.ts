import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LockSchema } from "../apply/lock.js";
import { ConfigSchema, editConfigList, parseConfigText, renderConfig } from "./config.js";

const root = join(import.meta.dirname, "..", "..");

function schemaText(schema: z.ZodType, id: string, title: string): string {
  const json = { $id: id, title, ...z.toJSONSchema(schema, { io: "input" }) };
  return `${JSON.stringify(json, null, 2)}\n`;
}

describe("JSON Schemas in schemas/", () => {
  it.each([
    ["cadre.yaml.schema.json", ConfigSchema, "cadre.yaml"],
    ["cadre.lock.schema.json", LockSchema, "cadre.lock"],
  ] as const)("%s matches the zod schema (CADRE_WRITE_SCHEMAS=1 regenerates)", (file, schema, title) => {
    const want = schemaText(schema, `urn:cadre:schema:${file.replace(".schema.json", "")}`, title);
    const path = join(root, "schemas", file);
    if (process.env.CADRE_WRITE_SCHEMAS === "1") writeFileSync(path, want);
    expect(readFileSync(path, "utf8")).toBe(want);
  });
});

describe("cadre.yaml", () => {
  it("round-trips what init writes", () => {
    const c = parseConfigText(
      renderConfig({ hosts: ["claude-code"], profiles: ["core"], scope: "project", sources: ["builtin"] }),
      "cadre.yaml",
    );
    expect(c).toMatchObject({ hosts: ["claude-code"], profiles: ["core"], include: [], exclude: [] });
  });

  it("rejects unknown keys and hosts with a clear message", () => {
    expect(() => parseConfigText("hostz: [cursor]\n", "cadre.yaml")).toThrow(/cadre.yaml/);
    expect(() => parseConfigText("hosts: [vim]\n", "cadre.yaml")).toThrow(/hosts/);
  });

  it("edits a list and keeps comments", () => {
    const text = "# mine\nhosts: [cursor] # keep\ninclude: []\n";
    const out = editConfigList(text, ["include"], (xs) => [...xs, "skill:tdd"]);
    expect(out).toContain("# mine");
    expect(out).toContain("# keep");
    expect(parseConfigText(out, "x").include).toEqual(["skill:tdd"]);
  });
});

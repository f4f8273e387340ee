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

  it("compose: off by default, true, or a block; init --compose writes compose: true", () => {
    expect(parseConfigText("hosts: [cursor]\n", "cadre.yaml").compose).toBe(false);
    expect(parseConfigText("compose: true\n", "cadre.yaml").compose).toBe(true);
    const block = parseConfigText(
      "compose:\n  stacks: [postgres]\n  concerns: [auth]\n  detect: false\n  tokens: 9000\n  modules: 4\n",
      "cadre.yaml",
    );
    expect(block.compose).toEqual({
      stacks: ["postgres"],
      concerns: ["auth"],
      detect: false,
      tokens: 9000,
      modules: 4,
    });
    const init = renderConfig({
      hosts: ["claude-code"],
      profiles: ["pipeline"],
      scope: "project",
      sources: ["builtin"],
      compose: true,
    });
    expect(parseConfigText(init, "cadre.yaml").compose).toBe(true);
  });

  it("a mistake in the compose block names its line", () => {
    expect(() => parseConfigText("hosts: [cursor]\ncompose:\n  tokens: -3\n", "cadre.yaml")).toThrow(
      /^cadre\.yaml:3:\d+: compose/,
    );
    expect(() => parseConfigText("compose: yes please\n", "cadre.yaml")).toThrow(
      /^cadre\.yaml:1:\d+: compose/,
    );
  });

  it("edits a list and keeps comments", () => {
    const text = "# mine\nhosts: [cursor] # keep\ninclude: []\n";
    const out = editConfigList(text, ["include"], (xs) => [...xs, "skill:tdd"]);
    expect(out).toContain("# mine");
    expect(out).toContain("# keep");
    expect(parseConfigText(out, "x").include).toEqual(["skill:tdd"]);
  });
});

describe("cadre.yaml mistakes are errors that name the file, the line, the bad value and the valid ones", () => {
  const err = (text: string) => {
    try {
      parseConfigText(text, "cadre.yaml");
    } catch (e) {
      return `${(e as Error).message}\n${(e as { hint?: string }).hint ?? ""}`;
    }
    throw new Error("no error");
  };

  it("an unknown host: its line, the value, the closest host and the valid ones", () => {
    const m = err("version: 1\nhosts: [cursor, claud-code]\n");
    expect(m).toMatch(
      /^cadre\.yaml:2:\d+: hosts\[1\]: "claud-code" is not a host; did you mean claude-code\?/,
    );
    expect(m).toMatch(/valid: .*agents-standard.*cursor/);
  });

  it("a misspelt key names the key and the closest field", () => {
    expect(err("# top\nprofile: [core]\n")).toMatch(
      /^cadre\.yaml:2:1: unknown key "profile"; did you mean profiles\?/,
    );
  });

  it("a wrong type says what was expected and what was found", () => {
    expect(err("hosts: [cursor]\nprofiles: core\n")).toMatch(
      /^cadre\.yaml:2:\d+: profiles: expected a list, found "core"/,
    );
    expect(err("scope: global\n")).toMatch(/scope: "global" is not valid; valid: project, user/);
  });

  it("an empty file, or one with only comments, is an error naming the file", () => {
    expect(err("")).toMatch(/cadre\.yaml is empty/);
    expect(err("# nothing yet\n\n")).toMatch(/cadre\.yaml is empty/);
  });

  it("overrides may name only the hosts they change", () => {
    const c = parseConfigText(
      "hosts: [cursor, codex]\noverrides:\n  cursor:\n    exclude: [skill:tdd]\n",
      "x",
    );
    expect(c.overrides).toEqual({ cursor: { exclude: ["skill:tdd"] } });
    expect(err("overrides:\n  cursr:\n    exclude: [skill:tdd]\n")).toMatch(
      /^cadre\.yaml:2:\d+: overrides: "cursr" is not a host; did you mean cursor\b/,
    );
  });
});

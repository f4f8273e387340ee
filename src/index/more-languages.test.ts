import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type Language, languageOf } from "./languages.js";
import { extractFile, loadGrammars } from "./parse.js";

/** The languages whose grammars come from @cursorless/tree-sitter-wasms and @tree-sitter-grammars/tree-sitter-kotlin. */

const FIX = "test/fixtures/langs";
function defs(file: string): string[] {
  const lang = languageOf(file) as Language;
  const x = extractFile(lang, readFileSync(`${FIX}/${file}`, "utf8"));
  expect(x.error).toBeUndefined();
  return x.symbols.map((s) => `${s.kind} ${s.qualname}`);
}

beforeAll(async () => {
  await loadGrammars(["kotlin", "swift", "scala", "lua", "elixir", "dart", "hcl", "zig", "haskell", "perl"]);
});

describe("languageOf", () => {
  it.each([
    ["a/B.kt", "kotlin"],
    ["build.gradle.kts", "kotlin"],
    ["App.swift", "swift"],
    ["Main.scala", "scala"],
    ["init.lua", "lua"],
    ["lib/plug.ex", "elixir"],
    ["test/plug_test.exs", "elixir"],
    ["main.dart", "dart"],
    ["main.tf", "hcl"],
    ["prod.tfvars", "hcl"],
    ["build.zig", "zig"],
    ["Main.hs", "haskell"],
    ["lib/LWP/UserAgent.pm", "perl"],
  ])("%s is %s", (path, lang) => {
    expect(languageOf(path)).toBe(lang);
  });
});

describe("definitions in the new languages", () => {
  it.each([
    [
      "sample.kt",
      [
        "module demo.shapes",
        "interface demo.shapes.Shape",
        "method demo.shapes.Shape.area",
        "class demo.shapes.Circle",
        "property demo.shapes.Circle.radius",
        "method demo.shapes.Circle.area",
        "enum demo.shapes.Color",
        "enum_member demo.shapes.Color.RED",
        "class demo.shapes.Registry",
        "property demo.shapes.Registry.items",
        "method demo.shapes.Registry.register",
        "type demo.shapes.Shapes",
        "function demo.shapes.topLevel",
        "local demo.shapes.topLevel.local",
        "local demo.shapes.describe.shape",
        "constant demo.shapes.VERSION",
      ],
    ],
    [
      "sample.swift",
      [
        "interface Shape",
        "method Shape.area",
        "struct Circle",
        "property Circle.radius",
        "class Registry",
        "constructor Registry.init",
        "method Registry.register",
        "enum Color",
        "enum_member Color.green",
        "method Circle.diameter",
        "type Shapes",
        "function topLevel",
        "local topLevel.local",
        "constant version",
      ],
    ],
    [
      "sample.scala",
      [
        "module demo.shapes",
        "trait demo.shapes.Shape",
        "method demo.shapes.Shape.area",
        "class demo.shapes.Circle",
        "class demo.shapes.Registry",
        "property demo.shapes.Registry.items",
        "method demo.shapes.Registry.register",
        "type demo.shapes.Shapes",
        "enum demo.shapes.Color",
        "enum_member demo.shapes.Color.Green",
        "function demo.shapes.topLevel",
        "local demo.shapes.topLevel.local",
      ],
    ],
    [
      "sample.lua",
      ["method M.area", "method M.describe", "function helper", "function globalFn", "method M.onClick"],
    ],
    [
      "sample.ex",
      [
        "module Demo.Shapes",
        "function Demo.Shapes.area",
        "function Demo.Shapes.helper",
        "macro Demo.Shapes.twice",
        "function Demo.Shapes.__using__.shape_name",
        "module Demo.Shapes.Inner",
        "function Demo.Shapes.Inner.run",
        "module Demo.Describe",
        "function Demo.Describe.describe",
      ],
    ],
    [
      "sample.dart",
      [
        "class Shape",
        "method Shape.area",
        "field Circle.radius",
        "constructor Circle.Circle",
        "method Circle.area",
        "enum_member Color.green",
        "class Named",
        "property Named.name",
        "class Diameter",
        "method Diameter.diameter",
        "type Shapes",
        "function topLevel",
        "constant version",
      ],
    ],
    [
      "main.tf",
      [
        "variable var.region",
        "module provider.aws",
        "class aws_s3_bucket.logs",
        "class data.aws_caller_identity.current",
        "module module.network",
        "property output.bucket_arn",
        "variable local.prefix",
      ],
    ],
    [
      "sample.zig",
      [
        "struct Point",
        "field Point.x",
        "method Point.init",
        "enum Color",
        "enum_member Color.red",
        "function helper",
        "local helper.local",
        "function main",
      ],
    ],
    [
      "Sample.hs",
      [
        "module Demo.Shapes",
        "type Shape",
        "constructor Shape.Circle",
        "constructor Shape.Square",
        "interface HasArea",
        "method HasArea.area",
        "type Shapes",
        "type Name",
        "constructor Name.Name",
        "function topLevel",
        "function helper",
      ],
    ],
    [
      "sample.pl",
      [
        "module Demo.Shapes",
        "function Demo.Shapes.new",
        "function Demo.Shapes.area",
        "module Demo.Other",
        "function Demo.Other.helper",
      ],
    ],
  ])("%s", (file, want) => {
    expect(defs(file)).toEqual(expect.arrayContaining(want));
  });

  it("keeps function bodies' locals out of Dart members and instance bodies out of Haskell", () => {
    expect(defs("sample.dart")).not.toContain("variable local");
    const hs = defs("Sample.hs");
    // `area` is declared once in the class; the instance's equations are not new definitions.
    expect(hs.filter((d) => d.endsWith(".area") || d === "function area")).toEqual(["method HasArea.area"]);
    expect(hs.filter((d) => d === "function topLevel")).toHaveLength(1);
  });

  it("finds Perl subs the grammar loses after a syntax error, each up to its closing brace", () => {
    // The grammar reads `"$"` as the start of an interpolation and the rest of the file becomes one error.
    const src = 'package A::B;\nsub ok { 1 }\nmy %h = (a => "$",);\nsub later\n{\n    return 2;\n}\n1;\n';
    const x = extractFile("perl", src);
    const later = x.symbols.filter((s) => s.name === "later");
    expect(later).toEqual([
      expect.objectContaining({ qualname: "A.B.later", kind: "function", line: 4, endLine: 7 }),
    ]);
    expect(x.symbols.filter((s) => s.name === "ok")).toHaveLength(1);
  });

  it("keeps line numbers when Kotlin's constructor sits on the line after the class", () => {
    const src =
      "class NameAllocator\nprivate constructor(\n  private val names: Set<String>,\n) {\n  fun get(): Int = 1\n}\n";
    const x = extractFile("kotlin", src);
    const at = Object.fromEntries(x.symbols.map((s) => [s.name, s.line]));
    expect(at).toEqual({ NameAllocator: 1, names: 3, get: 5 });
  });
});

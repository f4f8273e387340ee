import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type Language, languageOf } from "./languages.js";
import { extractFile, loadGrammars } from "./parse.js";

const FIX = "test/fixtures/repo";
function defs(path: string): string[] {
  const lang = languageOf(path) as Language;
  const x = extractFile(lang, readFileSync(`${FIX}/${path}`, "utf8"));
  expect(x.error).toBeUndefined();
  return x.symbols.map((s) => `${s.kind} ${s.qualname}`);
}

beforeAll(async () => {
  await loadGrammars([
    "typescript",
    "tsx",
    "javascript",
    "python",
    "go",
    "rust",
    "java",
    "c",
    "csharp",
    "ruby",
    "php",
    "bash",
  ]);
});

describe("extractFile", () => {
  it.each([
    [
      "src/shapes.ts",
      [
        "interface Shape",
        "method Shape.area",
        "enum_member Color.Green",
        "type Point",
        "method Circle.area",
        "function makeCircle",
        "constant Geometry.ORIGIN",
      ],
    ],
    ["src/view.tsx", ["function CircleView"]],
    ["src/math.ts", ["constant floor", "constant roundUp", "function sqrt"]],
    ["src/legacy.js", ["function Legacy", "method Legacy.greet", "method Store.add", "field Store.items"]],
    [
      "py/service.py",
      [
        "constant MAX_USERS",
        "field UserService.default_role",
        "method UserService.fetch",
        "method UserService.normalise",
        "function create_service.helper",
      ],
    ],
    [
      "go/server.go",
      [
        "constant server.MaxConns",
        "struct server.Server",
        "field Server.backlog",
        "method Handler.Handle",
        "method Server.Start",
        "function server.New",
        "type server.ID",
      ],
    ],
    [
      "rs/lib.rs",
      [
        "struct Cache",
        "trait Store",
        "method Store.get",
        "method Cache.new",
        "method Cache.get",
        "macro square",
        "function util.helper",
        "enum_member Mode.Safe",
      ],
    ],
    [
      "java/Greeter.java",
      [
        "class Greeter",
        "constructor Greeter.Greeter",
        "method Greeter.greet",
        "enum_member Greeter.Tone.WARM",
        "method Greeter.Listener.onGreet",
      ],
    ],
    [
      "c/buffer.c",
      [
        "macro BUF_MAX",
        "type buffer_t",
        "field buffer.len",
        "enum_member state.IDLE",
        "variable instances",
        "function buffer_new",
      ],
    ],
    ["c/widget.cpp", ["class ui.Widget", "method ui.Widget.width"]],
    [
      "cs/Account.cs",
      ["class Bank.Core.Account", "property Bank.Core.Account.Owner", "method Bank.Core.Account.Deposit"],
    ],
    [
      "rb/cart.rb",
      ["class Shop.Cart", "constant Shop.Cart.TAX", "method Shop.Cart.add", "method Shop.Cart.empty"],
    ],
    [
      "php/Mailer.php",
      [
        "class App.Mail.Mailer",
        "method App.Mail.Mailer.send",
        "constant App.Mail.Mailer.VERSION",
        "function App.Mail.helper",
      ],
    ],
    ["sh/deploy.sh", ["function build", "function deploy"]],
    ["docs/guide.md", ["heading Guide", "heading Guide > Install", "heading Guide > Usage > Advanced"]],
    ["conf/app.json", ["key server.port", "key features[].id"]],
    ["conf/ci.yaml", ["key on.push.branches", "key jobs.test.steps.uses"]],
    ["conf/cargo.toml", ["key package.version", "key dependencies.serde", "key bin.name"]],
  ])("%s", (path, expected) => {
    const got = defs(path);
    for (const e of expected) expect(got).toContain(e);
  });

  it("keeps headings inside code fences out", () => {
    expect(defs("docs/guide.md").some((d) => d.includes("not a heading"))).toBe(false);
  });

  it("does not treat inline object types as properties", () => {
    expect(defs("src/shapes.ts")).not.toContain("property x");
  });

  it("extracts doc comments and signatures", () => {
    const x = extractFile("go", readFileSync(`${FIX}/go/server.go`, "utf8"));
    const start = x.symbols.find((s) => s.qualname === "Server.Start");
    expect(start?.doc).toBe("Start starts the server.");
    expect(start?.signature).toBe("func (s *Server) Start() error");
    const py = extractFile("python", readFileSync(`${FIX}/py/service.py`, "utf8"));
    expect(py.symbols.find((s) => s.name === "fetch")?.doc).toBe("Fetch one user.");
    expect(py.imports).toContain("from typing import Optional");
  });
});

/** Extraction gaps found against universal-ctags on the benchmark corpora (docs/BENCHMARKS.md). */
describe("extraction gaps found on real corpora", () => {
  const sym = (lang: Language, src: string) =>
    extractFile(lang, src).symbols.map((s) => `${s.kind} ${s.qualname} ${s.line}-${s.endLine}`);

  it("indexes JS/TS variables inside function bodies as locals of the function", () => {
    const got = sym(
      "typescript",
      [
        "export class Subscription {",
        "  static EMPTY = (() => {",
        "    const empty = new Subscription();",
        "    return empty;",
        "  })();",
        "  run(xs: number[]) {",
        "    const { a, b: [c] } = this.x;",
        "    let y = 1;",
        "    for (const x of xs) y += x;",
        "  }",
        "}",
        "export const top = 1;",
        'describe("x", () => { const z = 3; });',
      ].join("\n"),
    );
    expect(got).toEqual(
      expect.arrayContaining([
        "local Subscription.empty 3-3",
        "local Subscription.run.a 7-7",
        "local Subscription.run.c 7-7",
        "local Subscription.run.y 8-8",
        "local Subscription.run.x 9-9",
        "constant top 12-12",
        "local z 13-13",
      ]),
    );
    // The property key of a renaming pattern is not a binding; only module-level names are constants.
    expect(got.some((g) => g.startsWith("local Subscription.run.b "))).toBe(false);
    expect(got.filter((g) => g.startsWith("constant "))).toEqual(["constant top 12-12"]);
  });

  it("indexes TS construct signatures and `this.x = {…}` in constructor functions", () => {
    expect(
      sym(
        "typescript",
        "interface ErrCtor {\n  new (message: string): Error;\n  readonly prototype: Error;\n}",
      ),
    ).toEqual(["interface ErrCtor 1-4", "constructor ErrCtor.new 2-2", "property ErrCtor.prototype 3-3"]);
    const got = sym(
      "javascript",
      [
        "function MapWidget(options) {",
        "  this.map = null;",
        "  this.options = {",
        "    default_lat: 0,",
        "  };",
        "  this.reset = function () {};",
        "}",
        "class W { constructor() { this.state = { on: true }; } }",
      ].join("\n"),
    );
    expect(got).toEqual(
      expect.arrayContaining([
        "property MapWidget.options 3-5",
        "property MapWidget.options.default_lat 4-4",
        "method MapWidget.reset 6-6",
        "property W.state 8-8",
      ]),
    );
    expect(got.some((g) => g.includes(".map "))).toBe(false);
  });

  it("indexes JS functions assigned to implicit globals and to members inside functions", () => {
    const got = sym(
      "javascript",
      [
        "Search = function (data) {",
        "  this.data = data;",
        "};",
        "function init() {",
        "  var search = new Search([]);",
        "  search.renderItem = function (r) {};",
        "  Shortcuts.dismissFunc[num] = function () {};",
        "  handler = function () {};",
        "}",
      ].join("\n"),
    );
    expect(got).toEqual(
      expect.arrayContaining([
        "function Search 1-3",
        "method search.renderItem 6-6",
        "method Shortcuts.dismissFunc 7-7",
      ]),
    );
    expect(got.some((g) => g.includes("handler"))).toBe(false);
  });

  it("indexes C# operators and indexers", () => {
    expect(
      sym(
        "csharp",
        [
          "struct Unit {",
          "  public static bool operator ==(Unit a, Unit b) { return true; }",
          "  public int this[int i] { get { return 0; } }",
          "}",
        ].join("\n"),
      ),
    ).toEqual(["struct Unit 1-4", "method Unit.operator == 2-2", "property Unit.this 3-3"]);
  });

  it("indexes Ruby attribute accessors and aliases", () => {
    expect(
      sym(
        "ruby",
        [
          "class Spec",
          "  attr_accessor :activated, :loaded",
          "  attr_reader(:name)",
          "  alias :activated? :activated",
          "  alias $ARGV $*",
          "  alias_method :to_s, :name",
          "end",
        ].join("\n"),
      ),
    ).toEqual([
      "class Spec 1-7",
      "property Spec.activated 2-2",
      "property Spec.loaded 2-2",
      "property Spec.name 3-3",
      "method Spec.activated? 4-4",
      "variable Spec.$ARGV 5-5",
      "method Spec.to_s 6-6",
    ]);
  });

  it("indexes C# using aliases and PHP globals (not closure variables)", () => {
    expect(sym("csharp", "using Hash = System.Collections.Hashtable;\nusing System;\n")).toEqual([
      "type Hash 1-1",
    ]);
    const php = extractFile(
      "php",
      "<?php\n$config = 1;\nspl_autoload_register(function ($c) { $classes = 2; });\nfunction f() { $x = 1; }\n",
    );
    expect(php.symbols.map((s) => `${s.kind} ${s.qualname} ${s.line}`)).toEqual([
      "variable config 2",
      "function f 4",
    ]);
  });

  it("recovers C definitions hidden by macros the grammar cannot expand", () => {
    const got = sym(
      "c",
      [
        "static void SQLITE_NOINLINE btreeEnterAll(sqlite3 *db){",
        "  int i;",
        "}",
        "SQLITE_PRIVATE Bitvec *sqlite3BitvecCreate(u32 iSize){",
        "  return 0;",
        "}",
        "static SQLITE_WSD struct Mem0Global {",
        "  sqlite3_int64 hardLimit;",
        "} mem0 = { 0 };",
        "static struct unix_syscall aSyscall[] = {",
        '  { "close", (sqlite3_syscall_ptr)close, 0 },',
        "#define osClose ((int(*)(int))aSyscall[0].pCurrent)",
        '  { "access", (sqlite3_syscall_ptr)access, 0 },',
        "#define osAccess \\",
        "    ((int(*)(const char*,int))aSyscall[1].pCurrent)",
        "};",
      ].join("\n"),
    );
    expect(got).toEqual(
      expect.arrayContaining([
        "function btreeEnterAll 1-3",
        "function sqlite3BitvecCreate 4-6",
        "struct Mem0Global 7-9",
        "field Mem0Global.hardLimit 8-8",
        "macro osClose 12-12",
        "macro osAccess 14-15",
      ]),
    );
    expect(got.some((g) => g.includes("SQLITE_NOINLINE") || g.includes("structMem0Global"))).toBe(false);
  });

  it("recovers shell functions that an extended glob made the grammar reject", () => {
    const src = [
      "_gpgv()",
      "{",
      "    case $prev in",
      "        --help | -!(-*)[?h]*)",
      "            return",
      "            ;;",
      "    esac",
      "} &&",
      "    complete -F _gpgv gpgv",
      "",
      "function _other {",
      "  :",
      "}",
    ].join("\n");
    expect(sym("bash", src)).toEqual(expect.arrayContaining(["function _gpgv 1-8", "function _other 11-13"]));
  });
});

describe("languageOfShebang", () => {
  it("reads the interpreter, through env and its flags, and ignores version suffixes", async () => {
    const { languageOfShebang } = await import("./languages.js");
    expect(languageOfShebang("#!/bin/sh\n")).toBe("bash");
    expect(languageOfShebang("#! /usr/bin/env -S python3.12 -u\n")).toBe("python");
    expect(languageOfShebang("#!/usr/bin/env node\n")).toBe("javascript");
    expect(languageOfShebang("#!/usr/bin/ruby2.7 -w\n")).toBe("ruby");
    expect(languageOfShebang("#!/usr/bin/perl -w\n")).toBe("perl");
    expect(languageOfShebang("#!/usr/bin/env lua5.4\n")).toBe("lua");
    expect(languageOfShebang("#!/usr/bin/awk -f\n")).toBeUndefined();
    expect(languageOfShebang("echo hi\n")).toBeUndefined();
  });
});

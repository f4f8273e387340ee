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

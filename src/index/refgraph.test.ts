import { describe, expect, it } from "vitest";
import { calleesItem, callersItem, enclosing, identifiersIn, occurrences, usesOf } from "./refgraph.js";
import type { SymbolRow } from "./store.js";

const sym = (id: string, line: number, end: number, kind = "function", depth = 0): SymbolRow => ({
  rowid: 0,
  id,
  file_id: 1,
  path: "a.ts",
  name: id,
  qualname: id,
  kind,
  line,
  end_line: end,
  depth,
  signature: "",
  doc: "",
  hash: "",
  generated: 0,
});

describe("reference graph helpers", () => {
  it("finds whole-identifier occurrences by line, once per line, skipping given lines", () => {
    const text = "parse(x)\nreparse(y)\nparse_all()\nparse(parse(z))\n// parse\n$parse\n";
    expect(occurrences(text, "parse")).toEqual([1, 4, 5]);
    expect(occurrences(text, "parse", new Set([4]))).toEqual([1, 5]);
    expect(occurrences("a.parse\n", "parse")).toEqual([1]);
    expect(occurrences("", "parse")).toEqual([]);
  });

  it("maps a line to the innermost definition that holds it, never a local", () => {
    const syms = [
      sym("Outer", 1, 20, "class"),
      sym("Outer.run", 3, 10, "method", 1),
      sym("tmp", 4, 4, "local", 2),
    ];
    expect(enclosing(syms, 4)?.id).toBe("Outer.run");
    expect(enclosing(syms, 15)?.id).toBe("Outer");
    expect(enclosing(syms, 25)).toBeUndefined();
  });

  it("lists distinct identifiers in order", () => {
    expect(identifiersIn("a.b(c, a) + $d_1 - 2x")).toEqual(["a", "b", "c", "$d_1", "x"]);
  });

  it("describes callers and callees at L0 and L1, and declines names too common to mean anything", () => {
    const s = sym("run", 3, 10);
    const caller = { symbol: sym("main", 20, 30), path: "b.ts", line: 22, text: "run()" };
    const item = callersItem(s, { edges: [caller, { path: "c.ts", line: 1, text: "run();" }], more: 1 });
    expect(item.candidates.map((c) => c.text)).toEqual([
      "callers of run (by name): 3 in 2 file(s) — main, c.ts (top level)",
      "callers of run (by name): 3 in 2 file(s)\n  function main · b.ts:22: run()\n  top level · c.ts:1: run();\n  … and 1 more",
    ]);
    expect(callersItem(s, { edges: [], more: 0, definers: 40 }).candidates.map((c) => c.text)).toEqual([
      'callers of run: not listed — 40 definitions share the name "run"',
    ]);
    expect(callersItem(s, { edges: [], more: 0 }).candidates).toHaveLength(1);
    const callees = calleesItem(s, [
      { symbol: sym("helper", 40, 41), path: "a.ts", line: 40, alsoDefined: 2 },
    ]);
    expect(callees.candidates[1]?.text).toBe(
      "run calls (by name):\n  function helper · a.ts:40 (+2 other definitions) — ",
    );
    expect(calleesItem(s, []).candidates.map((c) => c.text)).toEqual([
      "run calls nothing defined in the index",
    ]);
  });

  it("tells bare calls, member calls and bare names apart", () => {
    const body = "const text = a.text;\nitems.push(x);\nrun<T>(1); new Circle(2);\nobj . save ();";
    expect(usesOf(body, "text")).toEqual({ call: false, member: false, bare: true });
    expect(usesOf(body, "push")).toEqual({ call: false, member: true, bare: false });
    expect(usesOf(body, "run")).toEqual({ call: true, member: false, bare: true });
    expect(usesOf(body, "Circle")).toEqual({ call: true, member: false, bare: true });
    expect(usesOf(body, "save")).toEqual({ call: false, member: true, bare: false });
    expect(usesOf("$x($y)", "$x")).toEqual({ call: true, member: false, bare: true });
  });
});

import { describe, expect, it } from "vitest";
import { enclosing, identifiersIn, occurrences } from "./refgraph.js";
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
});

import { describe, expect, it } from "vitest";
import { rewriteRefs } from "./refs.js";

const phrase = (n: string) =>
  n === "tdd" ? "the `tdd` skill" : n === "reviewer" ? "the `reviewer` subagent" : undefined;

describe("rewriteRefs", () => {
  it("rewrites known @name references and leaves the rest", () => {
    expect(rewriteRefs("Use @tdd, then ask @reviewer (or @nobody).", phrase)).toBe(
      "Use the `tdd` skill, then ask the `reviewer` subagent (or @nobody).",
    );
  });

  it("leaves code, e-mail addresses and package names alone", () => {
    const text = "Mail a@tdd.io, import @tdd/pkg, keep `npx @tdd/cli` and `@tdd/pkg`.\n```\n@tdd\n```\n@tdd";
    expect(rewriteRefs(text, phrase)).toBe(
      "Mail a@tdd.io, import @tdd/pkg, keep `npx @tdd/cli` and `@tdd/pkg`.\n```\n@tdd\n```\nthe `tdd` skill",
    );
  });

  it("reads a code span that is only a reference as the reference, when the name is installed", () => {
    expect(rewriteRefs("Run `@tdd` first; `@nobody` stays; so does `@tdd x`.", phrase)).toBe(
      "Run the `tdd` skill first; `@nobody` stays; so does `@tdd x`.",
    );
  });
});

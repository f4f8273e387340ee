import { describe, expect, it } from "vitest";
import { buildIndex, highlight, type SearchDoc, search } from "./bm25f.js";
import { boundedEditDistance, tokenize } from "./tokenize.js";

const doc = (id: string, name: string, tags: string, description: string, body = ""): SearchDoc => ({
  id,
  fields: { name, tags, description, body },
});

const docs = [
  doc(
    "tdd",
    "test driven development",
    "testing process",
    "Write a failing test first, then make it pass.",
    "red green refactor",
  ),
  doc(
    "flaky",
    "flaky test hunter",
    "testing quality",
    "Find and fix tests that fail intermittently.",
    "retry timing order",
  ),
  doc(
    "k8s",
    "kubernetes deploy",
    "infrastructure",
    "Deploy services to a Kubernetes cluster with manifests.",
    "pods services",
  ),
  doc(
    "body-only",
    "misc notes",
    "",
    "General notes.",
    "kubernetes kubernetes kubernetes is mentioned in the body only",
  ),
  doc("review", "code review", "quality", "Review a change for correctness and risk.", "test the diff"),
];
const index = buildIndex(docs);
const ids = (q: string, limit = 5) => search(index, q, { limit }).map((h) => h.id);

describe("BM25F search", () => {
  it("ranks a name match above a body-only match", () => {
    expect(ids("kubernetes").slice(0, 2)).toEqual(["k8s", "body-only"]);
  });

  it("matches prefixes", () => {
    expect(ids("kube")[0]).toBe("k8s");
    expect(ids("refact")).toContain("tdd");
  });

  it("tolerates typos", () => {
    expect(ids("kubernets")[0]).toBe("k8s");
    expect(ids("flakey")[0]).toBe("flaky");
  });

  it("prefers documents matching every query term", () => {
    expect(ids("flaky test")[0]).toBe("flaky");
    expect(ids("code review")[0]).toBe("review");
  });

  it("filters and limits", () => {
    expect(search(index, "test", { filter: (id) => id !== "tdd" }).map((h) => h.id)).not.toContain("tdd");
    expect(search(index, "test", { limit: 1 })).toHaveLength(1);
  });

  it("returns nothing for an empty or stop-word query", () => {
    expect(search(index, "  ")).toEqual([]);
    expect(search(index, "the and of")).toEqual([]);
  });

  it("is deterministic on ties (by id)", () => {
    const twins = buildIndex([doc("b", "same", "", "same"), doc("a", "same", "", "same")]);
    expect(search(twins, "same").map((h) => h.id)).toEqual(["a", "b"]);
  });
});

describe("tokenize and helpers", () => {
  it("splits camelCase, kebab-case and snake_case, drops stop words", () => {
    expect(tokenize("parseHTTPRequest for the code-review_tool")).toEqual([
      "parse",
      "http",
      "request",
      "code",
      "review",
      "tool",
    ]);
  });
  it("bounds the edit distance", () => {
    expect(boundedEditDistance("kitten", "sitting", 3)).toBe(3);
    expect(boundedEditDistance("kitten", "sitting", 1)).toBe(2);
  });
  it("highlights matched words", () => {
    expect(highlight("Flaky tests fail", ["flaky", "test"], "[", "]")).toBe("[Flaky] [tests] fail");
  });
});

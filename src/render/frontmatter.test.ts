import { describe, expect, it } from "vitest";
import { Document, parse, Scalar, type YAMLMap } from "yaml";
import { type FrontValue, renderFrontmatter } from "./frontmatter.js";

// The whole-document writer that the per-pair memo replaced, kept here as the reference: one YAML map with
// every key, written at once, raw values put in through placeholders.
const CAUTIOUS = /[*&!|>%@`'"#{}[\]]/;
function refScalar(s: string, cautious = true): Scalar {
  const node = new Scalar(s);
  const plain = new Document({ v: s }).toString({ lineWidth: 0 });
  const readsBack = parse(plain, { version: "1.1" })?.v === s;
  if ((cautious && CAUTIOUS.test(s)) || !readsBack) node.type = Scalar.QUOTE_DOUBLE;
  return node;
}
function refNode(doc: Document, v: FrontValue): unknown {
  if (typeof v === "string") return refScalar(v);
  if (Array.isArray(v)) return doc.createNode(v.map((x) => refScalar(x)));
  if (typeof v === "object" && "plain" in v) return refScalar(v.plain, false);
  if (typeof v === "object" && "raw" in v) return refScalar(v.raw);
  if (typeof v === "object") {
    const map = doc.createNode({}) as YAMLMap;
    for (const [k, x] of Object.entries(v.map)) {
      if (typeof x === "string") map.set(refScalar(k), refScalar(x));
      else map.set(refScalar(k), refNode(doc, { map: x }));
    }
    return map;
  }
  return v;
}
function wholeDocument(fields: Array<[string, FrontValue]>): string {
  const doc = new Document({});
  const raw = new Map<string, string>();
  for (const [k, v] of fields) {
    if (typeof v === "object" && "raw" in v && !/[\r\n]/.test(v.raw) && /^[A-Za-z][\w-]*$/.test(k)) {
      raw.set(k, v.raw);
      doc.set(k, `cadre-raw-${raw.size}`);
    } else doc.set(k, refNode(doc, v));
  }
  let text = `\n${doc.toString({ lineWidth: 0, indentSeq: true })}`;
  let i = 0;
  for (const [k, v] of raw) text = text.replace(`\n${k}: cadre-raw-${++i}\n`, () => `\n${k}: ${v}\n`);
  return `---${text}---\n`;
}

const samples: Array<[string, FrontValue]> = [
  ["name", "code-review"],
  ["description", 'Use it when: the diff mentions "auth" # or tokens'],
  ["description", "yes"],
  ["multi", "line one\nline two\n\nline four"],
  ["kept", "trailing newlines\n\n"],
  ["globs", { plain: "src/**/*.ts" }],
  ["paths", { raw: "src/**/*.ts,test/**" }],
  ["broken", { raw: "a\nb" }],
  ["tools", ["Read", "Grep", "*", "on"]],
  ["empty-list", []],
  ["count", 3],
  ["alwaysApply", false],
  ["env", { map: { TOKEN: "${TOKEN}", nested: { a: "1", b: "on" } } }],
  ["empty-map", { map: {} }],
  ["weird key: x", "v"],
  ["name", "0o17"],
];

describe("renderFrontmatter", () => {
  it("writes what one YAML map of all the keys writes, for any order, repeats and neighbours", () => {
    for (let n = 0; n < samples.length; n++) {
      for (const len of [1, 3, samples.length]) {
        const fields = [...samples.slice(n), ...samples.slice(0, n)].slice(0, len);
        const out = renderFrontmatter(fields);
        expect(out).toBe(wholeDocument(fields));
        // Again, from the memo: the same bytes.
        expect(renderFrontmatter(fields)).toBe(out);
      }
    }
  });

  it("keeps the first place of a key given twice and its last value", () => {
    expect(
      renderFrontmatter([
        ["a", "x"],
        ["b", "q"],
        ["a", "z"],
      ]),
    ).toBe("---\na: z\nb: q\n---\n");
  });

  it("writes nothing for no fields", () => {
    expect(renderFrontmatter([])).toBe("");
  });
});

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
  ["env", { map: { TOKEN: "$TOKEN", nested: { a: "1", b: "on" } } }],
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

  it("quotes exactly the strings YAML 1.1 or 1.2 would read as something else", () => {
    const words = ["y", "Y", "n", "N", "yes", "Yes", "YES", "yEs", "no", "No", "NO", "nO", "true", "True"];
    words.push("TRUE", "tRUE", "false", "False", "FALSE", "on", "On", "ON", "oN", "off", "Off", "OFF");
    words.push(
      "null",
      "Null",
      "NULL",
      "nULL",
      "Nope",
      "yess",
      "e5",
      "E1",
      "e+5",
      "e-07",
      "e5x",
      "E",
      "x0",
      "inf",
      "nan",
      "NaN",
      "Infinity",
    );
    words.push(
      "a: b",
      "a:b",
      "a #b",
      "a# b",
      "a ",
      "a\tb",
      "a - b",
      "a, b",
      "a -",
      "A.",
      "b'c",
      "é",
      "a\u2028b",
    );
    words.push("0o17", "0x1F", "1:20", "2026-12-02", ".inf", "<<", "=", "~", "-", "- a", "? a", "12", "+1");
    // And a seeded sample of short printable strings, letter first, made mostly of YAML's own characters.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const chars = "eEyYnNoOtTfFaA0123456789 .:-+#,'_<>=~\"\\*[]{}!|%@`?\t";
    for (let i = 0; i < 1500; i++) {
      let w = "eEyYnNoOtTfFaAlLxX-?'\" *"[rand(24)] as string;
      for (let j = rand(6); j > 0; j--) w += chars[rand(chars.length)];
      words.push(w);
    }
    for (const w of words) {
      for (const k of ["description", "globs", "on", "x-y_1", "a key"]) {
        const fields: Array<[string, FrontValue]> = [[k, k === "globs" ? { plain: w } : w]];
        expect(renderFrontmatter(fields)).toBe(wholeDocument(fields));
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

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../core/errors.js";
import { formatSourceSpec, parseSourceSpec, type SourceSpec } from "./spec.js";

describe("parseSourceSpec: the forms", () => {
  const cases: Array<[string, SourceSpec]> = [
    ["builtin", { type: "builtin" }],
    ["./my-pack", { type: "local", path: "my-pack" }],
    ["my-pack", { type: "local", path: "my-pack" }],
    ["/abs/pack", { type: "local", path: "/abs/pack" }],
    [
      "anthropics/skills",
      {
        type: "git",
        provider: "github",
        repo: "anthropics/skills",
        url: "https://github.com/anthropics/skills.git",
      },
    ],
    [
      "owner/repo/skills/pdf@v1.2",
      {
        type: "git",
        provider: "github",
        repo: "owner/repo",
        url: "https://github.com/owner/repo.git",
        subdir: "skills/pdf",
        ref: "v1.2",
      },
    ],
    [
      "github:owner/repo#feature/x",
      {
        type: "git",
        provider: "github",
        repo: "owner/repo",
        url: "https://github.com/owner/repo.git",
        ref: "feature/x",
      },
    ],
    [
      "gitlab:group/repo@main",
      {
        type: "git",
        provider: "gitlab",
        repo: "group/repo",
        url: "https://gitlab.com/group/repo.git",
        ref: "main",
      },
    ],
    ["https://example.com/x/repo.git#v2", { type: "git", url: "https://example.com/x/repo.git", ref: "v2" }],
    ["https://example.com/x/repo.git@v2", { type: "git", url: "https://example.com/x/repo.git", ref: "v2" }],
    ["git+https://example.com/x/repo", { type: "git", url: "https://example.com/x/repo" }],
    [
      "ssh://git@example.com/x/repo.git#:packs/a",
      { type: "git", url: "ssh://git@example.com/x/repo.git", subdir: "packs/a" },
    ],
    ["git@github.com:o/r.git@v1", { type: "git", url: "git@github.com:o/r.git", ref: "v1" }],
    [
      "file:///tmp/repo.git#main:sub",
      { type: "git", url: "file:///tmp/repo.git", ref: "main", subdir: "sub" },
    ],
    ["npm:blue-gardener", { type: "npm", name: "blue-gardener" }],
    ["npm:blue-gardener@0.2.0", { type: "npm", name: "blue-gardener", range: "0.2.0" }],
    ["npm:@scope/pack@^1.2 || 2.x", { type: "npm", name: "@scope/pack", range: "^1.2 || 2.x" }],
    ["https://example.com/p.tar.gz", { type: "archive", url: "https://example.com/p.tar.gz" }],
    [`./p.zip#sha256=${"a".repeat(64)}`, { type: "archive", url: "./p.zip", sha256: "a".repeat(64) }],
    ["file:///tmp/p.tgz", { type: "archive", url: "file:///tmp/p.tgz" }],
  ];
  for (const [text, spec] of cases)
    it(text, () => {
      expect(parseSourceSpec(text)).toEqual(spec);
    });

  it("an existing folder named like owner/repo stays a path; ./owner/repo forces one", () => {
    expect(parseSourceSpec("team/packs", { isLocalDir: (p) => p === "team/packs" })).toEqual({
      type: "local",
      path: "team/packs",
    });
    expect(parseSourceSpec("./team/packs")).toEqual({ type: "local", path: "team/packs" });
    expect(parseSourceSpec("team/packs").type).toBe("git");
  });

  const rejected: Array<[string, RegExp]> = [
    ["", /empty/],
    ["npm:", /package name/],
    ["npm:Bad Name", /not an npm package name/],
    ["github:onlyowner", /owner\/repo/],
    ["owner/repo@-upload-pack=x", /not a valid git ref/],
    ["bitbucket:o/r", /unknown prefix "bitbucket:"/],
    ["https://x.test/p.tgz#md5=1", /sha256=/],
    ["owner/repo/../x", /folder path/],
  ];
  for (const [text, why] of rejected)
    it(`rejects ${JSON.stringify(text)} as a usage error listing the forms`, () => {
      let err: unknown;
      try {
        parseSourceSpec(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).exitCode).toBe(2);
      expect((err as UserError).message).toMatch(why);
      expect((err as UserError).hint).toMatch(/npm:<package>/);
    });
});

const word = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/);
const ref = fc.oneof(
  fc.stringMatching(/^v[0-9]{1,2}\.[0-9]{1,2}(\.[0-9])?$/),
  fc.stringMatching(/^[a-z][a-z0-9]{0,5}(\/[a-z0-9]{1,5})?$/),
  fc.stringMatching(/^[0-9a-f]{40}$/),
);
const subdir = fc.array(word, { minLength: 1, maxLength: 3 }).map((xs) => xs.join("/"));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const specArb: fc.Arbitrary<SourceSpec> = fc.oneof(
  fc.constant<SourceSpec>({ type: "builtin" }),
  fc
    .tuple(fc.constantFrom("", "./", "../", "/"), fc.array(word, { minLength: 1, maxLength: 3 }))
    .map(([pre, xs]): SourceSpec => ({ type: "local", path: pre + xs.join("/") }))
    .filter((s) => s.type === "local" && s.path !== "builtin"),
  fc.tuple(fc.constantFrom<"github" | "gitlab">("github", "gitlab"), word, word, opt(subdir), opt(ref)).map(
    ([provider, o, r, sub, rf]): SourceSpec =>
      clean({
        type: "git",
        provider,
        repo: `${o}/${r}`,
        url: `https://${provider}.com/${o}/${r}.git`,
        subdir: sub,
        ref: rf,
      }),
  ),
  fc
    .tuple(
      fc.constantFrom("https://h.test/", "ssh://git@h.test/", "git@h.test:", "file:///srv/"),
      word,
      opt(subdir),
      opt(ref),
    )
    .map(
      ([pre, r, sub, rf]): SourceSpec => clean({ type: "git", url: `${pre}${r}.git`, subdir: sub, ref: rf }),
    ),
  fc
    .tuple(opt(word), word, opt(fc.constantFrom("1.2.3", "^1", "~0.2.0", "latest", ">=1 <2", "1.x || 2.x")))
    .map(
      ([scope, n, range]): SourceSpec => clean({ type: "npm", name: scope ? `@${scope}/${n}` : n, range }),
    ),
  fc
    .tuple(
      fc.constantFrom("https://h.test/dl/", "./", "file:///srv/"),
      word,
      fc.constantFrom(".tar.gz", ".tgz", ".zip"),
      opt(fc.stringMatching(/^[0-9a-f]{64}$/)),
    )
    .map(
      ([pre, n, ext, sha]): SourceSpec => clean({ type: "archive", url: `${pre}${n}${ext}`, sha256: sha }),
    ),
);

describe("parseSourceSpec: properties", () => {
  it("parse ∘ format is the identity on specs", () => {
    fc.assert(
      fc.property(specArb, (s) => {
        expect(parseSourceSpec(formatSourceSpec(s))).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });

  it("format ∘ parse is stable: the canonical text reads back the same", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (t) => {
        let s: SourceSpec;
        try {
          s = parseSourceSpec(t);
        } catch {
          return;
        }
        expect(parseSourceSpec(formatSourceSpec(s))).toEqual(s);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws anything but a UserError, on any string", () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc
        .tuple(
          fc.constantFrom("npm:", "github:", "gitlab:", "https://", "git@", "file://", "./", "git+ssh://"),
          fc.string(),
        )
        .map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(anyText, (t) => {
        try {
          parseSourceSpec(t);
        } catch (e) {
          expect(e).toBeInstanceOf(UserError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

import fc from "fast-check";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as yamlStringify } from "yaml";
import { sha256 } from "../core/hash.js";
import type { Desired } from "../hosts/output.js";
import { tomlString } from "../render/toml.js";
import { parseConfig } from "./json-keys.js";
import { planSync } from "./plan.js";
import { emptyLock, type Lock } from "./types.js";

/**
 * Random shared files (JSON, JSONC, YAML, Markdown, TOML; random user content, comments, BOM, CRLF,
 * indentation, wrong types on cadre's paths) × random selections × sync/update/uninstall: every written
 * file parses, the user's part is never changed, and uninstall gives back the original bytes.
 */

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { ignoreBOM: true });
const RUNS = Number(process.env.CADRE_PROPERTY_RUNS ?? 1000);

type Kind = "json" | "yaml" | "md" | "toml";
const FILES: Record<Kind, string> = {
  json: ".claude/settings.json",
  yaml: ".roomodes",
  md: "AGENTS.md",
  toml: ".codex/config.toml",
};

const word = fc.constantFrom(
  "alpha",
  "beta",
  "theme",
  "x-y",
  "Zoë",
  "naïve ☃",
  "a b",
  "#hash",
  "'q'",
  '"dq"',
);
const scalar = fc.oneof(word, fc.integer({ min: -5, max: 500 }), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(word, scalar, { maxKeys: 3 }),
);
/** A wrong type where cadre adds an object or an array. */
const wrong = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }));

interface Style {
  bom: boolean;
  crlf: boolean;
  newline: boolean;
  indent: 0 | 2 | 4 | "\t";
  comments: boolean;
}
const style: fc.Arbitrary<Style> = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  newline: fc.boolean(),
  indent: fc.constantFrom(0 as const, 2 as const, 4 as const, "\t" as const),
  comments: fc.boolean(),
});

/** The user's config: own keys, maybe own servers/hooks/modes, maybe a wrong type on one of cadre's paths. */
const userConfig = fc.record({
  own: fc.dictionary(word, value, { maxKeys: 4 }),
  servers: fc.option(
    fc.dictionary(fc.constantFrom("mine", "theirs"), fc.dictionary(word, scalar, { maxKeys: 2 })),
  ),
  hooks: fc.option(fc.array(fc.constantFrom("Bash", "Edit", "*"), { maxLength: 2 })),
  wrongAt: fc.option(fc.tuple(fc.constantFrom(0, 1), wrong), { freq: 3 }),
});
type UserConfig = typeof userConfig extends fc.Arbitrary<infer T> ? T : never;

function finish(text: string, s: Style): string {
  let t = s.newline ? `${text.replace(/\n*$/, "")}\n` : text.replace(/\n+$/, "");
  if (s.crlf) t = t.replace(/\n/g, "\r\n");
  return s.bom ? `\uFEFF${t}` : t;
}

/** A file and the selections whose edit of it meets a wrong type. */
interface UserFile {
  text: string;
  wrong: (sel: Selection) => boolean;
}

function jsonFile(u: UserConfig, s: Style): UserFile {
  const o: Record<string, unknown> = { ...u.own };
  if (u.servers) o.mcpServers = u.servers;
  if (u.hooks)
    o.hooks = {
      PreToolUse: u.hooks.map((m) => ({ matcher: m, hooks: [{ type: "command", command: `own ${m}` }] })),
    };
  let wrong = (_: Selection) => false;
  if (u.wrongAt) {
    const [at, v] = u.wrongAt;
    if (at === 0) o.mcpServers = v;
    else o.hooks = { PreToolUse: v };
    const bad = at === 0 ? !isObj(v) : !Array.isArray(v) && v !== undefined;
    wrong = (sel) => bad && sel.servers.length > 0 && (at === 0 || sel.events.includes("PreToolUse"));
  }
  let text =
    s.indent === 0
      ? JSON.stringify(o).replace(/,/g, ", ").replace(/\{\}/g, "{ }")
      : JSON.stringify(o, null, s.indent);
  if (s.comments) text = `// the user's settings\n${text.replace(/^\{/, "{ /* mine */")}`;
  return { text: finish(text, s), wrong };
}

function yamlFile(u: UserConfig, s: Style, flow: boolean): UserFile {
  const o: Record<string, unknown> = { ...u.own };
  const modes = Object.keys(u.servers ?? {}).map((slug) => ({ slug, name: slug.toUpperCase() }));
  let wrong = (_: Selection) => false;
  if (u.wrongAt) {
    o.customModes = u.wrongAt[1];
    const bad = !Array.isArray(u.wrongAt[1]);
    wrong = (sel) => bad && sel.modes.length > 0;
  } else if (modes.length || u.servers) o.customModes = modes;
  let text = flow
    ? yamlStringify(o, {
        indent: s.indent === 4 ? 4 : 2,
        flowCollectionPadding: true,
        collectionStyle: "flow",
      })
    : yamlStringify(o, { indent: s.indent === 4 ? 4 : 2 });
  if (s.comments) text = `# the user's modes\n${text}`;
  return { text: finish(text, s), wrong };
}

const mdLine = fc.constantFrom(
  "# Notes",
  "",
  "Be kind.",
  "- see `<!-- cadre:begin -->` in the docs",
  "  <!-- cadre:end -->",
  "Café ☃",
  "<!-- cadre:begin --> not alone",
);
const tomlLine = fc.constantFrom(
  'model = "o3"',
  "",
  "# a comment",
  "[profiles.x]",
  'model = "o4"',
  "[mcp_servers.mine]",
  'command = "mine"',
  "[mcp_servers.alpha]",
  "[hooks]",
  "PreToolUse = []",
);

interface Selection {
  servers: string[];
  events: string[];
  modes: string[];
  block: string[];
  command: string;
}
const selection: fc.Arbitrary<Selection> = fc.record({
  servers: fc.subarray(["alpha", "beta"]),
  modes: fc.subarray(["reviewer", "writer"]),
  block: fc.array(fc.constantFrom("- [a](a.md): one", "- [b](b.md): <!-- cadre:end --> two", "index"), {
    maxLength: 3,
  }),
  events: fc.subarray(["PostToolUse", "PostToolUseFailure", "PreToolUse"]),
  command: fc.constantFrom("cadre hook loop-cap", "echo a\n# cadre:end\necho b", "run 'x' \"y\""),
});

const owners = { hosts: ["h"], items: ["p/x:y"] };

function desiredOf(sel: Selection): Desired[] {
  const out: Desired[] = [];
  const json = [
    ...sel.servers.map((n) => ({ key: ["mcpServers", n], value: { command: n, args: ["--x"] } })),
    ...sel.events.map((ev) => ({
      key: ["hooks", ev, `[hooks.0.command=${sel.command}]`],
      value: { matcher: "Bash", hooks: [{ type: "command", command: sel.command }] },
    })),
  ];
  if (sel.servers.length) out.push({ type: "keys", path: FILES.json, entries: json, ...owners });
  if (sel.modes.length)
    out.push({
      type: "keys",
      path: FILES.yaml,
      syntax: "yaml",
      entries: sel.modes.map((slug) => ({
        key: ["customModes", `[slug=${slug}]`],
        value: { slug, name: slug, roleDefinition: `Line one.\nLine two of ${slug}.`, groups: ["read"] },
      })),
      ...owners,
    });
  if (sel.block.length)
    out.push({
      type: "block",
      path: FILES.md,
      content: `${sel.block.join("\n")}\n`,
      comment: "html",
      ...owners,
    });
  const tables = [
    ...sel.servers.map((n) => `[mcp_servers.${n}]\ncommand = ${tomlString(n)}\n`),
    `[[hooks.PreToolUse]]\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = ${tomlString(sel.command)}\n`,
  ];
  if (sel.servers.length || sel.modes.length)
    out.push({ type: "block", path: FILES.toml, content: tables.join("\n"), comment: "hash", ...owners });
  return out;
}

function isObj(v: unknown): boolean {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

function parsesAs(kind: Kind, text: string): boolean {
  const t = text.replace(/^\uFEFF/, "");
  try {
    if (kind === "json") return parseConfig(t) !== undefined;
    if (kind === "yaml") parseYaml(t);
    if (kind === "toml") parseToml(t);
    return true;
  } catch {
    return false;
  }
}

const KIND_OF = Object.fromEntries(Object.entries(FILES).map(([k, p]) => [p, k as Kind]));

const world = fc.record({
  json: fc.tuple(userConfig, style),
  yaml: fc.tuple(userConfig, style, fc.boolean()),
  md: fc.tuple(fc.array(mdLine, { maxLength: 6 }), style),
  toml: fc.tuple(fc.array(tomlLine, { maxLength: 6 }), style),
  absent: fc.subarray(["json", "yaml", "md", "toml"] as Kind[]),
});

describe("shared files: random user content × random selections × sync/update/uninstall", () => {
  it("writes only what parses, never touches a file cadre cannot edit, and uninstall restores every byte", () => {
    fc.assert(
      fc.property(world, fc.array(selection, { minLength: 1, maxLength: 3 }), (w, sels) => {
        const j = jsonFile(...w.json);
        const y = yamlFile(...w.yaml);
        const files: Record<Kind, UserFile> = {
          json: j,
          yaml: y,
          md: { text: finish(w.md[0].join("\n"), w.md[1]), wrong: () => false },
          toml: { text: finish(w.toml[0].join("\n"), w.toml[1]), wrong: () => false },
        };
        const disk = new Map<string, Uint8Array>();
        for (const k of Object.keys(files) as Kind[])
          if (!w.absent.includes(k)) disk.set(FILES[k], enc.encode(files[k].text));
        const original = new Map(disk);
        let lock: Lock = emptyLock("project", 1);
        const bases = new Map<string, string>();
        for (const sel of [...sels, undefined]) {
          const p = planSync({
            desired: sel ? desiredOf(sel) : [],
            lock,
            observed: disk,
            bases,
            items: {},
            scope: "project",
            rendererVersion: 1,
          });
          for (const a of p.actions) {
            const kind = KIND_OF[a.path] as Kind;
            const was = original.get(a.path);
            if (was !== undefined && sel && files[kind].wrong(sel))
              expect(a.write, `${a.path}: wrong type`).toBeUndefined();
            if (a.write === undefined) continue;
            if (a.write === null) {
              disk.delete(a.path);
              continue;
            }
            const text = typeof a.write === "string" ? a.write : dec.decode(a.write);
            expect(parsesAs(kind, text), `${a.path} parses:\n${text}`).toBe(true);
            if (was && was[0] === 0xef) expect(text.startsWith("\uFEFF"), "BOM kept").toBe(true);
            disk.set(a.path, enc.encode(text));
            for (const b of a.bases ?? []) bases.set(sha256(b), b);
          }
          lock = p.lock;
        }
        for (const [path, bytes] of original)
          expect(dec.decode(disk.get(path)), path).toBe(dec.decode(bytes));
        for (const path of disk.keys()) expect(original.has(path), `${path} left behind`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

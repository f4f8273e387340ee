import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { sha256 } from "../core/hash.js";
import type { Desired } from "../hosts/output.js";
import { tomlString } from "../render/toml.js";
import { parseConfig } from "./json-keys.js";
import { planSync } from "./plan.js";
import { type Action, emptyLock, type Lock, type Plan } from "./types.js";

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { ignoreBOM: true });

function run(
  desired: Desired[],
  disk: Map<string, Uint8Array>,
  lock: Lock,
  bases: Map<string, string>,
): Plan {
  return planSync({
    desired,
    lock,
    observed: disk,
    bases,
    items: {},
    scope: "project",
    rendererVersion: 1,
  });
}

/** A project in memory, with bytes on disk as the applier writes them. */
class World {
  disk = new Map<string, Uint8Array>();
  lock = emptyLock("project", 1);
  bases = new Map<string, string>();
  constructor(files: Record<string, string | Uint8Array>) {
    for (const [p, c] of Object.entries(files)) this.disk.set(p, typeof c === "string" ? enc.encode(c) : c);
  }
  sync(desired: Desired[]): Plan {
    const p = run(desired, this.disk, this.lock, this.bases);
    for (const a of p.actions) {
      if (a.write === null) this.disk.delete(a.path);
      else if (a.write !== undefined)
        this.disk.set(a.path, typeof a.write === "string" ? enc.encode(a.write) : a.write);
      for (const b of a.bases ?? []) this.bases.set(sha256(b), b);
    }
    this.lock = p.lock;
    return p;
  }
  text(path: string): string {
    return dec.decode(this.disk.get(path));
  }
}

const owners = { hosts: ["h"], items: ["p/mcp:m"] };
const keys = (path: string, entries: Array<{ key: string[]; value: unknown }>, yaml = false): Desired => ({
  type: "keys",
  path,
  entries,
  ...owners,
  ...(yaml ? { syntax: "yaml" as const } : {}),
});
const block = (path: string, content: string, comment: "html" | "hash"): Desired => ({
  type: "block",
  path,
  content,
  comment,
  ...owners,
});

/** The owned key paths cadre uses in shared configs, one per renderer family, with a value of each. */
const SERVER = { type: "stdio", command: "cadre", args: ["mcp"] };
const KEY_PATHS: Array<{ file: string; yaml?: boolean; key: string[]; value: unknown }> = [
  { file: ".mcp.json", key: ["mcpServers", "cadre-index"], value: SERVER },
  { file: "opencode.json", key: ["mcp", "cadre-index"], value: { type: "local", command: ["cadre", "mcp"] } },
  { file: ".amp/settings.json", key: ["amp.mcpServers", "cadre-index"], value: SERVER },
  {
    file: ".claude/settings.json",
    key: ["hooks", "PreToolUse", "[hooks.0.command=cadre hook loop-cap]"],
    value: { matcher: "Bash", hooks: [{ type: "command", command: "cadre hook loop-cap", timeout: 5 }] },
  },
  {
    file: ".cursor/hooks.json",
    key: ["hooks", "beforeShellExecution", "[command=cadre hook loop-cap]"],
    value: { command: "cadre hook loop-cap", timeout: 5 },
  },
  {
    file: ".roomodes",
    yaml: true,
    key: ["customModes", "[slug=reviewer]"],
    value: { slug: "reviewer", name: "Reviewer", roleDefinition: "Reviews.", groups: ["read"] },
  },
];
const WRONG: Array<[string, unknown]> = [
  ["null", null],
  ["a number", 7],
  ["a string", "x"],
  ["a boolean", true],
  ["an array", ["u"]],
  ["an object", { u: 1 }],
];

interface Shape {
  name: string;
  file: string;
  yaml: boolean;
  text: string;
  key: string[];
  value: unknown;
}

/** Every owned path with a wrong-typed value at each of its segments (objects where arrays go and back). */
function shapes(): Shape[] {
  const out: Shape[] = [];
  for (const kp of KEY_PATHS) {
    const sel = kp.key[kp.key.length - 1]?.startsWith("[") ?? false;
    const depth = kp.key.length - 1;
    for (let i = -1; i < depth; i++) {
      const wantArray = sel && i === depth - 1;
      for (const [label, wrong] of WRONG) {
        if (
          wantArray
            ? Array.isArray(wrong)
            : wrong !== null && typeof wrong === "object" && !Array.isArray(wrong)
        )
          continue;
        let v: unknown = wrong;
        for (const k of kp.key.slice(0, i + 1).reverse()) v = { [k]: v };
        const root = i < 0;
        out.push({
          name: `${kp.file}: ${root ? "the document" : kp.key.slice(0, i + 1).join(".")} is ${label}`,
          file: kp.file,
          yaml: !!kp.yaml,
          text: kp.yaml && !root ? yamlOf(v) : `${JSON.stringify(v, null, 2)}\n`,
          key: kp.key,
          value: kp.value,
        });
      }
    }
  }
  return out;
}

function yamlOf(v: unknown): string {
  const lines: string[] = ["# my modes"];
  const walk = (o: unknown, ind: string) => {
    for (const [k, x] of Object.entries(o as Record<string, unknown>)) {
      if (x && typeof x === "object" && !Array.isArray(x)) {
        lines.push(`${ind}${k}:`);
        walk(x, `${ind}  `);
      } else lines.push(`${ind}${k}: ${JSON.stringify(x)}`);
    }
  };
  walk(v, "");
  return `${lines.join("\n")}\n`;
}

function parses(path: string, text: string, yaml: boolean): boolean {
  try {
    if (path.endsWith(".md")) return true;
    if (path.endsWith(".toml")) parseToml(text);
    else if (yaml) parseYaml(text);
    else if (parseConfig(text) === undefined) return false;
    return true;
  } catch {
    return false;
  }
}

describe("shared configs whose shape cadre cannot edit", () => {
  const all = shapes();
  it.each(all.map((s) => [s.name, s] as const))("%s: a conflict with a hint, nothing written", (_n, s) => {
    const w = new World({ [s.file]: s.text });
    const p = w.sync([keys(s.file, [{ key: s.key, value: s.value }], s.yaml)]);
    const a = p.actions.find((x) => x.path === s.file) as Action;
    expect(a.type).toBe("conflict");
    expect(a.write).toBeUndefined();
    expect(a.reason).toMatch(/not an? (JSON |YAML )?(object|array)/);
    expect(w.text(s.file)).toBe(s.text);
    expect(p.lock.files[s.file]).toBeUndefined();
  });

  it("an edit that would not read back as intended (a duplicate key) is refused", () => {
    const user = '{\n  "mcpServers": {},\n  "mcpServers": { "mine": {} }\n}\n';
    const w = new World({ ".mcp.json": user });
    const p = w.sync([keys(".mcp.json", [{ key: ["mcpServers", "cadre-index"], value: SERVER }])]);
    expect(p.actions[0]?.type).toBe("conflict");
    expect(p.actions[0]?.reason).toMatch(/would not read back as JSON/);
    expect(w.text(".mcp.json")).toBe(user);
  });

  it("a wrong type that appears after install: sync and uninstall refuse, the file still parses", () => {
    const w = new World({ ".mcp.json": '{\n  "theme": "dark"\n}\n' });
    const d = keys(".mcp.json", [{ key: ["mcpServers", "cadre-index"], value: SERVER }]);
    w.sync([d]);
    w.disk.set(".mcp.json", enc.encode('{\n  "theme": "dark",\n  "mcpServers": []\n}\n'));
    const again = w.sync([keys(".mcp.json", [{ key: ["mcpServers", "other"], value: SERVER }])]);
    expect(again.actions[0]?.type).toBe("conflict");
    expect(w.text(".mcp.json")).toBe('{\n  "theme": "dark",\n  "mcpServers": []\n}\n');
    w.sync([]);
    expect(parses(".mcp.json", w.text(".mcp.json"), false)).toBe(true);
  });
});

const CODEX = ".codex/config.toml";
const MCP_TABLE = '[mcp_servers.cadre-index]\ncommand = "cadre"\nargs = ["mcp"]\n';
const HOOK_TABLE =
  '[[hooks.PreToolUse]]\nmatcher = "Bash"\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = "cadre hook loop-cap"\ntimeout = 5\n';

describe("Codex config.toml: cadre's block must leave valid TOML", () => {
  it.each([
    ["the user's own [mcp_servers.cadre-index]", '[mcp_servers.cadre-index]\ncommand = "mine"\n', MCP_TABLE],
    ["the user's [hooks] PreToolUse = []", "[hooks]\nPreToolUse = []\n", HOOK_TABLE],
    ["the user's hooks = 1", 'model = "o3"\nhooks = 1\n', HOOK_TABLE],
    ["a user table left open above the block", "[profile]\nname = 1\n", 'name = "again"\n'],
  ])("%s: a conflict, nothing written", (_n, user, table) => {
    const w = new World({ [CODEX]: user });
    const p = w.sync([block(CODEX, table, "hash")]);
    expect(p.actions[0]?.type).toBe("conflict");
    expect(p.actions[0]?.write).toBeUndefined();
    expect(p.actions[0]?.reason).toMatch(/TOML/);
    expect(w.text(CODEX)).toBe(user);
  });

  it("a valid edit is written", () => {
    const w = new World({ [CODEX]: 'model = "o3"\n' });
    w.sync([block(CODEX, MCP_TABLE, "hash")]);
    expect(parseToml(w.text(CODEX))).toMatchObject({
      model: "o3",
      mcp_servers: { "cadre-index": { command: "cadre" } },
    });
  });
});

describe("managed-block markers", () => {
  const md = "# Notes\n\nBe kind.\n";
  it("a marker inside a line of the block's content does not end the block", () => {
    const content = "- [r](.x/r.md) (rule): never write <!-- cadre:end --> by hand\n";
    const w = new World({ "AGENTS.md": md });
    w.sync([block("AGENTS.md", content, "html")]);
    const once = w.text("AGENTS.md");
    w.sync([block("AGENTS.md", content, "html")]);
    expect(w.text("AGENTS.md")).toBe(once);
    expect(once.match(/cadre:begin/g)?.length).toBe(1);
    w.sync([]);
    expect(w.text("AGENTS.md")).toBe(md);
  });

  it.each([
    ["a stray begin marker", `${md}<!-- cadre:begin -->\n`],
    ["a stray end marker", `<!-- cadre:end -->\n${md}`],
    [
      "two blocks",
      `<!-- cadre:begin -->\na\n<!-- cadre:end -->\n${md}<!-- cadre:begin -->\nb\n<!-- cadre:end -->\n`,
    ],
    ["an end before the begin", `<!-- cadre:end -->\n${md}<!-- cadre:begin -->\n`],
  ])("%s: a conflict with a hint, nothing written, and no block added on the next sync", (_n, user) => {
    const w = new World({ "AGENTS.md": user });
    for (let i = 0; i < 2; i++) {
      const p = w.sync([block("AGENTS.md", "index\n", "html")]);
      expect(p.actions[0]?.type).toBe("conflict");
      expect(p.actions[0]?.write).toBeUndefined();
      expect(p.actions[0]?.reason).toMatch(/marker/);
    }
    w.sync([]);
    expect(w.text("AGENTS.md")).toBe(user);
  });

  it("marker text that is not a whole line in cadre's exact format is the user's text", () => {
    const user = `${md}See \`<!-- cadre:begin -->\` in the docs.\n  <!-- cadre:end -->\n`;
    const w = new World({ "AGENTS.md": user });
    w.sync([block("AGENTS.md", "index\n", "html")]);
    expect(w.text("AGENTS.md").startsWith(user)).toBe(true);
    w.sync([]);
    expect(w.text("AGENTS.md")).toBe(user);
  });

  it("content that would contain a marker line is refused", () => {
    const w = new World({ "AGENTS.md": md });
    const p = w.sync([block("AGENTS.md", "a\n<!-- cadre:end -->\nb\n", "html")]);
    expect(p.actions[0]?.type).toBe("conflict");
    expect(w.text("AGENTS.md")).toBe(md);
  });

  it("a hook command with a marker line stays inside the Codex block", () => {
    const command = "echo a\n# cadre:end\necho b";
    const table = `[[hooks.PreToolUse]]\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = ${tomlString(command)}\n`;
    const user = 'model = "o3"\n';
    const w = new World({ [CODEX]: user });
    w.sync([block(CODEX, table, "hash")]);
    const once = w.text(CODEX);
    const parsed = parseToml(once) as { hooks: { PreToolUse: Array<{ hooks: Array<{ command: string }> }> } };
    expect(parsed.hooks.PreToolUse[0]?.hooks[0]?.command).toBe(command);
    w.sync([block(CODEX, table, "hash")]);
    expect(w.text(CODEX)).toBe(once);
    w.sync([]);
    expect(w.text(CODEX)).toBe(user);
  });
});

/** A shared file in one byte variant; `edit` is what cadre owns in it. */
interface Variant {
  name: string;
  path: string;
  bytes: Uint8Array;
  desired: Desired;
}

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const withBom = (s: string) => `\uFEFF${s}`;
const crlf = (s: string) => s.replace(/\n/g, "\r\n");

function variants(): Variant[] {
  const mcp = keys(".mcp.json", [{ key: ["mcpServers", "cadre-index"], value: SERVER }]);
  const hook = keys(".claude/settings.json", [KEY_PATHS[3] as { key: string[]; value: unknown }]);
  const mode = keys(".roomodes", [KEY_PATHS[5] as { key: string[]; value: unknown }], true);
  const agents = block("AGENTS.md", "## Project guidance\n\n- [a](a.md): one\n", "html");
  const codex = block(CODEX, MCP_TABLE, "hash");
  const json: Array<[string, string]> = [
    ["two spaces", '{\n  "theme": "dark"\n}\n'],
    ["tabs", '{\n\t"theme": "dark",\n\t"mcpServers": {\n\t\t"mine": { "command": "x" }\n\t}\n}\n'],
    ["four spaces", '{\n    "theme": "dark",\n    "mcpServers": {}\n}\n'],
    ["empty object with a space", '{ "mcpServers": { } }\n'],
    ["empty object over lines", '{\n  "mcpServers": {\n  }\n}\n'],
    ["an empty file object with a space", "{ }\n"],
    ["one line", '{"theme":"dark"}'],
    ["no trailing newline", '{\n  "theme": "dark"\n}'],
    ["comments", '// mine\n{\n  /* theme */ "theme": "dark", // trailing\n  "hooks": {}\n}\n'],
    ["trailing comma", '{\n  "theme": "dark",\n}\n'],
    ["unicode", '{\n  "name": "Zoë — ☃",\n  "mcpServers": {}\n}\n'],
  ];
  const yaml: Array<[string, string]> = [
    ["yaml modes", "# my modes\ncustomModes:\n  - slug: mine\n    name: Mine\n    roleDefinition: Mine.\n"],
    ["yaml flow", "customModes: [ {slug: mine, name: 'Mine'} ]   # flow\n"],
    ["yaml quoted", 'customModes:\n- slug: "mine"\n  name:   Mine   # spaced\n\n\n'],
    ["json modes", '{\n  "customModes": [\n    { "slug": "mine" }\n  ]\n}\n'],
  ];
  const md: Array<[string, string]> = [
    ["markdown", "# Notes\n\nBe kind.\n"],
    ["markdown without newline", "# Notes\n\nBe kind."],
    ["markdown with blank lines", "# Notes\n\n\n"],
  ];
  const toml: Array<[string, string]> = [
    ["toml", 'model = "o3"\n\n[profiles.x]\nmodel = "o4"\n'],
    ["toml without newline", 'model = "o3"'],
  ];
  const out: Variant[] = [];
  const add = (name: string, path: string, s: string, d: Desired) => {
    out.push({ name, path, bytes: enc.encode(s), desired: d });
    out.push({ name: `${name}, CRLF`, path, bytes: enc.encode(crlf(s)), desired: d });
    out.push({ name: `${name}, BOM`, path, bytes: enc.encode(withBom(s)), desired: d });
    out.push({ name: `${name}, BOM + CRLF`, path, bytes: enc.encode(withBom(crlf(s))), desired: d });
  };
  for (const [n, s] of json) add(`${n} (.mcp.json)`, ".mcp.json", s, mcp);
  add("hooks (settings.json)", ".claude/settings.json", json[0]?.[1] as string, hook);
  const events = ["PostToolUse", "PostToolUseFailure", "PreToolUse"].map((ev) => ({
    key: ["hooks", ev, "[hooks.0.command=cadre hook loop-cap]"],
    value: { hooks: [{ type: "command", command: "cadre hook loop-cap" }] },
  }));
  add(
    "three hook events into `{ }`",
    ".claude/settings.json",
    '{\n\t"hooks": { }\n}\n',
    keys(".claude/settings.json", events),
  );
  for (const [n, s] of yaml) add(n, ".roomodes", s, mode);
  for (const [n, s] of md) add(n, "AGENTS.md", s, agents);
  for (const [n, s] of toml) add(n, CODEX, s, codex);
  return out;
}

describe("user bytes survive sync + uninstall", () => {
  const all = variants();
  it.each(all.map((v) => [v.name, v] as const))("%s", (_n, v) => {
    const w = new World({ [v.path]: v.bytes });
    const p = w.sync([v.desired]);
    expect(p.actions[0]?.type).not.toBe("conflict");
    const after = w.disk.get(v.path) as Uint8Array;
    const text = dec.decode(after);
    expect(parses(v.path, text.replace(/^\uFEFF/, ""), v.desired.type === "keys" && !!v.desired.syntax)).toBe(
      true,
    );
    const bom = v.bytes[0] === 0xef;
    expect(after[0] === 0xef, "BOM kept").toBe(bom);
    const original = dec.decode(v.bytes);
    if (original.includes("\r\n")) expect(text.replace(/\r\n/g, ""), "CRLF only").not.toMatch(/\n/);
    w.sync([v.desired]);
    expect(w.disk.get(v.path)).toEqual(after);
    w.sync([]);
    expect(dec.decode(w.disk.get(v.path))).toBe(original);
  });

  it.each([
    ["Latin-1 JSON", ".mcp.json", latin1('{\n  "name": "Zo\u00eb",\n  "mcpServers": {}\n}\n'), 0],
    ["Latin-1 Markdown", "AGENTS.md", latin1("# Caf\u00e9\n"), 1],
  ] as const)("%s is refused with a hint, never altered", (_n, path, bytes, which) => {
    const d =
      which === 0
        ? keys(path, [{ key: ["mcpServers", "cadre-index"], value: SERVER }])
        : block(path, "index\n", "html");
    const w = new World({ [path]: bytes });
    const p = w.sync([d]);
    expect(p.actions[0]?.type).toBe("conflict");
    expect(p.actions[0]?.reason).toMatch(/UTF-8/);
    expect(w.disk.get(path)).toEqual(bytes);
    w.sync([]);
    expect(w.disk.get(path)).toEqual(bytes);
  });
});

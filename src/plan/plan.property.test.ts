import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256 } from "../core/hash.js";
import type { Desired } from "../hosts/output.js";
import { findBlock } from "./blocks.js";
import { getAt, parseConfig } from "./json-keys.js";
import { planSync } from "./plan.js";
import { emptyLock, type Lock, type Plan, PROPOSAL_SUFFIX } from "./types.js";

/** An in-memory project: the disk, cadre's lock and its merge-base cache. */
interface World {
  disk: Map<string, string>;
  lock: Lock;
  bases: Map<string, string>;
}

interface Lib {
  files: Record<string, string>;
  block?: string;
  keys: Record<string, string>;
  /** Owned entries of a shared array (`hooks.Pre`), by id → matcher. */
  entries?: Record<string, string>;
}

const FILE_PATHS = ["a.md", "b/c.md", "d.md"];
const SERVER_NAMES = ["alpha", "beta"];

function desiredOf(lib: Lib): Desired[] {
  const out: Desired[] = Object.entries(lib.files).map(([path, content]) => ({
    type: "file",
    path,
    content,
    hosts: ["h"],
    items: [`p/skill:${path}`],
  }));
  if (lib.block !== undefined)
    out.push({
      type: "block",
      path: "AGENTS.md",
      content: lib.block,
      comment: "html",
      hosts: ["h"],
      items: ["p/rule:r"],
    });
  const entries: Array<{ key: string[]; value: unknown }> = Object.entries(lib.keys).map(([k, v]) => ({
    key: ["mcpServers", k],
    value: { command: v },
  }));
  for (const [id, matcher] of Object.entries(lib.entries ?? {}))
    entries.push({ key: ["hooks", "Pre", `[id=${id}]`], value: { id, matcher } as never });
  if (entries.length) out.push({ type: "keys", path: "cfg.json", entries, hosts: ["h"], items: ["p/mcp:m"] });
  return out;
}

function plan(w: World, lib: Lib, force = false): Plan {
  return planSync(
    {
      desired: desiredOf(lib),
      lock: w.lock,
      observed: w.disk,
      bases: w.bases,
      items: {},
      scope: "project",
      rendererVersion: 1,
    },
    { force },
  );
}

function apply(w: World, p: Plan): void {
  for (const a of p.actions) {
    if (a.write === null) w.disk.delete(a.path);
    else if (typeof a.write === "string") w.disk.set(a.path, a.write);
    if (a.proposal !== undefined) w.disk.set(a.path + PROPOSAL_SUFFIX, a.proposal);
    for (const b of a.bases ?? []) w.bases.set(sha256(b), b);
  }
  w.lock = p.lock;
}

const INITIAL: Array<[string, string]> = [
  ["AGENTS.md", "# Team notes\n\nBe kind.\n"],
  [
    "cfg.json",
    '{\n  "theme": "dark",\n  "mcpServers": {\n    "mine": { "command": "x" }\n  },\n  "hooks": {\n    "Pre": [{ "id": "mine", "matcher": "*" }]\n  }\n}\n',
  ],
  ["u.md", "unowned\n"],
];

function newWorld(bare = false): World {
  return { disk: new Map(bare ? [] : INITIAL), lock: emptyLock("project", 1), bases: new Map() };
}

const line = fc.constantFrom("one", "two", "three", "four", "five", "six");
const text = fc.array(line, { minLength: 1, maxLength: 6 }).map((ls) => `${ls.join("\n")}\n`);
const lib: fc.Arbitrary<Lib> = fc.record({
  files: fc.dictionary(fc.constantFrom(...FILE_PATHS), text, { maxKeys: 3 }),
  block: fc.option(text, { nil: undefined }),
  keys: fc.dictionary(fc.constantFrom(...SERVER_NAMES), fc.constantFrom("npx a", "npx b", "node c"), {
    maxKeys: 2,
  }),
  entries: fc.dictionary(fc.constantFrom("g1", "g2"), fc.constantFrom("Edit", "Bash", "*"), { maxKeys: 2 }),
});

type Op =
  | { op: "sync"; lib: Lib }
  | { op: "edit"; target: number; n: number }
  | { op: "keyEdit"; name: string; n: number };
const ops = fc.array(
  fc.oneof(
    lib.map((l): Op => ({ op: "sync", lib: l })),
    fc.record({ op: fc.constant("edit" as const), target: fc.nat(4), n: fc.nat(1000) }),
    fc.record({
      op: fc.constant("keyEdit" as const),
      name: fc.constantFrom(...SERVER_NAMES),
      n: fc.nat(1000),
    }),
  ),
  { maxLength: 8 },
);

const EDITABLE = [...FILE_PATHS, "AGENTS.md"];

/** A user edit: a unique line added inside an owned file or inside the managed block. */
function userEdit(w: World, target: number, n: number): { path: string; mark: string } | undefined {
  const path = EDITABLE[target % EDITABLE.length] as string;
  const cur = w.disk.get(path);
  if (cur === undefined || !w.lock.files[path]) return undefined;
  const mark = `USER-EDIT-${n}-${path}`;
  if (path === "AGENTS.md") {
    const b = findBlock(cur, "html");
    if (!b) return undefined;
    w.disk.set(
      path,
      `${cur.slice(0, b.start)}<!-- cadre:begin -->\n${mark}\n${b.inner}${cur.slice(b.start + "<!-- cadre:begin -->\n".length + b.inner.length)}`,
    );
  } else w.disk.set(path, `${mark}\n${cur}`);
  return { path, mark };
}

function keyEdit(w: World, name: string, n: number): { name: string; value: string } | undefined {
  const cur = w.disk.get("cfg.json");
  if (cur === undefined || !w.lock.files["cfg.json"]?.keys?.[`/mcpServers/${name}`]) return undefined;
  const obj = parseConfig(cur) as Record<string, Record<string, unknown>>;
  if (!obj?.mcpServers?.[name]) return undefined;
  const value = `user-${n}`;
  obj.mcpServers[name] = { command: value };
  w.disk.set("cfg.json", `${JSON.stringify(obj, null, 2)}\n`);
  return { name, value };
}

function lockMatchesDisk(w: World): void {
  for (const [path, e] of Object.entries(w.lock.files)) {
    const cur = w.disk.get(path);
    expect(cur, path).toBeDefined();
    if (e.mode === "file") expect(sha256(cur as string), path).toBe(e.sha256);
    if (e.mode === "block")
      expect(sha256(findBlock(cur as string, "html")?.inner ?? ""), path).toBe(e.sha256);
  }
}

const RUNS = Number(process.env.CADRE_PROPERTY_RUNS ?? 1000);

describe("planner properties", () => {
  it("a second sync is a no-op, and the plan is deterministic", () => {
    fc.assert(
      fc.property(ops, lib, (seq, last) => {
        const w = newWorld();
        for (const o of seq) {
          if (o.op === "sync") apply(w, plan(w, o.lib));
          else if (o.op === "edit") userEdit(w, o.target, o.n);
          else keyEdit(w, o.name, o.n);
        }
        const p1 = plan(w, last);
        expect(plan(w, last)).toEqual(p1);
        apply(w, p1);
        const disk = new Map(w.disk);
        const lock = structuredClone(w.lock);
        const p2 = plan(w, last);
        expect(p2.actions.filter((a) => a.write !== undefined)).toEqual([]);
        apply(w, p2);
        expect(w.disk).toEqual(disk);
        expect(w.lock).toEqual(lock);
      }),
      { numRuns: RUNS },
    );
  });

  it("never loses a user edit, and never touches unowned files or keys", () => {
    fc.assert(
      fc.property(ops, (seq) => {
        const w = newWorld();
        const marks: Array<{ path: string; mark: string }> = [];
        const values: Array<{ name: string; value: string }> = [];
        for (const o of seq) {
          if (o.op === "sync") apply(w, plan(w, o.lib));
          else if (o.op === "edit") {
            const m = userEdit(w, o.target, o.n);
            if (m) marks.push(m);
          } else {
            const v = keyEdit(w, o.name, o.n);
            if (v) values.splice(0, values.length, ...values.filter((x) => x.name !== v.name), v);
          }
          for (const m of marks) expect(w.disk.get(m.path) ?? "", m.mark).toContain(m.mark);
          for (const v of values)
            expect(getAt(parseConfig(w.disk.get("cfg.json") ?? "{}"), ["mcpServers", v.name])).toEqual({
              command: v.value,
            });
          expect(w.disk.get("u.md")).toBe("unowned\n");
          const cfg = parseConfig(w.disk.get("cfg.json") ?? "{}");
          expect(getAt(cfg, ["theme"])).toBe("dark");
          expect(getAt(cfg, ["mcpServers", "mine"])).toEqual({ command: "x" });
          expect(getAt(cfg, ["hooks", "Pre", "[id=mine]"])).toEqual({ id: "mine", matcher: "*" });
          expect(w.disk.get("AGENTS.md")?.startsWith("# Team notes\n\nBe kind.\n")).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps the lock matching the disk, and uninstall after install restores the original bytes", () => {
    fc.assert(
      fc.property(fc.array(lib, { minLength: 1, maxLength: 4 }), fc.boolean(), (libs, bare) => {
        const w = newWorld(bare);
        for (const l of libs) {
          apply(w, plan(w, l));
          lockMatchesDisk(w);
        }
        apply(w, plan(w, { files: {}, keys: {} }));
        expect(w.lock.files).toEqual({});
        expect([...w.disk.entries()].sort()).toEqual(bare ? [] : [...INITIAL].sort());
      }),
      { numRuns: RUNS },
    );
  });

  it("is deterministic for the same input", () => {
    fc.assert(
      fc.property(lib, (l) => {
        const w = newWorld();
        expect(plan(w, l)).toEqual(plan(newWorld(), l));
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });
});

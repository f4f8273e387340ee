import { describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Desired } from "../hosts/output.js";
import { JSON_CODEC, type KeyEdit, selector, YAML_CODEC } from "./json-keys.js";
import { planSync } from "./plan.js";
import { emptyLock, type Lock } from "./types.js";

// Every YAML parse of a shared config goes through `parseDocument`, every JSON edit through `parseTree`.
const yamlCalls = vi.hoisted(() => ({ parses: 0 }));
vi.mock("jsonc-parser", async (importOriginal) => {
  const real = await importOriginal<typeof import("jsonc-parser")>();
  return {
    ...real,
    parseTree: (...args: Parameters<typeof real.parseTree>) => {
      yamlCalls.parses++;
      return real.parseTree(...args);
    },
  };
});
vi.mock("yaml", async (importOriginal) => {
  const real = await importOriginal<typeof import("yaml")>();
  return {
    ...real,
    parseDocument: (...args: Parameters<typeof real.parseDocument>) => {
      yamlCalls.parses++;
      return real.parseDocument(...args);
    },
  };
});

const enc = new TextEncoder();
const dec = new TextDecoder();

const mode = (i: number, rev = 1) => ({
  slug: `agent-${String(i).padStart(3, "0")}`,
  name: `Agent ${i}`,
  roleDefinition: `Reviews module ${i} (revision ${rev}).`,
  groups: ["read", "edit"],
});

const roomodes = (modes: unknown[]): Desired => ({
  type: "keys",
  path: ".roomodes",
  syntax: "yaml",
  hosts: ["roo"],
  items: ["p/agent:a"],
  entries: modes.map((m) => ({
    key: ["customModes", selector("slug", (m as { slug: string }).slug)],
    value: m,
  })),
});

/** Sync .roomodes in memory: create n modes, change them all, remove half. Parses per step. */
function syncCounts(n: number, userText: string) {
  let disk = new Map<string, Uint8Array>([[".roomodes", enc.encode(userText)]]);
  let lock: Lock = emptyLock("project", 1);
  const counts: number[] = [];
  const texts: string[] = [];
  const steps = [
    Array.from({ length: n }, (_, i) => mode(i)),
    Array.from({ length: n }, (_, i) => mode(i, 2)),
    Array.from({ length: n / 2 }, (_, i) => mode(i * 2, 2)),
  ];
  for (const modes of steps) {
    yamlCalls.parses = 0;
    const plan = planSync({
      desired: [roomodes(modes)],
      lock,
      observed: disk,
      bases: new Map(),
      items: {},
      scope: "project",
      rendererVersion: 1,
    });
    counts.push(yamlCalls.parses);
    const a = plan.actions[0];
    expect(a?.type).toBe("merge");
    disk = new Map([[".roomodes", enc.encode(a?.write as string)]]);
    texts.push(dec.decode(disk.get(".roomodes")));
    lock = plan.lock;
  }
  return { counts, texts };
}

describe(".roomodes with many modes", () => {
  const user = "# my modes\ncustomModes:\n  - slug: mine\n    name: Mine # keep\n    roleDefinition: mine\n";

  it("parses the file a fixed number of times per sync, whatever the number of modes", () => {
    const small = syncCounts(10, user);
    const large = syncCounts(150, user);
    expect(large.counts).toEqual(small.counts);
    for (const c of large.counts) expect(c).toBeLessThanOrEqual(6);
    // And the result is right: the user's mode and comments stay, cadre's modes are as wanted.
    const last = large.texts[2] as string;
    expect(last.startsWith("# my modes\ncustomModes:\n  - slug: mine\n    name: Mine # keep\n")).toBe(true);
    const modes = (parseYaml(last) as { customModes: Array<{ slug: string; roleDefinition: string }> })
      .customModes;
    expect(modes.map((m) => m.slug)).toEqual([
      "mine",
      ...Array.from({ length: 75 }, (_, i) => mode(i * 2).slug),
    ]);
    expect(modes[1]?.roleDefinition).toBe("Reviews module 0 (revision 2).");
  });

  it("a new file is parsed a fixed number of times too", () => {
    expect(syncCounts(150, "").counts).toEqual(syncCounts(10, "").counts);
  });

  it("a JSON .roomodes is parsed a fixed number of times too, and keeps the user's mode", () => {
    const json = '{\n  "customModes": [\n    { "slug": "mine", "name": "Mine" }\n  ]\n}\n';
    const small = syncCounts(10, json);
    const large = syncCounts(150, json);
    expect(large.counts).toEqual(small.counts);
    for (const c of large.counts) expect(c).toBeLessThanOrEqual(6);
    const last = JSON.parse(large.texts[2] as string) as { customModes: Array<{ slug: string }> };
    expect(last.customModes.map((m) => m.slug)).toEqual([
      "mine",
      ...Array.from({ length: 75 }, (_, i) => mode(i * 2).slug),
    ]);
    expect(
      (large.texts[2] as string).startsWith(
        '{\n  "customModes": [\n    { "slug": "mine", "name": "Mine" },\n',
      ),
    ).toBe(true);
  });
});

describe("editAll", () => {
  const layouts = [
    "",
    "customModes:\n  - slug: a\n    name: A\n  - slug: b\n    name: B\n",
    "# c\ncustomModes:\n- slug: a\n  name: A\n# between\n- slug: b\n  name: B\nother: 1\n",
    "customModes: [{slug: a, name: A}]\n",
    "customModes:\n  - slug: a\n    name: A",
    "customModes:\n",
    "other: [1]\n",
  ];
  const edits: KeyEdit[] = [
    { key: ["customModes", selector("slug", "a")], value: { slug: "a", name: "A2" } },
    { key: ["customModes", selector("slug", "c")], value: { slug: "c", name: "C" } },
    { key: ["customModes", selector("slug", "d")], value: { slug: "d", name: "D", groups: ["read"] } },
    { key: ["customModes", selector("slug", "b")], value: undefined },
  ];

  it("gives the text that editing one key at a time gives (YAML, JSON)", () => {
    for (const text of layouts) {
      const each = edits.reduce((t, e) => YAML_CODEC.edit(t, e.key, e.value), text);
      expect(YAML_CODEC.editAll(text, edits), JSON.stringify(text)).toBe(each);
    }
    for (const json of [
      '{\n  "customModes": [\n    { "slug": "a", "name": "A" },\n    { "slug": "b" }\n  ]\n}\n',
      '{\n  "customModes": [\n    { "slug": "b" },\n    { "slug": "a", "name": "A" }\n  ]\n}\n',
      '{"customModes": [{"slug": "b"}, {"slug": "x"}, {"slug": "a"}]}',
      '{\n  "customModes": []\n}\n',
      '{ "other": 1 }\n',
      "",
    ]) {
      const each = edits.reduce((t, e) => JSON_CODEC.edit(t, e.key, e.value), json);
      expect(JSON_CODEC.editAll(json, edits), json).toBe(each);
    }
  });
});

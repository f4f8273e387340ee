import { describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Desired } from "../hosts/output.js";
import { JSON_CODEC, type KeyEdit, selector, YAML_CODEC } from "./json-keys.js";
import { planSync } from "./plan.js";
import { emptyLock, type Lock } from "./types.js";

// Every YAML parse of a shared config goes through `parseDocument`: count them.
const yamlCalls = vi.hoisted(() => ({ parses: 0 }));
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
    const json = '{\n  "customModes": [\n    { "slug": "a", "name": "A" },\n    { "slug": "b" }\n  ]\n}\n';
    const each = edits.reduce((t, e) => JSON_CODEC.edit(t, e.key, e.value), json);
    expect(JSON_CODEC.editAll(json, edits)).toBe(each);
  });
});

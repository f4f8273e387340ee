import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Desired } from "../hosts/output.js";
import { selector } from "../hosts/output.js";
import { planSync } from "./plan.js";
import { emptyLock, type Lock } from "./types.js";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Aider's `.aider.conf.yml` with cadre's one `read:` entry (issue 11 item 12). */
const wanted: Desired = {
  type: "keys",
  path: ".aider.conf.yml",
  syntax: "yaml",
  hosts: ["aider"],
  items: ["p/rule:x"],
  entries: [{ key: ["read", selector(".", "CONVENTIONS.md")], value: "CONVENTIONS.md" }],
};

function sync(text: string | undefined, desired: Desired[], lock: Lock = emptyLock("project", 1)) {
  const observed = new Map<string, Uint8Array>();
  if (text !== undefined) observed.set(".aider.conf.yml", enc.encode(text));
  const plan = planSync({
    desired,
    lock,
    observed,
    bases: new Map(),
    items: {},
    scope: "project",
    rendererVersion: 1,
  });
  const a = plan.actions.find((x) => x.path === ".aider.conf.yml");
  const w = a?.write;
  return {
    type: a?.type,
    text: w === undefined ? undefined : typeof w === "string" ? w : dec.decode(w),
    lock: plan.lock,
  };
}

describe("an owned entry of a list of strings in a YAML config", () => {
  it("creates .aider.conf.yml with read: [CONVENTIONS.md] when there is none", () => {
    const r = sync(undefined, [wanted]);
    expect(parse(r.text ?? "")).toEqual({ read: ["CONVENTIONS.md"] });
  });

  it("adds to the user's read: list, keeps their entries, keys and comments byte for byte, and removes only its own", () => {
    const user = "# my aider settings\nmodel: sonnet # fast enough\nread:\n  - docs/STYLE.md # team style\n";
    const added = sync(user, [wanted]);
    expect(added.text?.startsWith(user)).toBe(true);
    expect(parse(added.text ?? "")).toEqual({ model: "sonnet", read: ["docs/STYLE.md", "CONVENTIONS.md"] });
    const removed = sync(added.text, [], added.lock);
    expect(removed.text).toBe(user);
  });

  it("adds to a flow list too", () => {
    const r = sync("read: [a.md]\n", [wanted]);
    expect(parse(r.text ?? "")).toEqual({ read: ["a.md", "CONVENTIONS.md"] });
  });
});

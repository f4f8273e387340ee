import { describe, expect, it } from "vitest";
import { MANIFEST, pack, skill } from "../../test/helpers/snapshot.js";
import { buildCatalog, resolveRef } from "./catalog.js";

const a = pack(
  {
    "cadre-pack.yaml": MANIFEST.replace("test-pack", "alpha"),
    "skills/tdd/SKILL.md": skill("tdd"),
    "skills/only-a/SKILL.md": skill("only-a"),
  },
  "a",
);
const b = pack(
  { "cadre-pack.yaml": MANIFEST.replace("test-pack", "beta"), "skills/tdd/SKILL.md": skill("tdd") },
  "b",
);
const cat = buildCatalog([a, b]);

describe("catalog", () => {
  it("reports an id defined by several packs as a collision", () => {
    expect(cat.collisions.map((c) => [c.id, c.items.map((i) => i.pack)])).toEqual([
      ["skill:tdd", ["alpha", "beta"]],
    ]);
  });

  it("never silently picks one of colliding items", () => {
    const r = resolveRef(cat, "skill:tdd");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe("ambiguous");
  });

  it("resolves qualified, kind-qualified and bare references", () => {
    const q = resolveRef(cat, "beta/skill:tdd");
    expect(q.ok && q.item.pack).toBe("beta");
    expect(resolveRef(cat, "only-a").ok).toBe(true);
    expect(resolveRef(cat, "alpha/only-a").ok).toBe(true);
  });

  it("suggests near names when nothing matches", () => {
    const r = resolveRef(cat, "only");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.candidates.map((i) => i.name)).toEqual(["only-a"]);
    expect(resolveRef(cat, "nokind:tdd").ok).toBe(false);
  });
});

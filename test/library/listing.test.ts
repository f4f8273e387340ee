import { describe, expect, it } from "vitest";
import type { HostDef } from "../../src/hosts/define.js";
import { HOST_IDS, HOSTS } from "../../src/hosts/registry.js";
import { listingChars } from "../../src/lint/rules/budget.js";
import { lintPacks } from "../../src/lint/run.js";
import { buildCatalog } from "../../src/model/catalog.js";
import { expandProfile } from "../../src/model/profiles.js";
import { MANIFEST, pack } from "../helpers/snapshot.js";
import { library } from "./load.js";

/** Issue 17 item 5: every built-in profile fits every host's skill listing (hosts/<id>.ts `limits.skillListing`). */
describe("the built-in profiles fit every host's skill listing", async () => {
  const cat = await library();
  const hosts = HOST_IDS.map((id) => HOSTS[id] as HostDef).filter((h) => h.limits?.skillListing);
  const profiles = cat.items.filter((i) => i.kind === "profile");

  it("knows the listing limits of Claude Code and Codex", () => {
    expect(hosts.map((h) => h.id).sort()).toEqual(["claude-code", "codex"]);
  });

  it("each profile's listing is within each limit", () => {
    const over: string[] = [];
    for (const p of profiles)
      for (const h of hosts) {
        const total = expandProfile(cat, p).items.reduce((a, i) => a + listingChars(h, i), 0);
        const limit = h.limits?.skillListing?.chars ?? 0;
        expect(total, `${p.name} on ${h.id}`).toBeGreaterThan(0);
        if (total > limit) over.push(`${p.name} on ${h.id}: ${total} > ${limit}`);
      }
    expect(over).toEqual([]);
  });

  it("core fits with its ten process skills as they are", () => {
    const core = profiles.find((p) => p.name === "core");
    expect(core?.meta.items).toHaveLength(18);
    const listed = expandProfile(cat, core!).items.filter((i) => i.kind === "skill");
    expect(listed).toHaveLength(10);
  });
});

describe("budget/skill-listing", () => {
  it("names the host whose listing a pack overflows: 15 long skills fit Claude Code's, not Codex's", () => {
    const tree: Record<string, string> = { "cadre-pack.yaml": MANIFEST };
    for (let i = 10; i < 25; i++)
      tree[`skills/s${i}/SKILL.md`] = `---\nname: s${i}\ndescription: ${"d".repeat(470)}\n---\nBody\n`;
    const p = pack(tree);
    const found = lintPacks(buildCatalog([p]), [p]).diagnostics.filter(
      (d) => d.rule === "budget/skill-listing",
    );
    expect(found.map((d) => d.message)).toEqual([
      "pack test-pack: OpenAI Codex's skill listing needs 8445 characters, over its ≈8000-character budget (2% of the context window, 8,000 characters when the window is not known); OpenAI Codex cuts descriptions when it overflows",
    ]);
  });
});

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { composeForInstall, type InstallComposition } from "../../src/app/compose-core.js";
import { ConfigSchema } from "../../src/app/config.js";
import { toRenderItems } from "../../src/app/render-items.js";
import type { HostDef } from "../../src/hosts/define.js";
import { HOSTS } from "../../src/hosts/registry.js";
import { buildCatalog } from "../../src/model/catalog.js";
import { type Item, qualifiedId } from "../../src/model/item.js";
import { renderAll } from "../../src/render/compose.js";
import type { RenderItem } from "../../src/render/formats.js";
import { loadPack } from "../../src/sources/load.js";

/**
 * Golden composed agents: the fixture library's code-reviewer with the fixture's expertise module composed
 * for it, rendered for every host that takes agents (`__composed__/<host>/<path>`).
 */
const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "..", "fixtures", "library");
const env = { home: "/home/user", scope: "project" } as const;
const hosts = (Object.values(HOSTS) as HostDef[]).filter((h) => h.targets.agent);

let items: RenderItem[] = [];
let composition: InstallComposition;
beforeAll(async () => {
  const pack = await loadPack(fixture, { cwd: here });
  pack.compositionMap = {
    version: 1,
    always: { "code-reviewer": ["idempotency"] },
    auto: {},
    stacks: { go: { "code-reviewer": ["idempotency"] } },
    concerns: {},
  };
  const cat = buildCatalog([pack]);
  const agent = pack.items.filter((i) => i.kind === "agent") as Item[];
  const config = ConfigSchema.parse({ compose: { detect: false, stacks: ["go"] } });
  composition = await composeForInstall(cat, agent, hosts, here, { stacks: ["go"], concerns: [], detect: false }, config);
  const selected = [...agent, ...composition.extra];
  items = (await toRenderItems(selected, [pack], here)).map((ri) => {
    const per = composition.agents.get(qualifiedId(ri.item));
    return per ? { ...ri, composed: per } : ri;
  });
});

describe.each(hosts.map((h) => [h.id, h] as const))("%s", (id, host) => {
  it("renders the composed code-reviewer", async () => {
    const { desired } = renderAll(items, [host], env);
    const mine = desired.filter((d) => d.items.some((q) => q.endsWith("agent:code-reviewer")));
    expect(mine.length).toBeGreaterThan(0);
    for (const d of mine) {
      const text = d.type === "file" ? String(d.content) : JSON.stringify(d, null, 2);
      await expect(text).toMatchFileSnapshot(join("__composed__", id, d.path));
      // Preloaded where the host can, otherwise inline: either way the module reaches the agent's own file.
      if (d.type === "file" && d.path.includes("code-reviewer")) expect(text).toMatch(host.id === "claude-code" ? /skills:\n {2}- idempotency/ : /## Expertise[\s\S]*### idempotency/);
    }
  });
});

describe("the composition", () => {
  it("adds the module to the selection and notes each host once", () => {
    expect(composition.extra.map((i) => i.name)).toEqual(["idempotency"]);
    expect(composition.notes).toHaveLength(hosts.length);
    expect(composition.stacks).toEqual([{ stack: "go", evidence: [{ path: "cadre.yaml", detail: "compose.stacks" }] }]);
  });
});

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { toRenderItems } from "../../src/app/render-items.js";
import { HOST_KINDS, type HostDef, SCOPES, supportOf } from "../../src/hosts/define.js";
import type { Desired } from "../../src/hosts/output.js";
import { HOSTS } from "../../src/hosts/registry.js";
import { parseSelector } from "../../src/plan/json-keys.js";
import { renderAll } from "../../src/render/compose.js";
import type { RenderItem } from "../../src/render/formats.js";
import { loadPack } from "../../src/sources/load.js";
import { staleGoldens } from "./stale.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "..", "fixtures", "library");
const env = { home: "/home/user" } as const;

let items: RenderItem[] = [];
beforeAll(async () => {
  const pack = await loadPack(fixture, { cwd: here });
  items = await toRenderItems(pack.items, [pack], here);
});

/** How a desired entry looks on an empty disk (the golden file's content). */
function show(d: Desired): string {
  if (d.type === "file") return typeof d.content === "string" ? d.content : `<${d.content.length} bytes>\n`;
  if (d.type === "block") {
    const [open, close] = d.comment === "html" ? ["<!-- cadre:begin -->", "<!-- cadre:end -->"] : ["# cadre:begin", "# cadre:end"];
    return `${open}\n${d.content}${close}\n`;
  }
  const obj: Record<string, unknown> = {};
  for (const e of d.entries) {
    const last = e.key[e.key.length - 1] as string;
    const entry = parseSelector(last) !== undefined;
    let o = obj;
    for (const k of e.key.slice(0, entry ? -2 : -1)) o = (o[k] ??= {}) as Record<string, unknown>;
    if (entry) ((o[e.key[e.key.length - 2] as string] ??= []) as unknown[]).push(e.value);
    else o[last] = e.value;
  }
  return `${JSON.stringify(obj, null, 2)}\n`;
}

const hosts = Object.values(HOSTS) as HostDef[];

describe.each(hosts.map((h) => [h.id, h] as const))("%s", (id, host) => {
  it.each(SCOPES.map((s) => [s]))("renders the fixture library at %s scope", async (scope) => {
    const { desired } = renderAll(items, [host], { ...env, scope });
    for (const d of desired) {
      await expect(show(d)).toMatchFileSnapshot(join("__golden__", id, scope, d.path));
    }
  });

  it("has golden output for every kind it declares", () => {
    const produced = new Set<string>();
    for (const scope of SCOPES) {
      const { desired } = renderAll(items, [host], { ...env, scope });
      for (const d of desired) {
        const file = join(here, "__golden__", id, scope, d.path);
        expect(existsSync(file), `missing golden file ${file} (run vitest -u)`).toBe(true);
        for (const q of d.items) produced.add(q.split("/")[1]?.split(":")[0] ?? "");
      }
    }
    const declared = HOST_KINDS.filter((k) => supportOf(host, k) !== "none");
    expect(declared.filter((k) => !produced.has(k))).toEqual([]);
  });
});

describe("golden hygiene", () => {
  it("every golden file is produced by some host and scope (stale ones are deleted)", () => {
    const produced = hosts.flatMap((h) =>
      SCOPES.flatMap((scope) =>
        renderAll(items, [h], { ...env, scope }).desired.map((d) => join(here, "__golden__", h.id, scope, d.path)),
      ),
    );
    // plugin-hooks/, pairs/ and export/ belong to their own harnesses, which check them the same way.
    expect(staleGoldens(join(here, "__golden__"), produced, ["plugin-hooks", "pairs", "export"])).toEqual([]);
  });
});

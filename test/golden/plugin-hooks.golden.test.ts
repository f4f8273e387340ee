import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { toRenderItems } from "../../src/app/render-items.js";
import { type HostDef, targetOf } from "../../src/hosts/define.js";
import type { Desired } from "../../src/hosts/output.js";
import { HOSTS } from "../../src/hosts/registry.js";
import { parseSelector } from "../../src/plan/json-keys.js";
import { renderAll } from "../../src/render/compose.js";
import type { RenderItem } from "../../src/render/formats.js";
import { loadPack } from "../../src/sources/load.js";
import { staleGoldens } from "./stale.js";

// Golden output per host for a Claude plugin's hooks with scripts (test/fixtures/plugin-hooks): the hook
// config, the copied scripts (with their exec bit) and the notes for what a host refuses.
const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "..", "fixtures", "plugin-hooks");

let items: RenderItem[] = [];
beforeAll(async () => {
  const pack = await loadPack(fixture, { cwd: here });
  items = await toRenderItems(pack.items, [pack], here);
});

function show(d: Desired): string {
  if (d.type === "file") {
    const text = typeof d.content === "string" ? d.content : Buffer.from(d.content).toString("utf8");
    return d.executable ? `# (mode 0755)\n${text}` : text;
  }
  if (d.type === "block") return `# cadre:begin\n${d.content}# cadre:end\n`;
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

const hosts = (Object.values(HOSTS) as HostDef[]).filter((h) => targetOf(h, "hook"));

describe.each(hosts.map((h) => [h.id, h] as const))("%s", (id, host) => {
  it("renders the plugin's hooks and scripts", async () => {
    const { desired, notes } = renderAll(items, [host], { home: "/home/user", scope: "project" });
    for (const d of desired) await expect(show(d)).toMatchFileSnapshot(join("__golden__", "plugin-hooks", id, d.path));
    const lines = notes.filter((n) => n.item?.includes("hook:")).map((n) => `${n.level}: ${n.item}: ${n.message}`);
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot(join("__golden__", "plugin-hooks", id, "NOTES.txt"));
  });
});

it("every plugin-hooks golden file is produced by some host", () => {
  const dir = join(here, "__golden__", "plugin-hooks");
  const produced = hosts.flatMap((h) => [
    join(dir, h.id, "NOTES.txt"),
    ...renderAll(items, [h], { home: "/home/user", scope: "project" }).desired.map((d) => join(dir, h.id, d.path)),
  ]);
  expect(staleGoldens(dir, produced)).toEqual([]);
});

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeLock } from "../apply/lock.js";
import { sha256 } from "../core/hash.js";
import { qualifiedId } from "../model/item.js";
import { emptyLock } from "../plan/types.js";
import { installState, openCatalog } from "./catalog.js";
import { infoCommand } from "./info.js";
import { listCommand } from "./list.js";
import { searchCommand } from "./search.js";

let dir: string;
let env: NodeJS.ProcessEnv;

/** A project whose cadre.yaml reads only its own pack, with one of the pack's two agents in cadre.lock. */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cadre-catalog-"));
  env = { ...process.env, HOME: dir, XDG_CACHE_HOME: join(dir, ".cache") };
  const pack = join(dir, "proj", "packs", "ops");
  await mkdir(join(pack, "agents"), { recursive: true });
  await mkdir(join(dir, "proj", "src", "deep"), { recursive: true });
  for (const [n, d] of [
    ["incident-commander", "Runs an incident bridge with a timeline, owners and status updates."],
    ["capacity-planner", "Forecasts capacity from traffic and saturation data."],
  ])
    await writeFile(join(pack, "agents", `${n}.md`), `---\nname: ${n}\ndescription: ${d}\n---\n${d}\n`);
  await writeFile(join(pack, "cadre-pack.yaml"), "name: ops\n");
  await writeFile(
    join(dir, "proj", "cadre.yaml"),
    "version: 1\nhosts: [claude-code, cursor]\nsources: [./packs/ops]\nprofiles: []\ninclude: [ops/*]\n",
  );
  const lock = emptyLock("project", 1);
  lock.items["ops/agent:incident-commander"] = { hash: sha256("a") };
  for (const [path, host] of [
    [".claude/agents/incident-commander.md", "claude-code"],
    [".cursor/rules/incident-commander.mdc", "cursor"],
  ] as const)
    lock.files[path] = {
      mode: "file",
      sha256: sha256(path),
      hosts: [host],
      items: ["ops/agent:incident-commander"],
    };
  await writeFile(join(dir, "proj", "cadre.lock"), serializeLock(lock));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("catalog commands inside a project", () => {
  it("read cadre.yaml's sources from any subfolder and mark what cadre.lock installs", async () => {
    const cwd = join(dir, "proj", "src", "deep");
    const r = await listCommand({ cwd, env });
    expect(r.project?.root).toBe(join(dir, "proj"));
    // Only the project's sources: cadre.yaml leaves out the built-in library.
    expect(r.items.map(qualifiedId)).toEqual(["ops/agent:capacity-planner", "ops/agent:incident-commander"]);
    expect(r.items.map((i) => installState(r.project, i))).toEqual([
      { installed: false, installedHosts: [] },
      { installed: true, installedHosts: ["claude-code", "cursor"] },
    ]);
    const s = await searchCommand({ cwd, env, query: "incident bridge" });
    expect(s.results[0]?.item.name).toBe("incident-commander");
    expect(installState(s.project, s.results[0]?.item as never)).toMatchObject({ installed: true });
    const i = await infoCommand({ cwd, env, ref: "capacity-planner" });
    expect([i.item.pack, installState(i.project, i.item)]).toEqual([
      "ops",
      { installed: false, installedHosts: [] },
    ]);
  });

  it("--source replaces cadre.yaml's sources; installed items are still marked", async () => {
    const other = join(dir, "other");
    await mkdir(join(other, "agents"), { recursive: true });
    await writeFile(
      join(other, "agents", "scribe.md"),
      "---\nname: scribe\ndescription: Takes notes.\n---\nNotes.\n",
    );
    await writeFile(join(other, "cadre-pack.yaml"), "name: other\n");
    const { cat, project } = await openCatalog({ cwd: join(dir, "proj"), env, sources: [other] });
    const packs = cat.packs.map((p) => p.name);
    expect(packs).toContain("other");
    expect(packs).not.toContain("ops");
    expect(project?.installed.get("ops/agent:incident-commander")).toEqual(["claude-code", "cursor"]);
  });
});

import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UserError } from "../core/errors.js";
import { qualifiedId } from "../model/item.js";
import { CONFIG_FILE, parseConfigText } from "./config.js";
import { addCommand, removeCommand } from "./edit-config.js";
import { catalogOf, layoutOf, selectItems } from "./project.js";

let dir: string;
let env: NodeJS.ProcessEnv;

/** A project with a pack of two agents and a command, and a cadre.yaml without the built-in library. */
async function project(): Promise<void> {
  const pack = join(dir, "team-pack");
  await mkdir(join(pack, "agents"), { recursive: true });
  await mkdir(join(pack, "commands"), { recursive: true });
  for (const n of ["triage", "release-notes"])
    await writeFile(
      join(pack, "agents", `${n}.md`),
      `---\nname: ${n}\ndescription: Does ${n}.\n---\nDo ${n}.\n`,
    );
  await writeFile(join(pack, "commands", "ship.md"), "---\ndescription: Ship it.\n---\nShip the branch.\n");
  await writeFile(join(pack, "cadre-pack.yaml"), "name: team-pack\n");
  await writeFile(
    join(dir, CONFIG_FILE),
    "version: 1\nhosts: [claude-code]\nsources: [./team-pack]\nprofiles: []\ninclude: []\nexclude: []\n",
  );
}

async function selected(): Promise<string[]> {
  const text = await readFile(join(dir, CONFIG_FILE), "utf8");
  const config = parseConfigText(text, CONFIG_FILE);
  const layout = layoutOf({ cwd: dir, env });
  return selectItems(await catalogOf(config, layout, env), config)
    .items.map(qualifiedId)
    .sort();
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cadre-add-"));
  env = { ...process.env, HOME: dir, XDG_CACHE_HOME: join(dir, ".cache") };
  await project();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("cadre add with a pattern", () => {
  it("adds a whole pack as `pack/*`, the form init writes", async () => {
    const r = await addCommand({ cwd: dir, env, refs: ["team-pack/*"], noSync: true });
    expect(parseConfigText(await readFile(join(dir, CONFIG_FILE), "utf8"), CONFIG_FILE).include).toEqual([
      "team-pack/*",
    ]);
    expect(r.changes).toEqual(["added team-pack/* (3 items)"]);
    expect(await selected()).toEqual([
      "team-pack/agent:release-notes",
      "team-pack/agent:triage",
      "team-pack/command:ship",
    ]);
    // Adding it again changes nothing.
    const before = await readFile(join(dir, CONFIG_FILE), "utf8");
    await addCommand({ cwd: dir, env, refs: ["team-pack/*"], noSync: true });
    expect(await readFile(join(dir, CONFIG_FILE), "utf8")).toBe(before);
  });

  it("adds one kind of a pack as `pack/kind:*`", async () => {
    const r = await addCommand({ cwd: dir, env, refs: ["team-pack/agent:*"], noSync: true });
    expect(parseConfigText(await readFile(join(dir, CONFIG_FILE), "utf8"), CONFIG_FILE).include).toEqual([
      "team-pack/agent:*",
    ]);
    expect(r.changes).toEqual(["added team-pack/agent:* (2 items)"]);
    expect(await selected()).toEqual(["team-pack/agent:release-notes", "team-pack/agent:triage"]);
  });

  it("refuses a pattern that matches nothing, naming the closest packs, and leaves cadre.yaml alone", async () => {
    const before = await readFile(join(dir, CONFIG_FILE), "utf8");
    const refusal = (ref: string) =>
      addCommand({ cwd: dir, env, refs: [ref], noSync: true }).then(
        () => undefined,
        (e: UserError) => `${e.message} | ${e.hint}`,
      );
    expect(await refusal("tema-pack/*")).toBe(
      'no pack named "tema-pack" | did you mean team-pack? the packs are team-pack (cadre.yaml sources)',
    );
    expect(await refusal("team-pack/skill:*")).toBe(
      'no skill in pack "team-pack" | it holds agent, command; e.g. team-pack/agent:* or team-pack/*',
    );
    expect(await refusal("team-pack/agnet:*")).toMatch(
      /^unknown kind "agnet" in "team-pack\/agnet:\*" \| did you mean agent\?/,
    );
    expect(await readFile(join(dir, CONFIG_FILE), "utf8")).toBe(before);
  });

  it("remove takes a pattern out of include again", async () => {
    const before = await readFile(join(dir, CONFIG_FILE), "utf8");
    await addCommand({ cwd: dir, env, refs: ["team-pack/agent:*"], noSync: true });
    const r = await removeCommand({ cwd: dir, env, refs: ["team-pack/agent:*"], noSync: true });
    expect(r.changes).toEqual(["removed team-pack/agent:* from include"]);
    expect(await readFile(join(dir, CONFIG_FILE), "utf8")).toBe(before);
    expect(await selected()).toEqual([]);
  });
});

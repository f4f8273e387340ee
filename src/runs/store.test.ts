import { appendFile, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CADRE_GITIGNORE } from "../core/cadre-dir.js";
import {
  activeRunId,
  appendEvent,
  createRunDir,
  parseEvents,
  readEvents,
  readRun,
  repairEvents,
  setActiveRun,
  writeRunFile,
  writeStatus,
} from "./store.js";

let root: string;
const ID = "20261202-120000-test";
const eventsFile = () => join(root, ".cadre/runs", ID, "events.ndjson");

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "cadre-store-"));
  await createRunDir(root, ID);
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("run store", () => {
  it("creates the run folders and the git-ignore", async () => {
    expect(await readFile(join(root, ".cadre/.gitignore"), "utf8")).toBe(CADRE_GITIGNORE);
    await expect(createRunDir(root, ID)).rejects.toThrow(/already exists/);
  });

  it("assigns unique, increasing seqs to concurrent appends and loses no line", async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendEvent(root, ID, { type: "capture", n: i })));
    const { events, skipped } = await readEvents(root, ID);
    expect(skipped).toEqual([]);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.n)).size).toBe(40);
    expect(events.every((e) => e.run === ID)).toBe(true);
  });

  it("skips and reports a torn last line, and the next append cuts it off", async () => {
    await appendEvent(root, ID, { type: "capture" });
    await appendFile(eventsFile(), '{"seq":2,"at":"x","ty');
    const read = await readEvents(root, ID);
    expect(read.events).toHaveLength(1);
    expect(read.skipped).toEqual([{ line: 2, reason: expect.stringMatching(/cut off/), torn: true }]);
    const e = await appendEvent(root, ID, { type: "capture" });
    expect(e.seq).toBe(2);
    const text = await readFile(eventsFile(), "utf8");
    expect(
      text
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l).seq),
    ).toEqual([1, 2]);
  });

  it("finds the last seq behind damaged lines and long lines", async () => {
    await appendEvent(root, ID, { type: "capture", blob: "x".repeat(40000) });
    await appendFile(eventsFile(), "not json\n\n");
    const e = await appendEvent(root, ID, { type: "capture" });
    expect(e.seq).toBe(2);
    const read = parseEvents(await readFile(eventsFile(), "utf8"));
    expect(read.skipped.map((s) => [s.line, s.reason])).toEqual([
      [2, "not valid JSON"],
      [3, "empty line"],
    ]);
    const fixed = await repairEvents(root, ID);
    expect(fixed.skipped).toHaveLength(2);
    expect((await readEvents(root, ID)).skipped).toEqual([]);
    expect((await readEvents(root, ID)).events.map((x) => x.seq)).toEqual([1, 2]);
  });

  it("breaks a lock whose owner is dead", async () => {
    await writeFile(join(root, ".cadre/runs", ID, "events.lock"), "999999999 dead");
    const e = await appendEvent(root, ID, { type: "capture" });
    expect(e.seq).toBe(1);
  });

  it("breaks an empty lock (a writer killed between create and write) well before the wait gives up", async () => {
    await writeFile(join(root, ".cadre/runs", ID, "events.lock"), "");
    const e = await appendEvent(root, ID, { type: "capture" });
    expect(e.seq).toBe(1);
    const left = (await readdir(join(root, ".cadre/runs", ID))).filter((f) => f.startsWith("events.lock"));
    expect(left).toEqual([]);
  });

  it("keeps the active run in a plain file and ignores a pointer to nothing", async () => {
    expect(await activeRunId(root)).toBeUndefined();
    await setActiveRun(root, ID);
    expect(await activeRunId(root)).toBe(ID);
    await writeFile(join(root, ".cadre/runs/latest"), "20990101-000000-gone\n");
    expect(await activeRunId(root)).toBeUndefined();
  });

  it("reads status and workflow with errors naming the file", async () => {
    await expect(readRun(root, ID)).rejects.toThrow(/status.json is missing/);
    await writeRunFile(root, ID, "status.json", "{ nope");
    await expect(readRun(root, ID)).rejects.toThrow(
      /\.cadre\/runs\/20261202-120000-test\/status.json is not valid JSON/,
    );
    await expect(
      writeStatus(root, ID, { schema_version: 1 } as unknown as Parameters<typeof writeStatus>[2]),
    ).rejects.toThrow(/invalid status.json/);
    await expect(readRun(root, "../etc")).rejects.toThrow(/not a run id/);
  });

  it("refuses a run folder that is a symbolic link", async () => {
    const other = await mkdtemp(join(tmpdir(), "cadre-store-other-"));
    await symlink(other, join(root, ".cadre/runs/20261202-120000-link"));
    await expect(appendEvent(root, "20261202-120000-link", { type: "capture" })).rejects.toThrow(
      /symbolic link/,
    );
    await rm(other, { recursive: true, force: true });
  });
});

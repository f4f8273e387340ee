import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LEARNINGS_DIR } from "../pipeline/learnings.js";
import { learnList, learnPropose } from "./learn.js";

describe("learnings across a crash", () => {
  it("a move killed after writing the new state's file lists the learning once, in the later state", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "cadre-learn-"));
    writeFileSync(join(cwd, "cadre.yaml"), "version: 1\nhosts: [claude-code]\n");
    const o = { cwd, env: { HOME: join(cwd, "home") } };
    const r = await learnPropose(o, {
      statement: "Run the migration dry-run before every deploy.",
      scope: "project",
      confidence: "0.9",
      evidence: ["the 2026-11 outage"],
    });
    const id = r.proposed[0]?.learning.id as string;
    expect((await learnList(o)).map((x) => [x.learning.id, x.state])).toEqual([[id, "proposed"]]);
    // The kill: accepted/<id>.md written, proposed/<id>.md not yet removed.
    mkdirSync(join(cwd, LEARNINGS_DIR, "accepted"), { recursive: true });
    copyFileSync(
      join(cwd, LEARNINGS_DIR, "proposed", `${id}.md`),
      join(cwd, LEARNINGS_DIR, "accepted", `${id}.md`),
    );
    expect((await learnList(o)).map((x) => [x.learning.id, x.state])).toEqual([[id, "accepted"]]);
    expect(await learnList(o, "proposed")).toEqual([]);
  });
});

import pc from "picocolors";
import { describe, expect, it } from "vitest";
import type { RenderNote } from "../../render/compose.js";
import type { Io } from "../io.js";
import { printNotes } from "./_plan.js";

function io(verbose = false): Io & { errText: () => string } {
  let err = "";
  return {
    out: () => {},
    err: (t) => {
      err += t;
    },
    color: pc.createColors(false),
    json: false,
    quiet: false,
    verbose,
    cwd: "/p",
    env: {},
    isTTY: false,
    errText: () => err,
  };
}

const twice = (host: string, at: string): RenderNote => ({
  host,
  level: "warning",
  topic: "double-read",
  message: `${host} also reads ${at}, written for codex: 3 items it already has reach it twice (a, b, c); no setting`,
});
const notes: RenderNote[] = [
  twice("cursor", "AGENTS.md"),
  twice("cursor", ".agents/skills"),
  twice("copilot", ".claude/skills"),
  { host: "codex", item: "p/hook:x", level: "warning", message: "not installed: no such event" },
];

describe("printNotes", () => {
  it("sums up double reads in one line on sync, and keeps every other warning", () => {
    const o = io();
    printNotes(o, notes);
    const lines = o.errText().trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^warning: 2 hosts also read files written for other hosts.*\(3 places\).*cadre status/,
    );
    expect(lines[1]).toBe("warning: codex: p/hook:x: not installed: no such event");
  });

  it("lists each double read for `cadre status` (full) and with -v", () => {
    for (const o of [io(), io(true)]) {
      printNotes(o, notes, !o.verbose);
      const text = o.errText();
      expect(text.match(/reach it twice/g)).toHaveLength(3);
      expect(text).not.toMatch(/places\)/);
    }
  });
});

import { describe, expect, it } from "vitest";
import type { DesiredFile } from "../hosts/output.js";
import { HOSTS } from "../hosts/registry.js";
import type { Refusal } from "../lint/run.js";
import type { RenderNote } from "../render/compose.js";
import { noteStillRead, skipRefused } from "./refusals.js";

const ITEM = "p/skill:design-brief";
const refusal: Refusal = {
  host: "copilot",
  rule: "skill/description-length",
  message: "SKILL.md:3: too long",
};
const file = (path: string, hosts: string[]): DesiredFile => ({
  type: "file",
  path,
  content: "x",
  hosts,
  items: [ITEM],
});
const env = { scope: "project" as const, home: "/home/u" };

describe("sync refusals per host", () => {
  it("skips the item for the refusing host only, keeps other skips, and notes the lint message", () => {
    const notes: RenderNote[] = [];
    const skip = skipRefused(
      (h, q) => h === "cursor" && q === "p/rule:x",
      new Map([[ITEM, [refusal]]]),
      notes,
    );
    expect([skip?.("copilot", ITEM), skip?.("claude-code", ITEM), skip?.("cursor", "p/rule:x")]).toEqual([
      true,
      false,
      true,
    ]);
    expect(notes).toEqual([
      {
        host: "copilot",
        item: ITEM,
        level: "warning",
        message: "not installed: SKILL.md:3: too long (skill/description-length)",
      },
    ]);
  });

  it("says when the refusing host still reads another host's copy (Copilot reads .claude/skills)", () => {
    const refused = new Map([[ITEM, [refusal]]]);
    const hosts = [HOSTS["claude-code"], HOSTS.copilot];
    const notes: RenderNote[] = [];
    noteStillRead(
      refused,
      [file(".claude/skills/design-brief/SKILL.md", ["claude-code"])],
      hosts,
      env,
      notes,
    );
    expect(notes.map((n) => [n.host, n.message])).toEqual([
      [
        "copilot",
        "GitHub Copilot also reads .claude/skills, where the copy for claude-code is: it will find the skill there and refuse it",
      ],
    ]);
    const none: RenderNote[] = [];
    noteStillRead(refused, [file(".gemini/skills/design-brief/SKILL.md", ["gemini-cli"])], hosts, env, none);
    expect(none).toEqual([]);
  });
});

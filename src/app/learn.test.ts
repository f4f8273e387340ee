import { describe, expect, it } from "vitest";
import { parseConfigText } from "./config.js";
import { withLearningsPack, withoutLearningsPack } from "./learn.js";

describe("the learnings pack in cadre.yaml", () => {
  it("keeps the default builtin source when cadre.yaml names no sources", () => {
    const r = withLearningsPack("version: 1\nhosts: [claude-code]\nprofiles: [core]\n");
    expect(r.changes).toEqual(["sources += ./cadre-learnings", "include += learnings/*"]);
    const c = parseConfigText(r.text, "cadre.yaml");
    expect(c.sources).toEqual(["builtin", "./cadre-learnings"]);
    expect(c.include).toEqual(["learnings/*"]);
  });

  it("changes nothing when the pack is already there (in any spelling), and removes it again", () => {
    const text = "version: 1\nsources: [builtin, cadre-learnings/]\ninclude: [x/*, learnings/*]\n";
    expect(withLearningsPack(text)).toEqual({ text, changes: [] });
    const out = withoutLearningsPack(text);
    expect(out.changes).toEqual(["include -= learnings/*", "sources -= cadre-learnings/"]);
    const c = parseConfigText(out.text, "cadre.yaml");
    expect(c.sources).toEqual(["builtin"]);
    expect(c.include).toEqual(["x/*"]);
  });

  it("keeps the user's comments", () => {
    const r = withLearningsPack("# mine\nversion: 1\nsources: [builtin] # packs\n");
    expect(r.text).toContain("# mine");
  });
});

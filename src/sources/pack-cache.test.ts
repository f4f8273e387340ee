import { describe, expect, it } from "vitest";
import { PARSER_VERSION } from "../model/parse-pack.js";
import { packKey } from "./pack-cache.js";

describe("packKey", () => {
  const entries = [
    { abs: "/p/skills/a/SKILL.md", path: "skills/a/SKILL.md", size: 10, mtimeMs: 1, ctimeMs: 1 },
  ];
  it("changes with the parser version, so a pack read by an older cadre is read again", () => {
    expect(packKey(entries, {})).toBe(packKey(entries, {}, PARSER_VERSION));
    expect(packKey(entries, {}, PARSER_VERSION + 1)).not.toBe(packKey(entries, {}));
  });
});

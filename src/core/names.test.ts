import { describe, expect, it } from "vitest";
import { checkName, closestNames, editDistance, isSafeRelativePath } from "./names.js";

describe("checkName", () => {
  it.each(["a", "tdd", "code-review", "a1-b2", "x".repeat(64)])("accepts %s", (n) =>
    expect(checkName(n)).toBeUndefined(),
  );
  it.each([
    ["", /empty/],
    ["x".repeat(65), /65 characters/],
    ["Upper", /lowercase/],
    ["-lead", /starts or ends/],
    ["trail-", /starts or ends/],
    ["dou--ble", /--/],
    ["a/b", /path separator/],
    ["..", /path separator/],
    ["a\\b", /path separator/],
    ["a_b", /lowercase/],
  ])("rejects %s", (n, why) => expect(checkName(n)).toMatch(why));
});

describe("isSafeRelativePath", () => {
  it("accepts nested relative paths", () => expect(isSafeRelativePath("a/b/c.md")).toBe(true));
  it.each(["/etc/passwd", "../x", "a/../../x", "C:\\x", "a\\..\\..\\x", ""])("rejects %s", (p) =>
    expect(isSafeRelativePath(p)).toBe(false),
  );
});

describe("closestNames", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("claude-cdoe", "claude-code")).toBe(1);
    expect(editDistance("cor", "core")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
  it("suggests the nearest names first, and nothing for a far-off name", () => {
    const hosts = ["claude-code", "codex", "cursor", "cline", "copilot"];
    expect(closestNames("claud-code", hosts)[0]).toBe("claude-code");
    expect(closestNames("cursr", hosts)[0]).toBe("cursor");
    expect(closestNames("vim", hosts)).toEqual([]);
    expect(closestNames("cor", ["core", "backend-node", "frontend"])).toEqual(["core"]);
    expect(closestNames("review", ["code-review", "security-review", "tdd"])).toEqual([
      "code-review",
      "security-review",
    ]);
  });
});

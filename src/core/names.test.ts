import { describe, expect, it } from "vitest";
import { checkName, isSafeRelativePath } from "./names.js";

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

import { describe, expect, it } from "vitest";
import { camelParts, escapeLike, expandForIndex, ftsQuery, splitIdentifier } from "./fts.js";

describe("fts text", () => {
  it("splits identifiers on case and underscores", () => {
    expect(splitIdentifier("parseHTTPRequest_v2")).toEqual(["parse", "http", "request", "v2"]);
    expect(expandForIndex("call getUser now")).toBe("call getUser get user now");
  });
  it("lists the parts of every distinct camelCase identifier once, wherever it starts", () => {
    expect(camelParts("getUser(x); getUser; 2ndPlace é_parseHTTPRequest a.bC snake_case ABC Ab")).toBe(
      "get user ; nd place ; parse http request ; b c ; abc",
    );
    expect(expandForIndex("no_upper_case here")).toBe("no_upper_case here");
  });
  it("quotes every term so no FTS operator passes through", () => {
    expect(ftsQuery('foo" OR bars*')).toBe('"foo" AND "or" AND "bars"*');
    expect(ftsQuery("getUser")).toBe('("getuser"* OR "get user")');
    expect(ftsQuery("err")).toBe('"err"');
    expect(ftsQuery("  ")).toBeUndefined();
  });
  it("escapes LIKE wildcards", () => {
    expect(escapeLike("a_b%c\\")).toBe("a\\_b\\%c\\\\");
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references are what these tests read
import { describe, expect, it } from "vitest";
import { secretParts, secretSites, showRef, wholeRef } from "./mcp-secrets.js";

describe("the canonical MCP secret reference", () => {
  it("splits text and references, defaults included, in order", () => {
    expect(secretParts("Bearer ${TOKEN}")).toEqual(["Bearer ", { name: "TOKEN" }]);
    expect(secretParts("${A}-${B:-x y}")).toEqual([{ name: "A" }, "-", { name: "B", fallback: "x y" }]);
    expect(secretParts("${REGION:-}")).toEqual([{ name: "REGION", fallback: "" }]);
  });

  it("reads a host's ${env:VAR} as the same reference, and leaves what is not one as text", () => {
    expect(secretParts("${env:KEY}")).toEqual([{ name: "KEY" }]);
    for (const text of ["$HOME/x", "${1BAD}", "${A-B}", "{env:X}", "${unclosed", "plain"])
      expect(secretParts(text)).toEqual([text]);
  });

  it("knows a whole-value reference from one inside other text", () => {
    expect(wholeRef("${T}")).toEqual({ name: "T" });
    expect(wholeRef("x${T}")).toBeUndefined();
    expect(showRef({ name: "R", fallback: "eu" })).toBe("${R:-eu}");
  });

  it("lists every string of a server's fields with where it sits", () => {
    const sites = secretSites({
      command: "srv",
      args: ["-v", "${A}"],
      env: { K: "${K}" },
      url: "u",
      headers: { H: "h" },
      name: "n",
    });
    expect(sites.map((s) => s.at)).toEqual(["command", "args[0]", "args[1]", "env.K", "url", "headers.H"]);
  });
});

import { describe, expect, it } from "vitest";
import type { Item } from "../model/item.js";
import { KEY_RENDERERS, rooGroups, splitRole } from "./keys.js";

describe("Roo custom modes", () => {
  it("maps tool names to Roo's tool groups; no tools means every group", () => {
    expect(rooGroups(["Read", "Grep", "Glob"])).toEqual(["read"]);
    expect(rooGroups(["Read", "Edit", "Bash", "WebFetch", "mcp__github"])).toEqual([
      "read",
      "edit",
      "browser",
      "command",
      "mcp",
    ]);
    expect(rooGroups(["Bash"])).toEqual(["read", "command"]);
    expect(rooGroups(undefined)).toEqual(["read", "edit", "browser", "command", "mcp"]);
  });

  it("splits the body into a role (first paragraph) and custom instructions (the rest)", () => {
    expect(splitRole("# Reviewer\n\nYou review code.\nCarefully.\n\n## Steps\n\n1. Read.\n")).toEqual({
      role: "You review code.\nCarefully.",
      instructions: "## Steps\n\n1. Read.",
    });
    expect(splitRole("You only review.\n")).toEqual({ role: "You only review." });
  });

  it("renders one customModes entry owned by its slug", () => {
    const item = {
      kind: "agent",
      name: "api-designer",
      description: "Designs HTTP APIs.",
      body: "# API designer\n\nYou design APIs; see @naming.\n\nMore rules.\n",
      meta: { tools: "Read, Edit" },
    } as unknown as Item;
    const entries = KEY_RENDERERS["agent-roomodes"]?.entries(
      { item },
      { format: "agent-roomodes", path: {} },
      (n) => (n === "naming" ? "the `naming` rule" : undefined),
    );
    expect(entries).toEqual([
      {
        key: ["customModes", "[slug=api-designer]"],
        value: {
          slug: "api-designer",
          name: "Api Designer",
          description: "Designs HTTP APIs.",
          roleDefinition: "You design APIs; see the `naming` rule.",
          whenToUse: "Designs HTTP APIs.",
          customInstructions: "More rules.",
          groups: ["read", "edit"],
        },
      },
    ]);
  });
});

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

describe("Goose extensions", () => {
  const render = (meta: Record<string, unknown>) =>
    KEY_RENDERERS["mcp-goose"]?.entries(
      {
        item: {
          kind: "mcp",
          name: "docs",
          description: "Search\n the docs.",
          body: "",
          meta,
        } as unknown as Item,
      },
      { format: "mcp-goose", path: {} },
    );

  it("writes a stdio server as cmd/args, and an env entry naming its own variable as an env_keys name", () => {
    expect(
      render({
        transport: "stdio",
        command: "npx",
        args: ["docs-mcp"],
        env: { TOKEN: ["$", "{TOKEN}"].join(""), MODE: "ro" },
      }),
    ).toEqual([
      {
        key: ["extensions", "docs"],
        value: {
          type: "stdio",
          enabled: true,
          name: "docs",
          description: "Search the docs.",
          envs: { MODE: "ro" },
          env_keys: ["TOKEN"],
          timeout: 300,
          cmd: "npx",
          args: ["docs-mcp"],
        },
      },
    ]);
  });

  it("writes a remote server as streamable_http with uri and headers, and always gives args", () => {
    const [remote] = render({ transport: "http", url: "https://x.example/mcp", headers: { A: "b" } }) ?? [];
    expect(remote?.value).toMatchObject({
      type: "streamable_http",
      uri: "https://x.example/mcp",
      headers: { A: "b" },
    });
    const [bare] = render({ transport: "stdio", command: "srv" }) ?? [];
    expect(bare?.value).toMatchObject({ cmd: "srv", args: [] });
    expect(bare?.value).not.toHaveProperty("envs");
  });
});

import { describe, expect, it } from "vitest";
import { HOSTS } from "../hosts/registry.js";
import type { Item } from "../model/item.js";
import {
  argumentHint,
  classifyTools,
  hostTools,
  mapFields,
  modelFor,
  toolGaps,
  toolPatterns,
} from "./fields.js";

const agent = (meta: Record<string, unknown>): Item =>
  ({
    kind: "agent",
    name: "a",
    id: "agent:a",
    pack: "p",
    description: "An agent.",
    meta,
    body: "",
  }) as unknown as Item;

const claudeAgent = HOSTS["claude-code"].targets.agent;
const claudeCommand = HOSTS["claude-code"].targets.command;

describe("model", () => {
  it("keeps a Claude alias or id for Claude Code, maps library tiers, and drops what a host cannot name", () => {
    expect(
      ["sonnet", "opus", "haiku", "balanced", "inherit", "claude-opus-4-1"].map((m) =>
        modelFor(m, claudeAgent),
      ),
    ).toEqual(["sonnet", "opus", "haiku", "sonnet", "inherit", "claude-opus-4-1"]);
    expect(modelFor("claude-sonnet-4-5", claudeCommand)).toBe("claude-sonnet-4-5");
    expect(modelFor("sonnet", HOSTS.copilot.targets.agent)).toBeUndefined();
    expect(modelFor("anthropic/claude-sonnet-4-5", HOSTS.opencode.targets.agent)).toBe(
      "anthropic/claude-sonnet-4-5",
    );
    expect(modelFor("claude-sonnet-4-5", HOSTS.opencode.targets.agent)).toBeUndefined();
  });
});

describe("argument-hint", () => {
  it("puts the YAML list form (`argument-hint: [pr]`) back into its brackets and keeps strings", () => {
    expect([argumentHint(["pr-number"]), argumentHint(["a", "[b]"]), argumentHint("<issue> [p]")]).toEqual([
      "[pr-number]",
      "[a] [b]",
      "<issue> [p]",
    ]);
    expect(argumentHint([])).toBeUndefined();
  });
});

describe("agent tools per host", () => {
  it("sorts Claude tool names into classes, patterns and unknowns", () => {
    const c = classifyTools(["Read", "Bash(git log:*)", "mcp__db__query", "WebFetch"]);
    expect({ classes: [...c.classes], scoped: c.scoped, other: c.other }).toEqual({
      classes: ["read", "shell", "web"],
      scoped: ["Bash(git log:*)"],
      other: ["mcp__db__query"],
    });
  });

  it("turns Claude shell patterns into OpenCode bash patterns, only when the whole tool is not also allowed", () => {
    expect(toolPatterns(["Read", "Bash(git log:*)", "Bash(npm test)"], "shell")).toEqual([
      "git log*",
      "npm test",
    ]);
    expect(toolPatterns(["Bash", "Bash(git log:*)"], "shell")).toBeUndefined();
    expect(toolPatterns(["Read"], "shell")).toBeUndefined();
    expect(hostTools(["Read", "Edit", "Write", "Bash(npm test)"], HOSTS.opencode.targets.agent)).toEqual({
      map: { bash: { "*": "deny", "npm test": "allow" }, webfetch: "deny" },
    });
  });

  it("writes each host's own form from the host module's table", () => {
    const ro = ["Read", "Grep", "Glob"];
    expect(hostTools(ro, HOSTS["gemini-cli"].targets.agent)).toEqual(
      HOSTS["gemini-cli"].targets.agent.tools.names.read,
    );
    expect(hostTools(["Read", "Edit"], HOSTS.copilot.targets.agent)).toEqual(["read", "search", "edit"]);
    expect(hostTools(["Read", "Bash"], HOSTS.opencode.targets.agent)).toEqual({
      map: { edit: "deny", webfetch: "deny" },
    });
    expect(hostTools(ro, HOSTS.cursor.targets.agent)).toBe(true);
    expect(hostTools(["Read", "Bash"], HOSTS.cursor.targets.agent)).toBeUndefined();
    expect(hostTools(ro, HOSTS.codex.targets.agent)).toBe("read-only");
    expect(hostTools(undefined, HOSTS.cursor.targets.agent)).toBeUndefined();
  });

  it("says what a host cannot express, and warns only when the agent gains a shell or file changes", () => {
    const rw = agent({ tools: ["Read", "Write"] });
    expect(toolGaps(rw, claudeAgent, "Claude Code")).toBeUndefined();
    expect(toolGaps(agent({ tools: "Read, Grep" }), HOSTS.cursor.targets.agent, "Cursor")).toBeUndefined();
    expect(toolGaps(rw, HOSTS.copilot.targets.agent, "Copilot")).toEqual({
      message:
        "Copilot cannot express all of the agent's tools: edit cannot be withheld (the same permission as what it lists)",
      widens: false, // edit and write as one permission: a note, not a warning
    });
    expect(toolGaps(rw, HOSTS.cursor.targets.agent, "Cursor")?.widens).toBe(true); // gains the shell
    expect(toolGaps(rw, HOSTS.codex.targets.agent, "Codex")?.message).toBe(
      "Codex can only make an agent read-only: this one lists write, so it runs with full access (edit, shell too)",
    );
    expect(toolGaps(agent({ tools: ["Read"] }), HOSTS.devin.targets.agent, "Windsurf")).toEqual({
      message: "Windsurf has no per-agent tool restriction: the agent runs with full access, not only Read",
      widens: true,
    });
    expect(toolGaps(agent({}), HOSTS.devin.targets.agent, "Windsurf")).toBeUndefined();
  });
});

describe("Claude Code command fields", () => {
  it("keeps allowed-tools in the form written, model and argument-hint", () => {
    const cmd = (meta: Record<string, unknown>) => ({ ...agent(meta), kind: "command" }) as Item;
    const list = ["Bash(git add:*)", "Read"];
    expect(
      mapFields(
        claudeCommand.fields,
        cmd({ "allowed-tools": list, model: "haiku", "argument-hint": ["msg"] }),
        claudeCommand,
      ),
    ).toEqual([
      ["description", "An agent."],
      ["argument-hint", "[msg]"],
      ["allowed-tools", list],
      ["model", "haiku"],
    ]);
    expect(
      mapFields(claudeCommand.fields, cmd({ "allowed-tools": "Bash(git add:*) Read" }), claudeCommand),
    ).toContainEqual(["allowed-tools", "Bash(git add:*) Read"]);
  });
});

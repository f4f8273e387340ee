import { describe, expect, it } from "vitest";
import { sha256 } from "../core/hash.js";
import { HOSTS } from "../hosts/registry.js";
import type { Item } from "../model/item.js";
import { renderMarkdown, withComposed } from "../render/formats.js";
import {
  composePrompt,
  DEFAULT_LIMITS,
  expertiseSection,
  hostLimits,
  moduleSection,
  nestHeadings,
  preloadField,
  proofRecord,
} from "./deliver.js";
import { resolveModules } from "./resolve.js";

describe("per-host delivery", () => {
  it("Claude Code preloads skills; hosts without the field inline", () => {
    expect(preloadField(HOSTS["claude-code"])).toBe("skills");
    for (const id of ["cursor", "codex", "copilot", "gemini-cli", "opencode"] as const)
      expect(preloadField(HOSTS[id]), id).toBeUndefined();
  });

  it("limits come from the host's size limits, narrowed by the role's own body", () => {
    expect(hostLimits(undefined, 0)).toEqual(DEFAULT_LIMITS);
    expect(hostLimits(HOSTS["claude-code"], 50_000)).toEqual(DEFAULT_LIMITS);
    const copilot = hostLimits(HOSTS.copilot, 6_000);
    const cap = HOSTS.copilot.limits.agentBodyChars;
    expect(copilot.chars).toBe(cap - 6_000 - 400);
    expect(copilot.tokens).toBe(Math.floor((cap - 6_400) / 4));
    expect(hostLimits(HOSTS.copilot, 6_000, { tokens: 100, maxModules: 2 })).toMatchObject({
      tokens: 100,
      maxModules: 2,
    });
    expect(hostLimits(HOSTS.copilot, 40_000).chars).toBe(0);
  });
});

describe("composed text", () => {
  it("nests headings outside code only", () => {
    const body = "# Title\n\n## Part\n\n```md\n# not a heading\n```\n";
    expect(nestHeadings(body, 2)).toBe("### Title\n\n#### Part\n\n```md\n# not a heading\n```\n");
  });

  it("a module section carries its title and name; the prompt is the role's body, then the section", () => {
    const m = {
      name: "component-design",
      description: "d",
      body: "# Component design\n\n## When\n\nText.\n",
    };
    expect(moduleSection(m)).toBe("### Component design (component-design)\n\n#### When\n\nText.\n");
    const section = expertiseSection([m], ["react", "next"]);
    expect(section).toMatch(
      /^## Expertise\n\nReference material composed by cadre for this project's stacks \(react, next\)/,
    );
    expect(composePrompt("\nYou are the executor.\n\n", section)).toBe(`You are the executor.\n\n${section}`);
    expect(expertiseSection([], [])).toBe("");
    expect(composePrompt("Body", "")).toBe("Body\n");
  });

  it("the proof hashes the prompt and carries the resolution", () => {
    const r = resolveModules({
      map: { version: 1, always: { executor: ["a"] }, auto: {}, stacks: {}, concerns: {} },
      role: "executor",
      stacks: [],
      concerns: [],
      size: () => ({ tokens: 5, chars: 20 }),
      limits: DEFAULT_LIMITS,
    });
    const p = proofRecord(r, {
      stacks: [],
      concerns: [{ concern: "auth", from: "flag" }],
      prompt: "P",
      promptTokens: 1,
    });
    expect(p).toMatchObject({
      version: 1,
      role: "executor",
      moduleTokens: 5,
      promptTokens: 1,
      sha256: sha256("P"),
    });
    expect(p.kept.map((k) => k.module)).toEqual(["a"]);
  });
});

const agent: Item = {
  id: "agent:executor",
  kind: "agent",
  name: "executor",
  pack: "builtin",
  path: "agents/executor.md",
  description: "Runs the plan.",
  meta: { name: "executor", description: "Runs the plan.", tools: ["Read"] },
  body: "You are the executor.\n",
  text: "",
  hash: "h",
  files: ["agents/executor.md"],
  tags: [],
  tokens: 10,
} as unknown as Item;

describe("withComposed (render)", () => {
  const target = HOSTS["claude-code"].targets.agent;

  it("a preloading host lists the skills in the agent's frontmatter", () => {
    const ri = {
      item: agent,
      composed: new Map([["claude-code", { append: "", preload: { field: "skills", skills: ["a", "b"] } }]]),
    };
    const w = withComposed(ri, "claude-code", target);
    const [f] = renderMarkdown(w.ri, w.target, ".claude/agents/executor.md");
    expect(String(f?.content)).toMatch(
      /\ncolor: .*\n?skills:\n {2}- a\n {2}- b\n---\n|skills:\n {2}- a\n {2}- b\n/,
    );
    expect(String(f?.content)).toContain("You are the executor.");
  });

  it("another host gets the text inlined; a host it has nothing for is unchanged", () => {
    const ri = { item: agent, composed: new Map([["cursor", { append: "## Expertise\n\nX\n" }]]) };
    const cursor = HOSTS.cursor.targets.agent;
    const w = withComposed(ri, "cursor", cursor);
    expect(w.ri.item.body).toBe("You are the executor.\n\n## Expertise\n\nX\n");
    expect(w.target).toBe(cursor);
    expect(withComposed(ri, "claude-code", target).ri).toBe(ri);
  });
});

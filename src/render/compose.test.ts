// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references in MCP configs are what these tests check
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { HOSTS } from "../hosts/registry.js";
import type { Item } from "../model/item.js";
import { renderAll } from "./compose.js";
import { renderIndexBlock } from "./index-block.js";

function item(kind: Item["kind"], name: string, meta: Record<string, unknown> = {}): Item {
  const description = `The ${name} ${kind}, for tests.`;
  return {
    id: `${kind}:${name}`,
    kind,
    name,
    pack: "p",
    path: kind === "skill" ? `skills/${name}/SKILL.md` : `${kind}s/${name}.md`,
    dir: kind === "skill" ? `skills/${name}` : undefined,
    meta: { name, description, ...meta },
    body: "Body.\n",
    bodyLine: 4,
    text: `---\nname: ${name}\ndescription: ${description}\n---\nBody.\n`,
    description,
    tags: [],
    files: [kind === "skill" ? `skills/${name}/SKILL.md` : `${kind}s/${name}.md`],
    hash: "h",
    tokens: 10,
  };
}

const env = { scope: "project" as const, home: "/home/u" };

describe("renderAll", () => {
  it("shares one .agents/skills copy between hosts that read it", () => {
    const { desired } = renderAll(
      [{ item: item("skill", "tdd") }],
      [HOSTS.codex, HOSTS.cursor, HOSTS["gemini-cli"]],
      env,
    );
    const skills = desired.filter((d) => d.path.endsWith("SKILL.md"));
    expect(skills.map((d) => d.path)).toEqual([".agents/skills/tdd/SKILL.md"]);
    expect(skills[0]?.hosts).toEqual(["codex", "cursor", "gemini-cli"]);
  });

  it("installs an item named like a host's built-in command as <pack>-<name> on every host, and its @name references follow", () => {
    const review = item("command", "review");
    const verify = item("skill", "verify");
    verify.body = "Then run @review, or `@review`.\n";
    verify.text = `---\nname: verify\ndescription: ${verify.description}\n---\n${verify.body}`;
    // Cursor has no built-in /review: the name is the same there, so it never changes when a host is added
    const r = renderAll([{ item: review }, { item: verify }], [HOSTS["claude-code"], HOSTS.cursor], env);
    expect(r.desired.map((d) => d.path).sort()).toEqual([
      ".claude/commands/p-review.md",
      ".claude/skills/verify/SKILL.md",
      ".cursor/commands/p-review.md", // Cursor reads the skill from .claude/skills
    ]);
    const skill = r.desired.find((d) => d.path === ".claude/skills/verify/SKILL.md");
    expect(skill?.type === "file" && skill.content).toContain(
      "Then run the `/p-review` command, or the `/p-review` command.",
    );
    const notes = r.notes.filter((n) => n.item === "p/command:review").map((n) => `${n.host}: ${n.message}`);
    expect(notes).toEqual([
      "claude-code: installed as p-review: /review is a built-in command of Claude Code, OpenAI Codex, GitHub Copilot and OpenCode",
      "cursor: installed as p-review: /review is a built-in command of Claude Code, OpenAI Codex, GitHub Copilot and OpenCode",
    ]);
    // a name that is no host's built-in keeps its name
    expect(
      renderAll([{ item: item("command", "triage") }], [HOSTS["claude-code"]], env).desired[0]?.path,
    ).toBe(".claude/commands/triage.md");
  });

  it("refuses item names that are not safe file names", () => {
    const r = renderAll([{ item: item("agent", "../evil") }], [HOSTS["claude-code"]], env);
    expect(r.desired).toEqual([]);
    expect(r.notes.some((n) => n.level === "warning" && /not installed/.test(n.message))).toBe(true);
  });

  it("installs names hosts take as file names (clean_gone, powershell-5.1-expert); refuses a Windows device name", () => {
    const r = renderAll(
      [
        { item: item("command", "clean_gone") },
        { item: item("agent", "powershell-5.1-expert") },
        { item: item("rule", "aux") },
      ],
      [HOSTS["claude-code"]],
      env,
    );
    expect(r.desired.map((d) => d.path).sort()).toEqual([
      ".claude/agents/powershell-5.1-expert.md",
      ".claude/commands/clean_gone.md",
    ]);
    expect(r.notes.filter((n) => /not installed/.test(n.message)).map((n) => n.item)).toEqual(["p/rule:aux"]);
  });

  it("a skill name still follows the Agent Skills rule hosts enforce", () => {
    const r = renderAll([{ item: item("skill", "Pdf_Tools") }], [HOSTS["claude-code"]], env);
    expect(r.desired).toEqual([]);
  });

  it("writes rules degraded to an index into AGENTS.md, within half the host's size limit", () => {
    const rules = Array.from({ length: 400 }, (_, i) => item("rule", `rule-${i}`, { activation: "always" }));
    const r = renderAll(
      rules.map((x) => ({ item: x })),
      [HOSTS.codex],
      env,
    );
    const block = r.desired.find((d) => d.path === "AGENTS.md");
    expect(block?.type).toBe("block");
    expect(new TextEncoder().encode(block?.type === "block" ? block.content : "").length).toBeLessThanOrEqual(
      16 * 1024,
    );
    expect(r.notes.some((n) => /left out to stay within/.test(n.message))).toBe(true);
  });

  it("is deterministic whatever the input order", () => {
    const items = [item("skill", "b"), item("agent", "a"), item("rule", "c", { activation: "model" })].map(
      (x) => ({ item: x }),
    );
    const hosts = [HOSTS["claude-code"], HOSTS.copilot, HOSTS.codex];
    expect(renderAll([...items].reverse(), hosts, env)).toEqual(renderAll(items, hosts, env));
  });
});

describe("renderIndexBlock", () => {
  it("lists pointers, not bodies", () => {
    const { content } = renderIndexBlock([
      {
        item: item("rule", "x", { activation: "glob", globs: ["src/**"] }),
        path: ".agents/rules/x.md",
        qid: "p/rule:x",
      },
    ]);
    expect(content).toContain("- [x](.agents/rules/x.md) (rule, for files matching `src/**`)");
    expect(content).not.toContain("Body.");
  });
});

describe("namespacing: one host name, several items (issue 10 item 6)", () => {
  const from = (pack: string, it: Item): Item => ({ ...it, pack });
  const hosts = [HOSTS["claude-code"], HOSTS["gemini-cli"]];

  it("installs two packs' help commands as <pack>-help in Claude Code and Gemini CLI, with a note", () => {
    const r = renderAll(
      [
        { item: from("deckhand", item("command", "help")) },
        { item: from("harbour", item("command", "help")) },
      ],
      hosts,
      env,
    );
    const paths = r.desired.map((d) => d.path);
    expect(paths).toEqual([
      ".claude/commands/deckhand-help.md",
      ".claude/commands/harbour-help.md",
      ".gemini/commands/deckhand-help.toml",
      ".gemini/commands/harbour-help.toml",
    ]);
    const claude = r.desired.find((d) => d.path === ".claude/commands/harbour-help.md");
    expect(claude?.items).toEqual(["harbour/command:help"]);
    expect(
      r.notes.filter((n) => n.message.startsWith("installed as")).map((n) => `${n.host} ${n.message}`),
    ).toEqual([
      "claude-code installed as deckhand-help: help is also the name of harbour/command:help",
      "claude-code installed as harbour-help: help is also the name of deckhand/command:help",
      "gemini-cli installed as deckhand-help: help is also the name of harbour/command:help",
      "gemini-cli installed as harbour-help: help is also the name of deckhand/command:help",
    ]);
  });

  it("writes a renamed skill's name through YAML quoting (issue 11 item 2: 2026-01-01 is a date to YAML 1.1)", () => {
    const r = renderAll(
      [{ item: from("2026", item("skill", "01-01")) }, { item: from("harbour", item("skill", "01-01")) }],
      [HOSTS["claude-code"]],
      env,
    );
    const d = r.desired.find((x) => x.path === ".claude/skills/2026-01-01/SKILL.md");
    const text = d?.type === "file" ? String(d.content) : "";
    const fm = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? "";
    expect(parse(fm, { version: "1.1" }).name).toBe("2026-01-01");
    expect(parse(fm).name).toBe("2026-01-01");
  });

  it("gives a skill and a command of one name distinct names, and leaves a lone item's name alone", () => {
    const r = renderAll(
      [
        { item: item("skill", "setup") },
        { item: item("command", "setup") },
        { item: item("command", "brew") },
      ],
      [HOSTS["claude-code"]],
      env,
    );
    expect(r.desired.map((d) => d.path)).toEqual([
      ".claude/commands/brew.md",
      ".claude/commands/setup-command.md",
      ".claude/skills/setup-skill/SKILL.md",
    ]);
    const skill = r.desired.find((d) => d.path.endsWith("SKILL.md"));
    expect(skill?.type === "file" && String(skill.content)).toContain("name: setup-skill");
  });

  it("two packs' MCP servers of one name are both configured, as <pack>-<name>", () => {
    const server = (pack: string) =>
      from(pack, item("mcp", "forecast", { transport: "http", url: `https://${pack}.example/mcp` }));
    const r = renderAll([{ item: server("a") }, { item: server("b") }], [HOSTS["claude-code"]], env);
    const keys = r.desired.find((d) => d.path === ".mcp.json");
    expect(keys?.type === "keys" && keys.entries.map((e) => e.key.join("."))).toEqual([
      "mcpServers.a-forecast",
      "mcpServers.b-forecast",
    ]);
  });
});

describe("plugin MCP servers (issue 10 item 5)", () => {
  it("keeps ${VAR} references as written, and does not install a server that needs ${CLAUDE_PLUGIN_ROOT}", () => {
    const remote = item("mcp", "charts", {
      transport: "http",
      url: "https://charts.example/mcp",
      headers: { Authorization: "Bearer ${CHARTS_TOKEN}" },
    });
    const local = item("mcp", "radar", {
      transport: "stdio",
      command: "node",
      args: ["${CLAUDE_PLUGIN_ROOT}/server/radar.js"],
    });
    const r = renderAll(
      [{ item: remote }, { item: local }],
      [HOSTS["claude-code"], HOSTS["gemini-cli"]],
      env,
    );
    const entries = r.desired.flatMap((d) => (d.type === "keys" ? d.entries : []));
    expect(entries.map((e) => e.key.join("."))).toEqual(["mcpServers.charts", "mcpServers.charts"]);
    expect(JSON.stringify(entries)).toContain("Bearer ${CHARTS_TOKEN}");
    expect(JSON.stringify(r.desired)).not.toContain("CLAUDE_PLUGIN_ROOT");
    const refused = r.notes.filter((n) => n.item === "p/mcp:radar");
    expect(refused.map((n) => n.host)).toEqual(["claude-code", "gemini-cli"]);
    expect(refused[0]).toMatchObject({ level: "warning" });
    expect(refused[0]?.message).toMatch(/^not installed: .*CLAUDE_PLUGIN_ROOT/);
  });
});

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toRenderItems } from "../../src/app/render-items.js";
import type { DesiredFile } from "../../src/hosts/output.js";
import { HOSTS } from "../../src/hosts/registry.js";
import { parseFrontmatter } from "../../src/core/frontmatter.js";
import type { Item } from "../../src/model/item.js";
import { renderAll, type RenderResult } from "../../src/render/compose.js";
import type { RenderItem } from "../../src/render/formats.js";
import { loadPack } from "../../src/sources/load.js";
import { staleGoldens } from "./stale.js";

/**
 * A Claude-plugin-shaped pack (agents with tool lists, model aliases and colours; commands with
 * allowed-tools, model and both forms of argument-hint; a skill with scripts) rendered for the six hosts
 * that take agents natively. Golden files in __faithful__/<host>/.
 */
const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "..", "fixtures", "faithful-plugin");
const SIX = ["claude-code", "gemini-cli", "opencode", "copilot", "cursor", "codex"] as const;

let items: RenderItem[] = [];
const out = new Map<string, RenderResult>();
beforeAll(async () => {
  const pack = await loadPack(fixture, { cwd: here });
  items = await toRenderItems(pack.items, [pack], here);
  for (const id of SIX) out.set(id, renderAll(items, [HOSTS[id]], { home: "/home/user", scope: "project" }));
});

const item = (kind: string, name: string): Item => {
  const ri = items.find((r) => r.item.kind === kind && r.item.name === name);
  if (!ri) throw new Error(`fixture has no ${kind}:${name}`);
  return ri.item;
};
const file = (host: string, path: string): DesiredFile => {
  const d = out.get(host)?.desired.find((x) => x.path === path);
  if (!d || d.type !== "file") throw new Error(`${host} did not render ${path}`);
  return d;
};
const front = (host: string, path: string): Record<string, unknown> => {
  const text = file(host, path).content as string;
  // Parsed by the yaml library itself, under both YAML versions hosts use.
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? "";
  expect(parse(fm, { version: "1.1" })).toEqual(parse(fm));
  return parse(fm) as Record<string, unknown>;
};

describe.each(SIX.map((h) => [h]))("%s", (host) => {
  it("matches its golden files", async () => {
    for (const d of out.get(host)?.desired ?? []) {
      if (d.type !== "file") continue;
      const shown = typeof d.content === "string" ? d.content : `<${d.content.length} bytes>\n`;
      await expect(shown).toMatchFileSnapshot(join("__faithful__", host, d.path));
    }
  });

  it("installs the skill's scripts executable, and only them", () => {
    const exec = (out.get(host)?.desired ?? [])
      .filter((d): d is DesiredFile => d.type === "file" && d.path.includes("/web-preview/"))
      .map((d) => [d.path.replace(/^.*\/web-preview\//, ""), !!d.executable]);
    expect(Object.fromEntries(exec)).toEqual({
      "SKILL.md": false,
      "scripts/README.md": false,
      "scripts/port.py": true, // a #! line without the bit in the pack
      "scripts/start-server.sh": true, // the bit in the pack
    });
  });
});

it("every faithful golden file is produced by some host", () => {
  const produced = SIX.flatMap((h) =>
    (out.get(h)?.desired ?? []).filter((d) => d.type === "file").map((d) => join(here, "__faithful__", h, d.path)),
  );
  expect(staleGoldens(join(here, "__faithful__"), produced)).toEqual([]);
});

describe("host keys survive for the host they belong to", () => {
  it("Claude Code agents keep tools, model alias and color as the pack wrote them", () => {
    for (const name of ["change-auditor", "release-scribe"]) {
      const src = item("agent", name).meta;
      const fm = front("claude-code", `.claude/agents/${name}.md`);
      const tools = Array.isArray(src.tools) ? src.tools.join(", ") : src.tools;
      expect({ tools: fm.tools, model: fm.model, color: fm.color }).toEqual({
        tools,
        model: src.model,
        color: src.color,
      });
    }
  });

  it("Claude Code commands keep allowed-tools (either form), model and argument-hint (either form)", () => {
    const review = item("command", "review-pr").meta;
    expect(Array.isArray(review["argument-hint"])).toBe(true); // `[pr-number]` is a YAML list
    const fm = front("claude-code", ".claude/commands/review-pr.md");
    expect(fm).toMatchObject({ "allowed-tools": review["allowed-tools"], model: review.model });
    expect(fm["argument-hint"]).toBe(`[${(review["argument-hint"] as string[])[0]}]`);
    const triage = item("command", "triage").meta;
    expect(front("claude-code", ".claude/commands/triage.md")).toMatchObject({
      "allowed-tools": triage["allowed-tools"],
      model: triage.model,
      "argument-hint": triage["argument-hint"],
    });
  });

  it("other hosts get neither Claude's allowed-tools nor a Claude model id", () => {
    const fm = front("opencode", ".opencode/commands/triage.md");
    expect(fm["allowed-tools"]).toBeUndefined();
    expect(fm.model).toBeUndefined();
    expect(front("opencode", ".opencode/agents/change-auditor.md").color).toBeUndefined();
  });
});

describe("a read-only tool list stays read-only where the host can say so", () => {
  it("maps Read, Grep, Glob into each host's own field", () => {
    expect(front("gemini-cli", ".gemini/agents/change-auditor.md").tools).toEqual(
      HOSTS["gemini-cli"].targets.agent.tools.names.read,
    );
    expect(front("copilot", ".github/agents/change-auditor.agent.md").tools).toEqual(["read", "search"]);
    expect(front("opencode", ".opencode/agents/change-auditor.md").permission).toEqual({
      edit: "deny",
      bash: "deny",
      webfetch: "deny",
    });
    expect(front("cursor", ".cursor/agents/change-auditor.md").readonly).toBe(true);
    expect(file("codex", ".codex/agents/change-auditor.toml").content).toMatch(/^sandbox_mode = "read-only"$/m);
  });

  it("a writing agent is not made read-only, and what a host cannot express is in the notes", () => {
    expect(front("cursor", ".cursor/agents/release-scribe.md").readonly).toBeUndefined();
    expect(file("codex", ".codex/agents/release-scribe.toml").content).not.toMatch(/sandbox_mode/);
    const notes = (host: string) =>
      (out.get(host)?.notes ?? []).filter((n) => n.item === "faithful/agent:release-scribe").map((n) => n.message);
    expect(notes("claude-code")).toEqual([]);
    expect(notes("cursor").join("\n")).toMatch(/only make an agent read-only.*full access/);
    expect(notes("codex").join("\n")).toMatch(/only make an agent read-only.*full access/);
    // OpenCode keeps the pattern (`bash: {"*": deny, "git log*": allow}`) but has one permission for edit and write.
    expect(front("opencode", ".opencode/agents/release-scribe.md").permission).toEqual({
      bash: { "*": "deny", "git log*": "allow" },
      webfetch: "deny",
    });
    expect(notes("opencode").join("\n")).toMatch(/edit cannot be withheld/);
    expect(notes("opencode").join("\n")).not.toMatch(/git log/);
    expect(notes("gemini-cli").join("\n")).toMatch(/Bash\(git log:\*\) becomes the whole tool/);
    expect(notes("copilot").join("\n")).toMatch(/edit cannot be withheld/);
  });
});

describe("frontmatter re-parses to the values rendered", () => {
  it("keeps awkward strings as strings under YAML 1.1 and 1.2", async () => {
    const { renderFrontmatter } = await import("../../src/render/frontmatter.js");
    const values = ["yes", "on", "0o17", "1:20", "*.ts", "a: b", "[x]", "- y", "it's", "@a", "~", "", "#c"];
    const text = renderFrontmatter(values.map((v, i) => [`k${i}`, v]));
    const { data, errors } = parseFrontmatter(`${text}body\n`);
    expect(errors).toEqual([]);
    expect(values.map((_, i) => data?.[`k${i}`])).toEqual(values);
    const fm = text.replace(/^---\n|---\n$/g, "");
    expect(Object.values(parse(fm, { version: "1.1" }))).toEqual(values);
  });
});

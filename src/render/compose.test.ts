import { describe, expect, it } from "vitest";
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

  it("refuses item names that are not safe file names", () => {
    const r = renderAll([{ item: item("agent", "../evil") }], [HOSTS["claude-code"]], env);
    expect(r.desired).toEqual([]);
    expect(r.notes.some((n) => n.level === "warning" && /not installed/.test(n.message))).toBe(true);
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

import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractCodeBlocks, type Section, splitSections } from "../../../src/core/markdown.js";
import { LIBRARY, library } from "../load.js";
import { SCENARIOS, type Scenario } from "./scenarios.js";

const flat = (s: string) => s.replace(/\s+/g, " ").toLowerCase();
const has = (text: string, phrase: string) => flat(text).includes(flat(phrase));

/** The level-2 section whose title starts with `prefix`, with its nested subsections folded in. */
function section(sections: Section[], prefix: string): Section | undefined {
  const i = sections.findIndex(
    (s) => s.level === 2 && s.title.toLowerCase().startsWith(prefix.toLowerCase()),
  );
  if (i < 0) return undefined;
  const first = sections[i] as Section;
  let content = first.content;
  for (let j = i + 1; j < sections.length && (sections[j] as Section).level > 2; j++) {
    const s = sections[j] as Section;
    content += `\n${"#".repeat(s.level)} ${s.title}\n${s.content}`;
  }
  return { ...first, content };
}

/** Each fenced block of a section with the paragraph that introduces it. */
function templates(content: string): Array<{ intro: string; code: string }> {
  const lines = content.split("\n");
  return extractCodeBlocks(content).map((b) => {
    const before: string[] = [];
    let i = b.line - 2;
    while (i >= 0 && (lines[i] ?? "").trim() === "") i--;
    for (; i >= 0 && (lines[i] ?? "").trim() !== ""; i--) before.unshift(lines[i] ?? "");
    return { intro: before.join(" "), code: b.code };
  });
}

/** Quoted thoughts listed under "Red flags". */
const thoughts = (content: string) =>
  content
    .split("\n")
    .map((l) => /^- "(.+)"$/.exec(l.trim())?.[1])
    .filter((t): t is string => t !== undefined);

describe("process skills: structural behavioural evals", async () => {
  const cat = await library();
  const process = cat.items.filter((i) => i.kind === "skill" && i.category === "process");

  it("every process skill has a scenario, and every scenario a skill", () => {
    expect(process.map((i) => i.name).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  describe.each(Object.entries(SCENARIOS))("%s", (name, sc: Scenario) => {
    const item = process.find((i) => i.name === name);
    const sections = splitSections(item?.body ?? "");
    const need = (prefix: string) => {
      const s = section(sections, prefix);
      if (!s) throw new Error(`${name}: no "## ${prefix}…" section (${item?.path ?? "missing skill"})`);
      return s;
    };

    it(`gate: "${sc.temptation}" is ruled out by a bold "No …" rule`, () => {
      const gate = need("Gate");
      expect(gate.title).toMatch(/^Gate: no /);
      const rule = /\*\*(No [\s\S]+?)\*\*/.exec(gate.content)?.[1];
      expect(rule, `${name}: Gate has no bold "No …" rule`).toBeDefined();
      for (const p of sc.gate) expect(has(rule ?? "", p), `gate rule lacks "${p}": ${rule}`).toBe(true);
    });

    it("gate names the verification step that passes it", () => {
      const gate = need("Gate").content;
      for (const p of sc.evidence) expect(has(gate, p), `Gate lacks "${p}"`).toBe(true);
    });

    it("states the exact output shape", () => {
      const out = need("Output").content;
      const shape = extractCodeBlocks(out)
        .map((b) => b.code)
        .join("\n");
      expect(shape, `${name}: Output has no fenced shape`).not.toBe("");
      for (const f of sc.output) expect(has(shape, f), `Output shape lacks "${f}"`).toBe(true);
      if (sc.rollback) expect(has(shape, "rollback")).toBe(true);
      if (sc.traces) expect(/\bAC\d|criteri/i.test(shape)).toBe(true);
    });

    it("names where its plans and notes are saved, with real artifact kinds", () => {
      const where = need("Where it goes").content;
      expect(has(where, sc.save), `"Where it goes" lacks "${sc.save}"`).toBe(true);
      for (const m of item?.body.matchAll(/cadre artifact new ([a-z-]+)/g) ?? []) {
        expect(existsSync(join(LIBRARY, "templates", `${m[1]}.md`)), `no template for kind ${m[1]}`).toBe(
          true,
        );
      }
    });

    it("bans placeholders", () => {
      const ban = need("No placeholders").content;
      expect(ban.trim().length).toBeGreaterThan(40);
      expect(/"[^"]+"/.test(ban), "the ban quotes at least one banned phrase").toBe(true);
    });

    it(`lists red-flag thoughts, including the temptation ("${sc.redFlag}")`, () => {
      const t = thoughts(need("Red flags").content);
      expect(t.length).toBeGreaterThanOrEqual(4);
      expect(t.some((x) => has(x, sc.redFlag))).toBe(true);
    });

    it("keeps its when-not-to-use section", () => {
      expect(need("When not to use").content.trim()).not.toBe("");
    });

    it(
      sc.templates ? "carries fill-in prompt templates for the subagents it dispatches" : "dispatches no one",
      () => {
        const pt = section(sections, "Prompt templates");
        if (!sc.templates) return expect(pt).toBeUndefined();
        const found = templates(need("Prompt templates").content);
        for (const label of sc.templates) {
          const t = found.find((x) => has(x.intro, label));
          expect(t, `${name}: no template introduced by "${label}"`).toBeDefined();
          expect(
            (t?.code.match(/<[^<>\n]+>/g) ?? []).length,
            `"${label}" has few fill-in fields`,
          ).toBeGreaterThanOrEqual(4);
          expect(/^Return/m.test(t?.code ?? ""), `"${label}" states no return format`).toBe(true);
        }
      },
    );
  });
});

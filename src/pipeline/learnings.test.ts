import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFrontmatter } from "../core/frontmatter.js";
import { RuleSchema } from "../model/kinds.js";
import {
  fromArtifact,
  ID_MAX,
  idProblem,
  type Learning,
  learningId,
  parseLearning,
  renderLearning,
  ruleOf,
} from "./learnings.js";

const base: Learning = {
  id: "check-migrations",
  statement: "Check the migrations before planning data changes. They were missed twice.",
  scope: "project",
  confidence: 0.6,
  evidence: ["review-report F-2", "commit abc123"],
  kind: "pitfall",
  proposed_at: "2026-01-01T00:00:00.000Z",
};

describe("learnings", () => {
  it("ids come from the statement, sanitised and cut at a word", () => {
    expect(learningId("Don't `rm -rf` ../ paths!")).toBe("don-t-rm-rf-paths");
    expect(learningId("..//")).toBeUndefined();
    const long = learningId("word ".repeat(40)) as string;
    expect(long.length).toBeLessThanOrEqual(ID_MAX);
    expect(idProblem(long)).toBeUndefined();
    expect(idProblem("../etc")).toMatch(/not an id/);
    expect(idProblem("A")).toMatch(/not an id/);
  });

  it("round-trips through its file", () => {
    const text = renderLearning(base);
    expect(parseLearning(text, "f.md", base.id)).toEqual(base);
  });

  it("names the file and the line of a bad field", () => {
    const text = renderLearning(base).replace("confidence: 0.6", "confidence: high");
    const line = text.split("\n").findIndex((l) => l.startsWith("confidence:")) + 1;
    expect(() => parseLearning(text, "p/x.md", base.id)).toThrow(
      `p/x.md:${line}: confidence is not a number from 0 to 1`,
    );
    expect(() => parseLearning("no frontmatter", "p/y.md", "y")).toThrow("p/y.md:1: no frontmatter");
    expect(() => parseLearning("---\nid: [\n---\n", "p/z.md", "z")).toThrow(/^p\/z\.md:\d+: /);
    expect(() => parseLearning(renderLearning(base), "p/other.md", "other")).toThrow(
      /is not the file's name 'other'/,
    );
    const empty = `${renderLearning({ ...base })
      .split("---\n")
      .slice(0, 2)
      .join("---\n")}---\n\n`;
    expect(() => parseLearning(empty, "p/e.md", base.id)).toThrow(/statement \(the body\) is empty/);
  });

  it("an accepted learning is a valid always-on rule naming its evidence", () => {
    const r = ruleOf({ ...base, decided_at: "2026-02-03T00:00:00.000Z", run: "r1" });
    expect(r.name).toBe("learning-check-migrations");
    const fm = parseFrontmatter(r.text);
    expect(RuleSchema.safeParse(fm.data).success).toBe(true);
    expect(fm.data).toMatchObject({ activation: "always", tags: ["learning", "project"] });
    expect(String(fm.data?.description)).toContain("Check the migrations before planning data changes.");
    expect(fm.body).toContain("- review-report F-2");
    expect(fm.body).toContain("from run r1 · accepted 2026-02-03");
  });

  it("takes the lessons still proposed from a learn artifact, with their index", () => {
    const got = fromArtifact(
      {
        run_id: "r9",
        learnings: [
          {
            id: "L1",
            status: "accepted",
            statement: "x",
            scope: "project",
            confidence: 0.5,
            evidence: ["e"],
          },
          {
            id: "L2",
            status: "proposed",
            statement: "Pin the tool versions.",
            scope: "project",
            confidence: 0.5,
            evidence: ["e"],
          },
        ],
      },
      "2026-01-01T00:00:00.000Z",
    );
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ index: 1, learning: { id: "pin-the-tool-versions", run: "r9" } });
  });

  it("any statement, scope and evidence survive the file (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== "" && !/^-{3}/m.test(s) && !/\r/.test(s)),
        fc.array(
          fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
          { minLength: 1, maxLength: 4 },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (statement, evidence, confidence) => {
          const l = { ...base, statement: statement.trim(), evidence, confidence };
          expect(parseLearning(renderLearning(l), "f", l.id)).toEqual(l);
        },
      ),
    );
  });
});

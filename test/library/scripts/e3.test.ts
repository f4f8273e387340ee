import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { pythonWith, runPython } from "./python.js";

const skills = resolve(__dirname, "../../../library/skills");
const py = pythonWith([]);

function fixture(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cadre-e3-"));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("profiling-a-dataset/scripts/profile_csv.py", () => {
  const script = join(skills, "profiling-a-dataset/scripts/profile_csv.py");

  it("profiles types, nulls, cardinality and outliers", () => {
    const rows = ["id,amount,country,signup,active"];
    for (let i = 1; i <= 20; i++)
      rows.push(
        `${i},${i === 20 ? 5000 : 10 + i},${i % 3 === 0 ? "DE" : "US"},2024-01-${String(i).padStart(2, "0")},${i % 2 ? "true" : "false"}`,
      );
    rows.push("21,,NA,,true");
    const r = runPython(py, [script, fixture("data.csv", `${rows.join("\n")}\n`)]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.rows).toBe(21);
    const col = (n: string) => report.profile.find((c: { name: string }) => c.name === n);
    expect(col("id")).toMatchObject({ type: "integer", nulls: 0, distinct: 21, unique: true });
    expect(col("amount").type).toBe("integer");
    expect(col("amount").nulls).toBe(1);
    expect(col("amount").numeric.max).toBe(5000);
    expect(col("amount").numeric.outliers_iqr).toBe(1);
    expect(col("country")).toMatchObject({ type: "string", nulls: 1, distinct: 2 });
    expect(col("country").top_values[0]).toEqual({ value: "US", count: 14 });
    expect(col("signup").type).toBe("date");
    expect(col("active").type).toBe("boolean");
  });

  it("fails clearly on ragged rows and missing files", () => {
    const ragged = runPython(py, [script, fixture("bad.csv", "a,b\n1,2\n3\n")]);
    expect(ragged.status).toBe(2);
    expect(ragged.stderr).toMatch(/line 3: 1 fields, header has 2/);
    const missing = runPython(py, [script, "/nonexistent/x.csv"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot open/);
  });
});

describe("evaluating-classification-models/scripts/classification_metrics.py", () => {
  const script = join(skills, "evaluating-classification-models/scripts/classification_metrics.py");
  const csv = "label,score\n1,0.9\n1,0.8\n0,0.7\n1,0.6\n0,0.2\n0,0.1\n";

  it("computes confusion matrix, AUCs, Brier score and calibration", () => {
    const r = runPython(py, [script, fixture("preds.csv", csv), "--bins", "2"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.at_threshold.confusion_matrix).toEqual({ tp: 3, fp: 1, tn: 2, fn: 0 });
    expect(m.at_threshold.precision).toBe(0.75);
    expect(m.at_threshold.recall).toBe(1);
    expect(m.roc_auc).toBeCloseTo(8 / 9, 5);
    expect(m.average_precision).toBeCloseTo(11 / 12, 5);
    expect(m.brier_score).toBeCloseTo(0.125, 6);
    expect(m.calibration).toHaveLength(2);
    expect(m.calibration[1]).toMatchObject({ count: 4, positive_rate: 0.75 });
    expect(m.best_f1_threshold.threshold).toBe(0.6);
  });

  it("rejects a single-class file and a missing column", () => {
    const one = runPython(py, [script, fixture("one.csv", "label,score\n1,0.3\n1,0.9\n")]);
    expect(one.status).toBe(2);
    expect(one.stderr).toMatch(/both classes/);
    const col = runPython(py, [script, fixture("col.csv", "y,p\n1,0.3\n0,0.9\n")]);
    expect(col.status).toBe(2);
    expect(col.stderr).toMatch(/label, score not in header/);
    const nan = runPython(py, [script, fixture("nan.csv", "label,score\n0,0.2\n1,nan\n0,0.1\n")]);
    expect(nan.status).toBe(2);
    expect(nan.stderr).toMatch(/line 3: score 'nan' is not a finite number/);
  });
});

import type { Diagnostic } from "../core/diagnostics.js";
import { LOAD_RULES, RULES } from "./registry.js";

/** Render diagnostics as SARIF 2.1.0 (for GitHub code scanning and other viewers). */
export function toSarif(diagnostics: readonly Diagnostic[], version: string): object {
  const rules = [...LOAD_RULES, ...RULES].map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    help: { text: r.hint },
    defaultConfiguration: { level: level(r.severity) },
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "cadre", version, rules },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          level: level(d.severity),
          message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file },
                ...(d.line
                  ? { region: { startLine: d.line, ...(d.column ? { startColumn: d.column } : {}) } }
                  : {}),
              },
            },
          ],
        })),
      },
    ],
  };
}

function level(s: string): "error" | "warning" | "note" {
  return s === "error" ? "error" : s === "warning" ? "warning" : "note";
}

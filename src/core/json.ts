import { createRequire } from "node:module";
import type * as Jsonc from "jsonc-parser";
import { type Diagnostic, positionAt } from "./diagnostics.js";

export type JsonResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line: number; column: number };

let jsonc: typeof Jsonc | undefined;

/** A JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** Strict JSON parse; on failure, the first error with its file line and column (jsonc-parser loads only then). */
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    jsonc ??= createRequire(import.meta.url)("jsonc-parser") as typeof Jsonc;
    const errors: Jsonc.ParseError[] = [];
    jsonc.parse(text, errors, { allowTrailingComma: false, disallowComments: true });
    const first = errors[0];
    if (!first) return { ok: false, message: (e as Error).message, line: 1, column: 1 };
    const pos = positionAt(text, first.offset);
    return {
      ok: false,
      message: `${jsonc.printParseErrorCode(first.error)} (${(e as Error).message})`,
      ...pos,
    };
  }
}

/** A pack file's JSON syntax error as a `load/json-syntax` diagnostic at its line and column. */
export function jsonSyntaxDiagnostic(r: Extract<JsonResult, { ok: false }>, file: string): Diagnostic {
  return {
    rule: "load/json-syntax",
    severity: "error",
    message: r.message,
    file,
    line: r.line,
    column: r.column,
  };
}
